/**
 * String normalisation of the GRIT and GTT scorers (`normalize_string` in both eval.py files):
 * lower-case, drop ASCII punctuation (Python's `string.punctuation`), replace the whole words
 * a/an/the with a space, collapse whitespace.
 */
const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** `\b(a|an|the)\b` with Python's Unicode word characters. */
const ARTICLES = /(?<![\p{L}\p{N}\p{M}_])(?:a|an|the)(?![\p{L}\p{N}\p{M}_])/gu;

export function normalizeString(s: string): string {
  return s.toLowerCase().replace(PUNCT, "").replace(ARTICLES, " ").split(/\s+/u).filter(Boolean).join(" ");
}
