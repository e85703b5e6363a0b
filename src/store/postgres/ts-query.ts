import { parseSearchTerms } from "../search-terms.js";

/** The text search configuration the adapter creates: the `simple` parser and dictionary, accents removed. */
export const SEARCH_CONFIG = "sitrep_search";

/**
 * A user's search input as a PostgreSQL tsquery expression plus its parameters: each term
 * becomes `phraseto_tsquery(…)` (a word or a quoted phrase; `ISIS-K` is the phrase `isis-k <-> isis
 * <-> k`, matching how the text was indexed), a prefix word `to_tsquery('…':*)` with the word
 * quoted as a tsquery literal, and the terms are ANDed. User text only ever travels as a
 * parameter, and tsquery syntax characters in it are quoted, so no input can raise a syntax
 * error. Returns undefined when nothing is left to search for.
 */
export function toTsQuery(input: string): { sql: string; params: string[] } | undefined {
  const terms = parseSearchTerms(input);
  if (!terms.length) return undefined;
  const parts: string[] = [];
  const params: string[] = [];
  for (const t of terms) {
    if (t.prefix) {
      parts.push(`to_tsquery('${SEARCH_CONFIG}', ?)`);
      params.push(`'${t.text.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`);
    } else {
      parts.push(`phraseto_tsquery('${SEARCH_CONFIG}', ?)`);
      params.push(t.text);
    }
  }
  return { sql: parts.length === 1 ? parts[0] : `(${parts.join(" && ")})`, params };
}
