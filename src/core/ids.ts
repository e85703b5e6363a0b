/**
 * Deterministic identifiers. Ids are derived from content so that re-running the pipeline on the
 * same text yields the same ids. FNV-1a 64-bit keeps core free of node:crypto; document ids
 * (content hashes) use SHA-256 computed at the ingest edge and passed in.
 */
export function fnv1a64(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (c + i), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

export function makeId(prefix: string, ...parts: (string | number | undefined)[]): string {
  return `${prefix}:${fnv1a64(parts.map((p) => String(p ?? "")).join("\u241f"))}`;
}

/** "Islamic State Khorasan" → "islamic-state-khorasan" */
export function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
