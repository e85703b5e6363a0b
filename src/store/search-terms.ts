/**
 * What a user typed into the search box, split into terms both full-text dialects understand:
 * every bare word and every "quoted phrase" is one term (ANDed), a trailing `*` on a word asks
 * for a prefix match (`Shabaa*`), and terms without a letter or digit are dropped. Each adapter
 * turns the terms into its own query syntax (SQLite: `toFtsQuery`; PostgreSQL: `toTsQuery`) with
 * quoting, so punctuation such as `ISIS-K`, `al-Shabaab's`, `"` or `(` never breaks it.
 */
export interface SearchTerm {
  /** The word or phrase as typed (quotes and the prefix star removed). */
  text: string;
  /** Whether the term's last word is a prefix. */
  prefix: boolean;
}

export function parseSearchTerms(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const phrase = m[1];
    let word = m[2];
    let prefix = false;
    if (word !== undefined && word.length > 1 && word.endsWith("*")) {
      word = word.replace(/\*+$/, "");
      prefix = true;
    }
    const text = phrase ?? word ?? "";
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    terms.push({ text, prefix });
  }
  return terms;
}
