/**
 * Folding for name look-ups, kept in the store so stored keys and queries fold the same way:
 * compatibility decomposition, no combining marks, lower case, straight apostrophes, ASCII
 * hyphens, single spaces. "Boko Ḥarām" and "boko haram" fold to the same key.
 */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02BC\u02BB`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
