/**
 * Maps offsets in the pipeline's normalised text back to the raw text it came from. The pipeline
 * (normalizeText) only deletes characters (BOM, zero-width, soft hyphens, controls, CR, trailing
 * blanks, leading/trailing space), swaps no-break spaces for spaces and applies NFC; so a greedy
 * walk that matches equal characters and skips deleted ones recovers the alignment.
 */
export interface OffsetMap {
  /** Raw offset of a normalised offset (start positions; `toRaw(norm.length)` is raw end). */
  toRaw(pos: number): number;
  /** Raw end offset for a normalised end offset (exclusive). */
  endToRaw(pos: number): number;
}

const SPACE_LIKE = /[\u00A0\u2007\u202F]/;

/** Builds the map; identity when the texts are equal. */
export function alignNormalized(raw: string, norm: string): OffsetMap {
  if (raw === norm) return { toRaw: (p) => p, endToRaw: (p) => p };
  const map = new Int32Array(norm.length + 1);
  const ends = new Int32Array(norm.length + 1);
  let i = 0;
  let j = 0;
  while (j < norm.length && i < raw.length) {
    const r = raw[i];
    const n = norm[j];
    if (r === n || (n === " " && SPACE_LIKE.test(r))) {
      map[j] = i++;
      ends[j++] = i;
      continue;
    }
    // NFC composition: several raw code units became one normalised character
    let composed = 0;
    for (let k = 2; k <= 4 && i + k <= raw.length; k++) {
      if (raw.slice(i, i + k).normalize("NFC") === n) {
        composed = k;
        break;
      }
    }
    if (composed) {
      map[j] = i;
      i += composed;
      ends[j++] = i;
      continue;
    }
    i++; // a deleted raw character
  }
  // anything left over (should not happen) maps to the end of the raw text
  while (j < norm.length) {
    map[j] = raw.length;
    ends[j++] = raw.length;
  }
  map[norm.length] = i;
  return {
    toRaw: (p) => map[Math.max(0, Math.min(p, norm.length))],
    endToRaw: (p) => (p <= 0 ? map[0] : ends[Math.min(p, norm.length) - 1]),
  };
}
