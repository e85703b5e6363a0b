/**
 * Turns what a user typed into a safe FTS5 MATCH expression. Every bare word and every
 * "quoted phrase" becomes a quoted FTS5 string (inner quotes doubled), so punctuation such as
 * `ISIS-K`, `al-Shabaab's`, `"` or `(` can never raise an FTS5 syntax error; a trailing `*`
 * on a word keeps prefix search (`Shabaa*`). Terms are ANDed. Words without a letter or digit
 * are dropped; an empty result means "nothing to search for".
 */
export function toFtsQuery(input: string): string {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const phrase = m[1];
    let word = m[2];
    let prefix = false;
    if (word !== undefined && word.length > 1 && word.endsWith("*")) {
      word = word.replace(/\*+$/, "");
      prefix = true;
    }
    const term = phrase ?? word ?? "";
    if (!/[\p{L}\p{N}]/u.test(term)) continue;
    terms.push(`"${term.replace(/"/g, '""')}"${prefix ? "*" : ""}`);
  }
  return terms.join(" ");
}
