/**
 * Spelled-out English cardinal numbers ("nine", "twenty-two", "one hundred and fifty",
 * "two thousand") and digit numerals ("4,000", "1.5"), shared by the date and quantity
 * components. Everything works on lower-case words, one map look-up per word.
 */

/** zero … nineteen. */
const SMALL: ReadonlyMap<string, number> = new Map([
  ["zero", 0],
  ["one", 1],
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
  ["ten", 10],
  ["eleven", 11],
  ["twelve", 12],
  ["thirteen", 13],
  ["fourteen", 14],
  ["fifteen", 15],
  ["sixteen", 16],
  ["seventeen", 17],
  ["eighteen", 18],
  ["nineteen", 19],
]);

const TENS: ReadonlyMap<string, number> = new Map([
  ["twenty", 20],
  ["thirty", 30],
  ["forty", 40],
  ["fourty", 40],
  ["fifty", 50],
  ["sixty", 60],
  ["seventy", 70],
  ["eighty", 80],
  ["ninety", 90],
]);

/** Multipliers that may follow a number ("1.5 million", "two thousand"). */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ["hundred", 100],
  ["thousand", 1_000],
  ["million", 1_000_000],
  ["billion", 1_000_000_000],
  ["trillion", 1_000_000_000_000],
]);

/** Value of a single number word (not a scale word), or undefined. */
export function numberWordValue(word: string): number | undefined {
  return SMALL.get(word) ?? TENS.get(word);
}

/** True for any word that can take part in a spelled-out number. */
export function isNumberWord(word: string): boolean {
  return SMALL.has(word) || TENS.has(word) || SCALES.has(word);
}

const NUMERAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Parses a digit numeral with optional thousands commas and decimals: "4,000" → 4000. */
export function parseNumeral(s: string): number | undefined {
  if (!NUMERAL.test(s)) return undefined;
  return Number(s.replace(/,/g, ""));
}

export interface NumberWordsMatch {
  value: number;
  /** Number of words consumed from `start` (hyphens and "and" included). */
  consumed: number;
}

/**
 * Parses a spelled-out cardinal starting at `words[start]`. Accepts hyphen tokens between tens
 * and units ("twenty", "-", "two"), hyphenated single words ("twenty-two"), "and" after a
 * hundred ("one hundred and fifty") and a leading "a"/"an" before a scale ("a thousand").
 * Returns undefined when `words[start]` does not begin a number.
 */
export function parseNumberWords(words: readonly string[], start: number): NumberWordsMatch | undefined {
  let total = 0;
  let current = 0;
  let i = start;
  let last = -1; // index after the last word that belonged to the number
  let seen = false;
  /** Kind of the previous number word: 0 none, 1 small, 2 tens, 3 hundred, 4 big scale. */
  let prev = 0;
  if ((words[i] === "a" || words[i] === "an") && SCALES.has(words[i + 1] ?? "")) {
    current = 1;
    seen = true;
    prev = 1;
    i++;
  }
  while (i < words.length) {
    const w = words[i];
    if (w.includes("-") && w.length > 1) {
      // single hyphenated token such as "twenty-two"
      const parts = w.split("-");
      const tens = TENS.get(parts[0]);
      const unit = SMALL.get(parts[1]);
      if (
        parts.length === 2 &&
        tens !== undefined &&
        unit !== undefined &&
        unit > 0 &&
        unit < 10 &&
        prev !== 1 &&
        prev !== 2
      ) {
        current += tens + unit;
        prev = 1;
        seen = true;
        last = ++i;
        continue;
      }
      break;
    }
    if ((w === "-" || w === "–") && prev === 2) {
      const unit = SMALL.get(words[i + 1] ?? "");
      if (unit !== undefined && unit > 0 && unit < 10) {
        current += unit;
        prev = 1;
        i += 2;
        last = i;
        continue;
      }
      break;
    }
    if (w === "and" && (prev === 3 || prev === 4)) {
      const next = words[i + 1] ?? "";
      if (SMALL.has(next) || TENS.has(next)) {
        i++;
        continue;
      }
      break;
    }
    const small = SMALL.get(w);
    if (small !== undefined) {
      if (prev === 1) break; // "two three" is two numbers
      if (prev === 2 && (small === 0 || small >= 10)) break;
      current += small;
      prev = 1;
      seen = true;
      last = ++i;
      continue;
    }
    const tens = TENS.get(w);
    if (tens !== undefined) {
      if (prev === 1 || prev === 2) break;
      current += tens;
      prev = 2;
      seen = true;
      last = ++i;
      continue;
    }
    const scale = SCALES.get(w);
    if (scale !== undefined && seen) {
      if (scale === 100) {
        if (prev === 3) break;
        current = (current || 1) * 100;
        prev = 3;
      } else {
        total += (current || 1) * scale;
        current = 0;
        prev = 4;
      }
      last = ++i;
      continue;
    }
    break;
  }
  if (!seen || last < 0) return undefined;
  return { value: total + current, consumed: last - start };
}
