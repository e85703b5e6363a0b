import { parseSearchTerms } from "../search-terms.js";

/**
 * Turns what a user typed into a safe FTS5 MATCH expression. Every bare word and every
 * "quoted phrase" (`parseSearchTerms`) becomes a quoted FTS5 string (inner quotes doubled), so
 * punctuation such as `ISIS-K`, `al-Shabaab's`, `"` or `(` can never raise an FTS5 syntax error;
 * a trailing `*` on a word keeps prefix search (`Shabaa*`). Terms are ANDed. Words without a
 * letter or digit are dropped; an empty result means "nothing to search for".
 */
export function toFtsQuery(input: string): string {
  return parseSearchTerms(input)
    .map((t) => `"${t.text.replace(/"/g, '""')}"${t.prefix ? "*" : ""}`)
    .join(" ");
}
