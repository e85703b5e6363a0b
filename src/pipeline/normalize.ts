/**
 * Text normalisation applied once, before any offsets are taken: every stored offset indexes the
 * string this returns. Unicode NFC, LF line ends, no BOM or zero-width characters, no-break
 * spaces as spaces, other control characters removed. Letters, quotes and dashes are kept as
 * written so evidence quotes the source exactly.
 */
export function normalizeText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/[ \t]+\n/g, "\n")
    .trim();
}

/** Folding used for dictionary look-ups: lower case, no diacritics, straight apostrophes. */
export function foldKey(s: string): string {
  // fast path: printable ASCII without a backtick only needs lower-casing
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60) return foldSlow(s);
  }
  return s.toLowerCase();
}

function foldSlow(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02BC\u02BB`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .toLowerCase();
}
