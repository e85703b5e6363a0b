import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { SitrepError } from "../../core/index.js";
import type { AnalysisDoc } from "../doc.js";
import {
  addRows,
  featureId as feat,
  fmix32,
  HashIndex,
  hashPair,
  hashString,
  type WeightTable,
} from "../perceptron.js";
import type { Component } from "../pipeline.js";

/**
 * Named-entity tagger: a greedy left-to-right averaged perceptron over BIO tags for the
 * CoNLL-2003 types (PER, ORG, LOC, MISC), with Ratinov & Roth (2009) style local features
 * (words ±2, shapes, affixes, capitalisation pattern, the two previous predicted tags),
 * gazetteer features baked into the model from the project's own place and actor lists, and
 * a document-level "extended prediction history" (how the same word was tagged earlier in the
 * document). Sentences written all in lower or all in upper case switch the case-dependent
 * features off, and the model is trained with lower/upper-cased copies, so caseless text
 * degrades gracefully.
 *
 * Features are hashed to 32-bit ids (no strings in the model); weights live in
 * `resources/ner-perceptron.bin` with a JSON header `resources/ner-perceptron.json`, trained by
 * `node --import tsx scripts/train.ts conll --data DIR` (eval/conll/train.ts).
 */

export type NerType = "PER" | "ORG" | "LOC" | "MISC";
export const NER_TYPES: readonly NerType[] = ["PER", "ORG", "LOC", "MISC"];

/** One entity the tagger found; offsets index doc.text (`doc.text.slice(start, end) === text`). */
export interface NerSpan {
  start: number;
  end: number;
  text: string;
  type: NerType;
  /** Token index range [tokenStart, tokenEnd) in doc.tokens. */
  tokenStart: number;
  tokenEnd: number;
}

export type { WeightTable };
// Hashing and the weight index are shared with the event-role tagger (../perceptron.ts).
export { fmix32, HashIndex, hashPair, hashString };

// ---------------------------------------------------------------------------------------------
// Per-word information (context-free, cached by word form)

export const CAP_NONE = 0; // no letters
export const CAP_LOWER = 1;
export const CAP_INITIAL = 2;
export const CAP_ALL = 3;
export const CAP_MIXED = 4;

export interface WordInfo {
  /** hash of the lower-cased form (gazetteer and history keys) */
  lower: number;
  /** hash of the lower-cased form with digits as 0 (lexical features) */
  norm: number;
  /** hash of the form as written */
  raw: number;
  /** shape with runs capped at 4 (Xxxxx, dd-dd), case-sensitive / caseless */
  shape: number;
  cshape: number;
  /** shape with runs collapsed (Xx, d-d), case-sensitive / caseless */
  short: number;
  cshort: number;
  /** hashes of prefixes 1..4 then suffixes 1..4 of the lower form (0 = absent) */
  affixes: Uint32Array;
  cap: number;
  letters: boolean;
  /** the word has an upper-case / a lower-case letter */
  upper: boolean;
  lowerCase: boolean;
  /** cached ids of the features that depend on the word alone, per sentence case mode */
  local: (Uint32Array | undefined)[];
  /** cached case-profile class, for the profile function `profiledBy` */
  prof?: number;
  profiledBy?: CaseProfile;
}

function charClass(ch: string, code: number): string {
  if (code >= 48 && code <= 57) return "d";
  if (code >= 65 && code <= 90) return "X";
  if (code >= 97 && code <= 122) return "x";
  if (code < 128) return ch;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? "X" : "x";
  return ch;
}

/** Typographic quotes and apostrophes as the ASCII ones CoNLL text uses. */
function canonical(word: string): string {
  return /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb`´]/.test(word)
    ? word
        .replace(/[\u2018\u2019\u201a\u201b`´]/g, "'")
        .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
        .replace(/^''$/, '"')
    : word;
}

export function wordInfo(word0: string): WordInfo {
  const word = canonical(word0);
  const lower = word.toLowerCase();
  let shape = "";
  let short = "";
  let cshape = "";
  let cshort = "";
  let run = 0;
  let last = "";
  let crun = 0;
  let clast = "";
  let upper = false;
  let lowerCase = false;
  let firstUpper = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const c = charClass(ch, word.charCodeAt(i));
    if (c === "X") {
      upper = true;
      if (i === 0) firstUpper = true;
    } else if (c === "x") lowerCase = true;
    if (c === last) run++;
    else {
      run = 1;
      last = c;
      short += c;
    }
    if (run <= 4) shape += c;
    const cc = c === "X" || c === "x" ? "a" : c;
    if (cc === clast) crun++;
    else {
      crun = 1;
      clast = cc;
      cshort += cc;
    }
    if (crun <= 4) cshape += cc;
  }
  let cap = CAP_NONE;
  if (upper && !lowerCase) cap = word.length > 1 ? CAP_ALL : CAP_INITIAL;
  else if (upper) cap = firstUpper && !/[A-Z]/.test(word.slice(1)) ? CAP_INITIAL : CAP_MIXED;
  else if (lowerCase) cap = CAP_LOWER;
  const affixes = new Uint32Array(8);
  const n = lower.length;
  for (let k = 1; k <= 4; k++) {
    if (n > k) {
      affixes[k - 1] = hashString(lower.slice(0, k));
      affixes[3 + k] = hashString(lower.slice(n - k));
    }
  }
  return {
    lower: hashString(lower),
    norm: hashString(lower.replace(/[0-9]/g, "0")),
    raw: hashString(word),
    shape: hashString(shape),
    cshape: hashString(cshape),
    short: hashString(short),
    cshort: hashString(cshort),
    affixes,
    cap,
    letters: upper || lowerCase,
    upper,
    lowerCase,
    local: [undefined, undefined, undefined],
  };
}

/** `wordInfo` through a bounded per-featuriser cache (cleared past 50,000 distinct words). */
export function cachedWordInfo(cache: Map<string, WordInfo>, word: string): WordInfo {
  let w = cache.get(word);
  if (!w) {
    if (cache.size > 50_000) cache.clear();
    w = wordInfo(word);
    cache.set(word, w);
  }
  return w;
}

/** 0: mixed case (or no letters), 1: every letter lower case, 2: every letter upper case. */
export function sentenceCaseMode(infos: readonly WordInfo[]): number {
  let up = false;
  let lo = false;
  for (const w of infos) {
    if (w.upper) up = true;
    if (w.lowerCase) lo = true;
  }
  if (up && !lo) return 2;
  if (lo && !up) return 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Gazetteer: prefix-hash table of lower-cased token sequences

/** Gazetteer types (bit numbers in the table's values). */
export const GAZ_TYPES = ["country", "demonym", "city", "bigcity", "region", "armed", "org"] as const;
const GAZ_PREFIX = 0x80;
const GAZ_MAX_LEN = 8;
const GAZ_SEED = 0x5bd1e995;

/** Prefix hashes of a phrase's lower-cased tokens: element k is the key of tokens[0..k]. */
export function gazPrefixKeys(tokens: readonly string[]): number[] {
  const out: number[] = [];
  let h = GAZ_SEED;
  for (const t of tokens) {
    h = hashPair(h, hashString(canonical(t).toLowerCase()));
    out.push(h === 0 ? 1 : h);
  }
  return out;
}

/**
 * Builds the table's keys and values from phrases: the full phrase key carries its type bits,
 * every proper prefix carries GAZ_PREFIX.
 */
export function buildGazetteerTable(phrases: { tokens: string[]; type: number }[]): {
  keys: Uint32Array;
  vals: Uint8Array;
} {
  const m = new Map<number, number>();
  for (const p of phrases) {
    if (p.tokens.length === 0 || p.tokens.length > GAZ_MAX_LEN) continue;
    const ks = gazPrefixKeys(p.tokens);
    for (let i = 0; i < ks.length; i++) {
      const bit = i === ks.length - 1 ? 1 << p.type : GAZ_PREFIX;
      m.set(ks[i], (m.get(ks[i]) ?? 0) | bit);
    }
  }
  const keys = new Uint32Array([...m.keys()].sort((a, b) => a - b));
  const vals = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) vals[i] = m.get(keys[i])!;
  return { keys, vals };
}

export class Gazetteer {
  private readonly index: HashIndex;
  private readonly vals: Uint8Array;

  constructor(keys: Uint32Array, vals: Uint8Array) {
    this.index = HashIndex.fromKeys(keys);
    this.vals = vals;
  }

  /** The table's value (type bits | GAZ_PREFIX) for a prefix hash, or -1 when absent. */
  value(h: number): number {
    const r = this.index.get(h === 0 ? 1 : h);
    return r < 0 ? -1 : this.vals[r];
  }

  /**
   * Per token, the gazetteer codes covering it: type * 4 + position (0 begin, 1 inside,
   * 2 last, 3 single token). Per type, longest matches left to right.
   */
  codes(infos: readonly WordInfo[]): number[][] | undefined {
    const n = infos.length;
    const nt = GAZ_TYPES.length;
    // longest[i * nt + t]: length of the longest match of type t starting at i
    const longest = new Uint8Array(n * nt);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!infos[i].letters) continue;
      let h = GAZ_SEED;
      for (let j = i; j < n && j - i < GAZ_MAX_LEN; j++) {
        h = hashPair(h, infos[j].lower);
        const r = this.index.get(h === 0 ? 1 : h);
        if (r < 0) break;
        const v = this.vals[r];
        for (let t = 0; t < nt; t++) {
          if (v & (1 << t)) {
            longest[i * nt + t] = j - i + 1;
            any = true;
          }
        }
        if (!(v & GAZ_PREFIX)) break;
      }
    }
    if (!any) return undefined;
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [];
    for (let t = 0; t < nt; t++) {
      let i = 0;
      while (i < n) {
        const len = longest[i * nt + t];
        if (len === 0) {
          i++;
          continue;
        }
        if (len === 1) out[i].push(t * 4 + 3);
        else {
          out[i].push(t * 4);
          for (let k = i + 1; k < i + len - 1; k++) out[k].push(t * 4 + 1);
          out[i + len - 1].push(t * 4 + 2);
        }
        i += len;
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Tag set

export class TagSet {
  readonly names: readonly string[];
  /** "B" | "I" | "O" | "L" | "U" per tag */
  readonly prefix: readonly string[];
  /** index into NER_TYPES, or -1 for O */
  readonly type: Int8Array;
  /** allowed[prev * (n + 1) + cur]; prev = n is the sentence start */
  readonly allowed: Uint8Array;
  readonly start: number;

  constructor(names: readonly string[]) {
    this.names = names;
    const n = names.length;
    this.start = n;
    this.prefix = names.map((t) => (t === "O" ? "O" : t.slice(0, 1)));
    this.type = new Int8Array(names.map((t) => (t === "O" ? -1 : NER_TYPES.indexOf(t.slice(2) as NerType))));
    this.allowed = new Uint8Array((n + 1) * (n + 1));
    for (let p = 0; p <= n; p++) {
      const pp = p === n ? "O" : this.prefix[p];
      const pt = p === n ? -1 : this.type[p];
      const open = pp === "B" || pp === "I";
      for (let c = 0; c < n; c++) {
        const cp = this.prefix[c];
        const continues = cp === "I" || cp === "L";
        const ok = continues ? open && pt === this.type[c] : !(open && this.hasEndTags());
        this.allowed[p * (n + 1) + c] = ok ? 1 : 0;
      }
    }
  }

  /** BILOU sets: B/I must be closed by L. */
  private hasEndTags(): boolean {
    return this.prefix.includes("L");
  }

  index(name: string): number {
    const i = this.names.indexOf(name);
    if (i < 0) throw new SitrepError("E_VALIDATION", `unknown NER tag "${name}"`);
    return i;
  }

  /** Tag names of a sequence of indices, as BIO (IOB2). */
  toBio(seq: ArrayLike<number>): string[] {
    const out: string[] = new Array(seq.length);
    const endTags = this.hasEndTags();
    let prevOpen = false;
    let prevType = -1;
    for (let i = 0; i < seq.length; i++) {
      const t = seq[i];
      const ty = this.type[t];
      if (ty < 0) {
        out[i] = "O";
        prevOpen = false;
        prevType = -1;
        continue;
      }
      const p = this.prefix[t];
      const continues = (p === "I" || p === "L") && prevOpen && prevType === ty;
      out[i] = `${continues ? "I" : "B"}-${NER_TYPES[ty]}`;
      prevOpen = endTags ? p === "B" || p === "I" : true;
      prevType = ty;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Features

/** Template ids. Changing them (or the hashing) invalidates a trained model. */
const T = {
  BIAS: 0,
  MODE: 1,
  W0: 2,
  WM1: 3,
  WP1: 4,
  WM2: 5,
  WP2: 6,
  RAW0: 7,
  PRE: 8, // 8..11
  SUF: 12, // 12..15
  SHAPE0: 16,
  SHORT0: 17,
  SHORTM1: 18,
  SHORTP1: 19,
  SHORT_M1_0: 20,
  SHORT_0_P1: 21,
  CAPPAT: 22,
  FIRST: 23,
  BI_M1_0: 24,
  BI_0_P1: 25,
  GAZ: 26,
  GAZ_CAP: 27,
  P1: 28,
  P2P1: 29,
  P1_W0: 30,
  P1_SHAPE: 31,
  HIST: 32,
  HIST_MAJ: 33,
  HIST_CAP: 34,
  GAZ_M1: 35,
  GAZ_P1: 36,
  RAWM1: 37,
  RAWP1: 38,
  PROF0: 39,
  PROFM1: 40,
  PROFP1: 41,
} as const;

export const FEATURE_SET_VERSION = "ner-features/1";

const BOS = hashString("<s>");
const EOS = hashString("</s>");
const MAX_STATIC = 64;
const MAX_DYNAMIC = 16;

/** A sentence with its context-free features computed. */
export interface PreparedSentence {
  n: number;
  mode: number;
  infos: WordInfo[];
  /** mode-aware shape value per token (used by dynamic features) */
  shapeVal: Uint32Array;
  /**
   * static feature ids of token i: keys[offs[i] .. offs[i + 1]); the first part, up to
   * local[i], depends on the word alone (its score can be cached per word)
   */
  keys: Uint32Array;
  offs: Int32Array;
  local: Int32Array;
}

/** Counts of the types a word was tagged with earlier in the document (4 types + O). */
export class TagHistory {
  private readonly seen = new Map<number, Int32Array>();

  observe(lower: number, type: number): void {
    let c = this.seen.get(lower);
    if (!c) {
      c = new Int32Array(NER_TYPES.length + 1);
      this.seen.set(lower, c);
    }
    c[type < 0 ? NER_TYPES.length : type]++;
  }

  get(lower: number): Int32Array | undefined {
    return this.seen.get(lower);
  }
}

/**
 * How a word is usually written, from the training text: 0 unknown, else a class of the share
 * of capitalised occurrences (see eval/conll/train.ts). Keyed by WordInfo.lower.
 */
export type CaseProfile = (lower: number) => number;

export class NerFeaturizer {
  private readonly cache = new Map<string, WordInfo>();
  private scratch = new Uint32Array(64 * MAX_STATIC);
  readonly gazetteer: Gazetteer | undefined;
  /** Replaceable (the trainer leaves each document's own counts out). */
  profile: CaseProfile | undefined;

  constructor(gazetteer?: Gazetteer, profile?: CaseProfile) {
    this.gazetteer = gazetteer;
    this.profile = profile;
  }

  info(word: string): WordInfo {
    return cachedWordInfo(this.cache, word);
  }

  prepare(words: readonly string[]): PreparedSentence {
    const n = words.length;
    const infos: WordInfo[] = new Array(n);
    for (let i = 0; i < n; i++) infos[i] = this.info(words[i]);
    const mode = sentenceCaseMode(infos);
    const gaz = this.gazetteer ? this.gazetteer.codes(infos) : undefined;
    const shapeVal = new Uint32Array(n);
    const shortVal = new Uint32Array(n);
    const prof = new Uint8Array(n);
    const profile = this.profile;
    if (profile) {
      for (let i = 0; i < n; i++) {
        const w = infos[i];
        if (w.profiledBy !== profile) {
          w.prof = profile(w.lower);
          w.profiledBy = profile;
        }
        prof[i] = w.prof!;
      }
    }
    for (let i = 0; i < n; i++) {
      const w = infos[i];
      shapeVal[i] = mode === 0 ? w.shape : hashPair(w.cshape, mode);
      shortVal[i] = mode === 0 ? w.short : hashPair(w.cshort, mode);
    }
    if (this.scratch.length < n * MAX_STATIC) this.scratch = new Uint32Array(n * MAX_STATIC * 2);
    const keys = this.scratch;
    const offs = new Int32Array(n + 1);
    const local = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      offs[i] = k;
      const w = infos[i];
      let lk = w.local[mode];
      if (!lk) {
        lk = this.localKeys(w, mode, shapeVal[i], shortVal[i]);
        w.local[mode] = lk;
      }
      keys.set(lk, k);
      k += lk.length;
      local[i] = k;
      const normM1 = i > 0 ? infos[i - 1].norm : BOS;
      const normM2 = i > 1 ? infos[i - 2].norm : BOS;
      const normP1 = i + 1 < n ? infos[i + 1].norm : EOS;
      const normP2 = i + 2 < n ? infos[i + 2].norm : EOS;
      const shortM1 = i > 0 ? shortVal[i - 1] : BOS;
      const shortP1 = i + 1 < n ? shortVal[i + 1] : EOS;
      keys[k++] = feat(T.WM1, normM1);
      keys[k++] = feat(T.WP1, normP1);
      keys[k++] = feat(T.WM2, normM2);
      keys[k++] = feat(T.WP2, normP2);
      keys[k++] = feat(T.BI_M1_0, hashPair(normM1, w.norm));
      keys[k++] = feat(T.BI_0_P1, hashPair(w.norm, normP1));
      keys[k++] = feat(T.SHORTM1, shortM1);
      keys[k++] = feat(T.SHORTP1, shortP1);
      keys[k++] = feat(T.SHORT_M1_0, hashPair(shortM1, shortVal[i]));
      keys[k++] = feat(T.SHORT_0_P1, hashPair(shortVal[i], shortP1));
      if (mode === 0) {
        keys[k++] = feat(T.RAWM1, i > 0 ? infos[i - 1].raw : BOS);
        keys[k++] = feat(T.RAWP1, i + 1 < n ? infos[i + 1].raw : EOS);
        const cm1 = i > 0 ? infos[i - 1].cap : 7;
        const cp1 = i + 1 < n ? infos[i + 1].cap : 7;
        keys[k++] = feat(T.CAPPAT, cm1 * 64 + w.cap * 8 + cp1);
        keys[k++] = feat(T.FIRST, (i === 0 ? 8 : 0) + w.cap);
      } else {
        keys[k++] = feat(T.FIRST, 16 * mode + (i === 0 ? 1 : 0));
      }
      if (this.profile) {
        keys[k++] = feat(T.PROF0, mode === 0 ? prof[i] * 8 + w.cap : 256 * mode + prof[i]);
        keys[k++] = feat(T.PROFM1, i > 0 ? mode * 64 + prof[i - 1] : 255);
        keys[k++] = feat(T.PROFP1, i + 1 < n ? mode * 64 + prof[i + 1] : 255);
      }
      if (gaz) {
        for (const c of gaz[i]) {
          if (k >= offs[i] + MAX_STATIC - 4) break;
          keys[k++] = feat(T.GAZ, c);
          keys[k++] = feat(T.GAZ_CAP, mode === 0 ? c * 8 + w.cap : 1000 + c);
        }
        if (i > 0)
          for (const c of gaz[i - 1]) if (k < offs[i] + MAX_STATIC - 1) keys[k++] = feat(T.GAZ_M1, c);
        if (i + 1 < n)
          for (const c of gaz[i + 1]) if (k < offs[i] + MAX_STATIC - 1) keys[k++] = feat(T.GAZ_P1, c);
      }
    }
    offs[n] = k;
    return { n, mode, infos, shapeVal, keys: keys.slice(0, k), offs, local };
  }

  /** Ids of the features that depend only on the word (and the sentence case mode). */
  private localKeys(w: WordInfo, mode: number, shape: number, short: number): Uint32Array {
    const out: number[] = [feat(T.BIAS, 0), feat(T.MODE, mode), feat(T.W0, w.norm)];
    for (let a = 0; a < 4; a++) {
      if (w.affixes[a] !== 0) out.push(feat(T.PRE + a, w.affixes[a]));
      if (w.affixes[4 + a] !== 0) out.push(feat(T.SUF + a, w.affixes[4 + a]));
    }
    out.push(feat(T.SHAPE0, shape), feat(T.SHORT0, short));
    if (mode === 0) out.push(feat(T.RAW0, w.raw));
    return new Uint32Array(out);
  }

  /**
   * Features that depend on earlier decisions: the previous two tags and the document
   * history of this word. Written into `out` from 0; returns the count.
   */
  dynamic(
    s: PreparedSentence,
    i: number,
    p1: number,
    p2: number,
    hist: TagHistory | undefined,
    out: Uint32Array,
  ): number {
    const w = s.infos[i];
    let k = 0;
    out[k++] = feat(T.P1, p1);
    out[k++] = feat(T.P2P1, p2 * 64 + p1);
    out[k++] = feat(T.P1_W0, hashPair(p1, w.norm));
    out[k++] = feat(T.P1_SHAPE, hashPair(p1, s.shapeVal[i]));
    if (hist && w.letters) {
      const c = hist.get(w.lower);
      if (c) {
        let mask = 0;
        let best = NER_TYPES.length;
        for (let t = 0; t <= NER_TYPES.length; t++) {
          if (c[t] > 0 && t < NER_TYPES.length) mask |= 1 << t;
          if (c[t] > c[best]) best = t;
        }
        out[k++] = feat(T.HIST, mask);
        out[k++] = feat(T.HIST_MAJ, best);
        out[k++] = feat(T.HIST_CAP, s.mode === 0 ? mask * 8 + w.cap : 1000 + mask);
      }
    }
    return k;
  }
}

export const DYNAMIC_BUFFER = MAX_DYNAMIC;

// ---------------------------------------------------------------------------------------------
// Weights and decoding

/**
 * Greedy decoding of sentences in document order (the history carries across them): the
 * reference decoder, used by the trainer (whose weights change); run time uses `CachedDecoder`,
 * which gives the same tags.
 */
export function decodeDocument(
  fx: NerFeaturizer,
  table: WeightTable,
  tags: TagSet,
  sentences: readonly PreparedSentence[],
  useHistory: boolean,
): Int32Array[] {
  const nt = tags.names.length;
  const scores = new Float64Array(nt);
  const dyn = new Uint32Array(MAX_DYNAMIC);
  const hist = useHistory ? new TagHistory() : undefined;
  const out: Int32Array[] = [];
  const stride = nt + 1;
  for (const s of sentences) {
    const seq = new Int32Array(s.n);
    let p1 = tags.start;
    let p2 = tags.start;
    for (let i = 0; i < s.n; i++) {
      scores.fill(0);
      addRows(table, s.keys, s.offs[i], s.offs[i + 1], scores);
      const nd = fx.dynamic(s, i, p1, p2, hist, dyn);
      addRows(table, dyn, 0, nd, scores);
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      const row = p1 * stride;
      for (let t = 0; t < nt; t++) {
        if (tags.allowed[row + t] && scores[t] > bestScore) {
          bestScore = scores[t];
          best = t;
        }
      }
      if (best < 0) best = 0;
      seq[i] = best;
      if (hist && s.infos[i].letters) hist.observe(s.infos[i].lower, tags.type[best]);
      p2 = p1;
      p1 = best;
    }
    out.push(seq);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The trained model

export interface NerModelHeader {
  schema: "sitrep.ner-perceptron/1";
  featureSet: string;
  tags: string[];
  useHistory: boolean;
  features: number;
  gazetteerEntries: number;
  caseProfileEntries: number;
  /** Weights are int16; multiply by this to get the averaged perceptron's values. */
  weightScale: number;
  /** Byte offsets into the .bin file. */
  layout: {
    keys: number;
    weights: number;
    gazKeys: number;
    gazVals: number;
    profKeys: number;
    profVals: number;
    bytes: number;
  };
  training?: Record<string, unknown>;
}

/** The arrays a model is made of (before quantisation). */
export interface NerModelParts {
  keys: Uint32Array;
  weights: Float32Array | Float64Array;
  gazKeys: Uint32Array;
  gazVals: Uint8Array;
  profKeys: Uint32Array;
  profVals: Uint8Array;
}

export class NerModel implements WeightTable {
  readonly header: NerModelHeader;
  readonly tags: TagSet;
  readonly nTags: number;
  readonly weights: Int16Array;
  readonly gazetteer: Gazetteer;
  readonly profile: CaseProfile | undefined;
  private readonly index: HashIndex;

  constructor(header: NerModelHeader, bin: Uint8Array) {
    if (header.schema !== "sitrep.ner-perceptron/1" || header.featureSet !== FEATURE_SET_VERSION) {
      throw new SitrepError(
        "E_CONFIG",
        `NER model has schema ${header.schema} / ${header.featureSet}; this code reads sitrep.ner-perceptron/1 / ${FEATURE_SET_VERSION}`,
      );
    }
    if (bin.byteLength !== header.layout.bytes) {
      throw new SitrepError(
        "E_CONFIG",
        `NER weights file has ${bin.byteLength} bytes, header says ${header.layout.bytes}`,
      );
    }
    // copy into an aligned buffer
    const buf = new Uint8Array(bin.byteLength);
    buf.set(bin);
    const ab = buf.buffer;
    const L = header.layout;
    this.header = header;
    this.tags = new TagSet(header.tags);
    this.nTags = header.tags.length;
    const keys = new Uint32Array(ab, L.keys, header.features);
    this.weights = new Int16Array(ab, L.weights, header.features * this.nTags);
    this.index = HashIndex.fromKeys(keys);
    this.gazetteer = new Gazetteer(
      new Uint32Array(ab, L.gazKeys, header.gazetteerEntries),
      new Uint8Array(ab, L.gazVals, header.gazetteerEntries),
    );
    if (header.caseProfileEntries > 0) {
      const pIndex = HashIndex.fromKeys(new Uint32Array(ab, L.profKeys, header.caseProfileEntries));
      const pVals = new Uint8Array(ab, L.profVals, header.caseProfileEntries);
      this.profile = (lower: number) => {
        const r = pIndex.get(lower === 0 ? 1 : lower);
        return r < 0 ? 0 : pVals[r];
      };
    }
  }

  row(key: number): number {
    return this.index.get(key);
  }

  /** A featurizer wired to this model's gazetteer and case profile. */
  featurizer(): NerFeaturizer {
    return new NerFeaturizer(this.gazetteer, this.profile);
  }

  /** Serialises to header + binary (little-endian typed arrays, weights as int16). */
  static encode(
    base: Pick<NerModelHeader, "tags" | "useHistory" | "training">,
    parts: NerModelParts,
  ): { header: NerModelHeader; bin: Uint8Array } {
    const nt = base.tags.length;
    const { keys, weights, gazKeys, gazVals, profKeys, profVals } = parts;
    let max = 0;
    for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
    const scale = max > 0 ? max / 32767 : 1;
    const align = (x: number) => (x + 7) & ~7;
    const kOff = 0;
    const wOff = align(kOff + keys.length * 4);
    const gkOff = align(wOff + keys.length * nt * 2);
    const gvOff = align(gkOff + gazKeys.length * 4);
    const pkOff = align(gvOff + gazVals.length);
    const pvOff = align(pkOff + profKeys.length * 4);
    const bytes = align(pvOff + profVals.length);
    const bin = new Uint8Array(bytes);
    const ab = bin.buffer;
    new Uint32Array(ab, kOff, keys.length).set(keys);
    const q = new Int16Array(ab, wOff, keys.length * nt);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(weights[i] / scale);
    new Uint32Array(ab, gkOff, gazKeys.length).set(gazKeys);
    new Uint8Array(ab, gvOff, gazVals.length).set(gazVals);
    new Uint32Array(ab, pkOff, profKeys.length).set(profKeys);
    new Uint8Array(ab, pvOff, profVals.length).set(profVals);
    const header: NerModelHeader = {
      schema: "sitrep.ner-perceptron/1",
      featureSet: FEATURE_SET_VERSION,
      tags: base.tags,
      useHistory: base.useHistory,
      features: keys.length,
      gazetteerEntries: gazKeys.length,
      caseProfileEntries: profKeys.length,
      weightScale: scale,
      layout: {
        keys: kOff,
        weights: wOff,
        gazKeys: gkOff,
        gazVals: gvOff,
        profKeys: pkOff,
        profVals: pvOff,
        bytes,
      },
      ...(base.training ? { training: base.training } : {}),
    };
    return { header, bin };
  }

  /** Loads `<base>.json` + `<base>.bin` (default: the committed resources/ner-perceptron). */
  static load(base: URL = new URL("../resources/ner-perceptron", import.meta.url)): NerModel {
    const jsonUrl = new URL(`${base.href}.json`);
    const binUrl = new URL(`${base.href}.bin`);
    let header: NerModelHeader;
    let bin: Uint8Array;
    try {
      header = JSON.parse(readFileSync(jsonUrl, "utf8")) as NerModelHeader;
      bin = readFileSync(binUrl);
    } catch (e) {
      throw new SitrepError(
        "E_NOT_FOUND",
        `NER model not found at ${jsonUrl.pathname} / .bin (train it with: node --import tsx scripts/train.ts conll --data DIR)`,
        { path: jsonUrl.pathname },
        { cause: e },
      );
    }
    return new NerModel(header, bin);
  }
}

// ---------------------------------------------------------------------------------------------
// Run-time decoder with per-word score caches
//
// Computes exactly the features of `NerFeaturizer` + `decodeDocument` (same multiset of feature
// ids per token, so the same tags: the weights are int16, sums of them are exact integers in any
// order), but sums the weights of everything that depends on one word alone (as the current word
// and as a neighbour at offsets -2..+2) once per word form and case mode, and reads the small
// feature families (capitalisation pattern, previous tags, history, gazetteer codes) from tables
// built at start-up. Per token that leaves a few vector additions, the word and shape bigram
// features (two hashes into small direct-mapped caches of their weight rows), the previous
// tag × word / shape rows (cached on the word) and the history counts (kept on the word).

/** How often one word was tagged with each type (4 types + O) in the document numbered `gen`. */
class HistSlot {
  gen = -1;
  readonly counts = new Int32Array(NER_TYPES.length + 1);
}

/** Units of nTags in WordEntry.vec: per mode m at 3m current word, 3m + 1 as left neighbour,
 * 3m + 2 as right neighbour; then as the word two to the left, two to the right. */
const VEC_LEFT2 = 9;
const VEC_RIGHT2 = 10;
const VEC_UNITS = 11;
const ROW_UNKNOWN = -2;

/** A word form's hashes and summed feature weights (filled per case mode on first use). */
class WordEntry {
  readonly norm: number;
  readonly lower: number;
  readonly raw: number;
  readonly cap: number;
  readonly letters: boolean;
  readonly upper: boolean;
  readonly lowerCase: boolean;
  readonly prof: number;
  readonly info: WordInfo;
  /** gazetteer hash and table value of the word as a one-token key (value -1: absent) */
  readonly gazH: number;
  readonly gazV: number;
  /** bit m: the vectors of mode m are filled */
  ready = 0;
  /**
   * One array (one allocation) for: the summed vectors (VEC_UNITS * nTags); the rows of P1_W0
   * per previous tag, then of P1_SHAPE per mode and previous tag (4 * (nTags + 1), -2: not looked
   * up yet); the short shape value per mode (3), the shape value per mode (3) (see
   * CachedDecoder.rowsOff, shortOff, shapeOff; hash values as int32).
   */
  readonly vec: Int32Array;
  readonly hist: HistSlot | undefined;

  constructor(w: WordInfo, prof: number, gazH: number, gazV: number, nt: number, hist: HistSlot | undefined) {
    this.info = w;
    this.norm = w.norm;
    this.lower = w.lower;
    this.raw = w.raw;
    this.cap = w.cap;
    this.letters = w.letters;
    this.upper = w.upper;
    this.lowerCase = w.lowerCase;
    this.prof = prof;
    this.gazH = gazH;
    this.gazV = gazV;
    this.vec = new Int32Array(VEC_UNITS * nt + 4 * (nt + 1) + 6);
    this.vec.fill(ROW_UNKNOWN, VEC_UNITS * nt, VEC_UNITS * nt + 4 * (nt + 1));
    this.hist = hist;
  }
}

/** Word forms kept in the decoder's cache; it is emptied (between documents) beyond this. */
const MAX_CACHED_WORDS = 30_000;
const WORD_PAIR_BITS = 14;
const SHAPE_PAIR_BITS = 12;

/** Slot of pair hash `h` in a direct-mapped pair cache (see CachedDecoder), filled if needed. */
function pairSlot(
  model: NerModel,
  keys: Uint32Array,
  rows: Int32Array,
  bits: number,
  h: number,
  leftTemplate: number,
  rightTemplate: number,
): number {
  let s = h & ((1 << bits) - 1);
  if (keys[s] !== h || h === 0) {
    if (h === 0) s = 1 << bits;
    keys[s] = h;
    rows[2 * s] = model.row(feat(leftTemplate, h));
    rows[2 * s + 1] = model.row(feat(rightTemplate, h));
  }
  return s;
}

/**
 * Greedy decoder of `NerModel` for run time (fixed weights): same tags as `decodeDocument` with
 * the model's featurizer, several times faster.
 */
export class CachedDecoder {
  private readonly model: NerModel;
  private readonly nt: number;
  private readonly stride: number;
  /** offsets in WordEntry.vec */
  private readonly rowsOff: number;
  private readonly shortOff: number;
  private readonly shapeOff: number;
  private readonly W: Int16Array;
  private readonly allowed: Uint8Array;
  private readonly tagType: Int8Array;
  private readonly useHistory: boolean;
  private readonly hasProfile: boolean;
  private readonly words = new Map<string, WordEntry>();
  private readonly slots = new Map<number, HistSlot>();
  private gen = 0;
  /** per mode m at 4m (units of nTags): BOS as left neighbour, BOS two to the left, EOS as right
   * neighbour, EOS two to the right */
  private readonly edge: Int32Array;
  /** P1 + P2P1 summed, at (p2 * stride + p1) * nTags */
  private readonly prevTags: Int32Array;
  /**
   * CAPPAT + FIRST summed: mode 0 at ((capPattern * 2) + first word) * nTags, modes 1 and 2 at
   * (1024 + 16 * mode + first word) * nTags
   */
  private readonly capFirst: Int32Array;
  // rows of the small feature families, by feature value
  private readonly histMask: Int32Array;
  private readonly histMaj: Int32Array;
  /** HIST_CAP: mode 0 at mask * 8 + cap, other modes at 128 + mask */
  private readonly histCap: Int32Array;
  private readonly gaz: Int32Array;
  private readonly gazCap0: Int32Array;
  private readonly gazCapN: Int32Array;
  private readonly gazM1: Int32Array;
  private readonly gazP1: Int32Array;
  private readonly acc: Int32Array;
  /**
   * Direct-mapped caches of the rows of the bigram features by the pair's hash: word bigrams
   * (BI_0_P1 of the left word, BI_M1_0 of the right) and shape bigrams (SHORT_0_P1,
   * SHORT_M1_0). Slot s holds the hash at keys[s] and the two rows at rows[2s], rows[2s + 1];
   * the last slot is scratch for hash 0.
   */
  private readonly wordPairKeys = new Uint32Array((1 << WORD_PAIR_BITS) + 1);
  private readonly wordPairRows = new Int32Array(2 * ((1 << WORD_PAIR_BITS) + 1));
  private readonly shapePairKeys = new Uint32Array((1 << SHAPE_PAIR_BITS) + 1);
  private readonly shapePairRows = new Int32Array(2 * ((1 << SHAPE_PAIR_BITS) + 1));
  private ents: WordEntry[] = [];
  private gazMask = new Int32Array(64);
  private longest = new Uint8Array(64 * GAZ_TYPES.length);

  constructor(model: NerModel) {
    this.model = model;
    const nt = model.nTags;
    this.nt = nt;
    this.stride = nt + 1;
    this.rowsOff = VEC_UNITS * nt;
    this.shortOff = this.rowsOff + 4 * (nt + 1);
    this.shapeOff = this.shortOff + 3;
    this.W = model.weights;
    this.allowed = model.tags.allowed;
    this.tagType = model.tags.type;
    this.useHistory = model.header.useHistory;
    this.hasProfile = model.profile !== undefined;
    this.acc = new Int32Array(nt);
    const rows = (t: number, n: number, value: (i: number) => number = (i) => i) => {
      const r = new Int32Array(n);
      for (let i = 0; i < n; i++) r[i] = model.row(feat(t, value(i)));
      return r;
    };
    this.capFirst = new Int32Array((1024 + 64) * nt);
    for (let v = 0; v < 512; v++) {
      for (let f = 0; f < 2; f++) {
        this.addKey(this.capFirst, (v * 2 + f) * nt, feat(T.CAPPAT, v));
        this.addKey(this.capFirst, (v * 2 + f) * nt, feat(T.FIRST, f * 8 + ((v >> 3) & 7)));
      }
    }
    for (let v = 0; v < 64; v++) this.addKey(this.capFirst, (1024 + v) * nt, feat(T.FIRST, v));
    this.histMask = rows(T.HIST, 1 << NER_TYPES.length);
    this.histMaj = rows(T.HIST_MAJ, NER_TYPES.length + 1);
    this.histCap = rows(T.HIST_CAP, 128 + 16, (i) => (i < 128 ? i : 1000 + i - 128));
    const nCodes = GAZ_TYPES.length * 4;
    this.gaz = rows(T.GAZ, nCodes);
    this.gazCap0 = rows(T.GAZ_CAP, nCodes * 8);
    this.gazCapN = rows(T.GAZ_CAP, nCodes, (c) => 1000 + c);
    this.gazM1 = rows(T.GAZ_M1, nCodes);
    this.gazP1 = rows(T.GAZ_P1, nCodes);
    const stride = this.stride;
    this.prevTags = new Int32Array(stride * stride * nt);
    for (let p2 = 0; p2 < stride; p2++) {
      for (let p1 = 0; p1 < stride; p1++) {
        const o = (p2 * stride + p1) * nt;
        this.addKey(this.prevTags, o, feat(T.P1, p1));
        this.addKey(this.prevTags, o, feat(T.P2P1, p2 * 64 + p1));
      }
    }
    this.edge = new Int32Array(12 * nt);
    for (let m = 0; m < 3; m++) {
      const o = 4 * m * nt;
      this.addKey(this.edge, o, feat(T.WM1, BOS));
      this.addKey(this.edge, o, feat(T.SHORTM1, BOS));
      if (m === 0) this.addKey(this.edge, o, feat(T.RAWM1, BOS));
      if (this.hasProfile) this.addKey(this.edge, o, feat(T.PROFM1, 255));
      this.addKey(this.edge, o + nt, feat(T.WM2, BOS));
      this.addKey(this.edge, o + 2 * nt, feat(T.WP1, EOS));
      this.addKey(this.edge, o + 2 * nt, feat(T.SHORTP1, EOS));
      if (m === 0) this.addKey(this.edge, o + 2 * nt, feat(T.RAWP1, EOS));
      if (this.hasProfile) this.addKey(this.edge, o + 2 * nt, feat(T.PROFP1, 255));
      this.addKey(this.edge, o + 3 * nt, feat(T.WP2, EOS));
    }
  }

  /** Adds the weights of feature `key` (if the model has it) to dst[off .. off + nTags). */
  private addKey(dst: Int32Array, off: number, key: number): void {
    const r = this.model.row(key);
    if (r < 0) return;
    const W = this.W;
    const nt = this.nt;
    const b = r * nt;
    for (let t = 0; t < nt; t++) dst[off + t] += W[b + t];
  }

  private entry(word: string): WordEntry {
    let e = this.words.get(word);
    if (e === undefined) {
      const w = wordInfo(word);
      const prof = this.model.profile ? this.model.profile(w.lower) : 0;
      let gazH = 0;
      let gazV = -1;
      if (w.letters) {
        gazH = hashPair(GAZ_SEED, w.lower);
        gazV = this.model.gazetteer.value(gazH);
      }
      let slot: HistSlot | undefined;
      if (this.useHistory && w.letters) {
        slot = this.slots.get(w.lower);
        if (slot === undefined) {
          slot = new HistSlot();
          this.slots.set(w.lower, slot);
        }
      }
      e = new WordEntry(w, prof, gazH, gazV, this.nt, slot);
      const nt = this.nt;
      this.addKey(e.vec, VEC_LEFT2 * nt, feat(T.WM2, e.norm));
      this.addKey(e.vec, VEC_RIGHT2 * nt, feat(T.WP2, e.norm));
      this.words.set(word, e);
    }
    return e;
  }

  /** Fills the word's vectors for case mode `mode` (see NerFeaturizer.localKeys and prepare). */
  private fill(e: WordEntry, mode: number): void {
    const nt = this.nt;
    const v = e.vec;
    const w = e.info;
    const shape = mode === 0 ? w.shape : hashPair(w.cshape, mode);
    const short = mode === 0 ? w.short : hashPair(w.cshort, mode);
    v[this.shortOff + mode] = short;
    v[this.shapeOff + mode] = shape;
    const o = 3 * mode * nt;
    this.addKey(v, o, feat(T.BIAS, 0));
    this.addKey(v, o, feat(T.MODE, mode));
    this.addKey(v, o, feat(T.W0, w.norm));
    for (let a = 0; a < 4; a++) {
      if (w.affixes[a] !== 0) this.addKey(v, o, feat(T.PRE + a, w.affixes[a]));
      if (w.affixes[4 + a] !== 0) this.addKey(v, o, feat(T.SUF + a, w.affixes[4 + a]));
    }
    this.addKey(v, o, feat(T.SHAPE0, shape));
    this.addKey(v, o, feat(T.SHORT0, short));
    if (mode === 0) this.addKey(v, o, feat(T.RAW0, w.raw));
    if (this.hasProfile)
      this.addKey(v, o, feat(T.PROF0, mode === 0 ? e.prof * 8 + w.cap : 256 * mode + e.prof));
    // as the left neighbour (i - 1) of a token
    this.addKey(v, o + nt, feat(T.WM1, w.norm));
    this.addKey(v, o + nt, feat(T.SHORTM1, short));
    if (mode === 0) this.addKey(v, o + nt, feat(T.RAWM1, w.raw));
    if (this.hasProfile) this.addKey(v, o + nt, feat(T.PROFM1, mode * 64 + e.prof));
    // as the right neighbour (i + 1)
    this.addKey(v, o + 2 * nt, feat(T.WP1, w.norm));
    this.addKey(v, o + 2 * nt, feat(T.SHORTP1, short));
    if (mode === 0) this.addKey(v, o + 2 * nt, feat(T.RAWP1, w.raw));
    if (this.hasProfile) this.addKey(v, o + 2 * nt, feat(T.PROFP1, mode * 64 + e.prof));
    e.ready |= 1 << mode;
  }

  /** Gazetteer codes of a sentence as one bit per code (type * 4 + position) per token, as
   * Gazetteer.codes; false when nothing matched. */
  private gazCodes(ents: WordEntry[], n: number): boolean {
    const nty = GAZ_TYPES.length;
    if (this.longest.length < n * nty) {
      this.longest = new Uint8Array(n * nty * 2);
      this.gazMask = new Int32Array(n * 2);
    }
    let i0 = 0;
    while (i0 < n && ents[i0].gazV < 0) i0++;
    if (i0 === n) return false;
    const longest = this.longest;
    longest.fill(0, 0, n * nty);
    const gazetteer = this.model.gazetteer;
    let any = false;
    for (let i = 0; i < n; i++) {
      const e = ents[i];
      let v = e.gazV;
      if (v < 0) continue;
      let h = e.gazH;
      for (let j = i; ; ) {
        if (v & ((1 << nty) - 1)) {
          for (let t = 0; t < nty; t++) if (v & (1 << t)) longest[i * nty + t] = j - i + 1;
          any = true;
        }
        if (!(v & GAZ_PREFIX)) break;
        j++;
        if (j >= n || j - i >= GAZ_MAX_LEN) break;
        h = hashPair(h, ents[j].lower);
        v = gazetteer.value(h);
        if (v < 0) break;
      }
    }
    if (!any) return false;
    const mask = this.gazMask;
    mask.fill(0, 0, n);
    for (let t = 0; t < nty; t++) {
      let i = 0;
      while (i < n) {
        const len = longest[i * nty + t];
        if (len === 0) {
          i++;
          continue;
        }
        if (len === 1) mask[i] |= 1 << (t * 4 + 3);
        else {
          mask[i] |= 1 << (t * 4);
          for (let k = i + 1; k < i + len - 1; k++) mask[k] |= 1 << (t * 4 + 1);
          mask[i + len - 1] |= 1 << (t * 4 + 2);
        }
        i += len;
      }
    }
    return true;
  }

  /** Tags (indices into the model's tag set) of a document's sentences, in order, with history. */
  decode(sentences: readonly (readonly string[])[]): Int32Array[] {
    const words: string[] = [];
    const bounds = new Int32Array(sentences.length + 1);
    for (let si = 0; si < sentences.length; si++) {
      for (const w of sentences[si]) words.push(w);
      bounds[si + 1] = words.length;
    }
    const flat = new Int32Array(words.length);
    this.decodeFlat(words, bounds, sentences.length, flat);
    const out: Int32Array[] = new Array(sentences.length);
    for (let si = 0; si < sentences.length; si++) out[si] = flat.slice(bounds[si], bounds[si + 1]);
    return out;
  }

  /**
   * Like `decode`, on a document's words in one array: sentence k is
   * words[bounds[k] .. bounds[k + 1]); its tags go to the same positions of `out`.
   */
  decodeFlat(words: readonly string[], bounds: Int32Array, nSentences: number, out: Int32Array): void {
    if (this.words.size > MAX_CACHED_WORDS) {
      this.words.clear();
      this.slots.clear();
    }
    const gen = ++this.gen;
    for (let si = 0; si < nSentences; si++) {
      const from = bounds[si];
      const n = bounds[si + 1] - from;
      if (n === 0) continue;
      if (this.ents.length < n) this.ents = new Array(n * 2);
      const ents = this.ents;
      let up = false;
      let lo = false;
      for (let i = 0; i < n; i++) {
        const e = this.entry(words[from + i]);
        ents[i] = e;
        if (e.upper) up = true;
        if (e.lowerCase) lo = true;
      }
      const mode = up && !lo ? 2 : lo && !up ? 1 : 0;
      const bit = 1 << mode;
      for (let i = 0; i < n; i++) if (!(ents[i].ready & bit)) this.fill(ents[i], mode);
      const gaz = this.gazCodes(ents, n);
      this.decodeSentence(ents, n, mode, gaz, gen, out, from);
    }
  }

  private decodeSentence(
    ents: WordEntry[],
    n: number,
    mode: number,
    gaz: boolean,
    gen: number,
    out: Int32Array,
    from: number,
  ): void {
    const nt = this.nt;
    const stride = this.stride;
    const acc = this.acc;
    const edge = this.edge;
    const prevTags = this.prevTags;
    const capFirst = this.capFirst;
    const rowsOff = this.rowsOff;
    const shortOff = this.shortOff;
    const allowed = this.allowed;
    const mask = this.gazMask;
    const model = this.model;
    const base = 3 * mode * nt;
    const edgeBase = 4 * mode * nt;
    const wpKeys = this.wordPairKeys;
    const wpRows = this.wordPairRows;
    const spKeys = this.shapePairKeys;
    const spRows = this.shapePairRows;
    // rows of the bigram features shared with the left neighbour (BI_M1_0, SHORT_M1_0)
    let s = pairSlot(
      model,
      wpKeys,
      wpRows,
      WORD_PAIR_BITS,
      hashPair(BOS, ents[0].norm),
      T.BI_0_P1,
      T.BI_M1_0,
    );
    let wordLeft = wpRows[2 * s + 1];
    s = pairSlot(
      model,
      spKeys,
      spRows,
      SHAPE_PAIR_BITS,
      hashPair(BOS, ents[0].vec[shortOff + mode]),
      T.SHORT_0_P1,
      T.SHORT_M1_0,
    );
    let shapeLeft = spRows[2 * s + 1];
    let p1 = nt;
    let p2 = nt;
    for (let i = 0; i < n; i++) {
      const e = ents[i];
      const cur = e.vec;
      let lv = edge;
      let lo = edgeBase;
      let capM1 = 7;
      if (i > 0) {
        const l = ents[i - 1];
        lv = l.vec;
        lo = base + nt;
        capM1 = l.cap;
      }
      let rv = edge;
      let ro = edgeBase + 2 * nt;
      let normP1 = EOS;
      let shortP1 = EOS;
      let capP1 = 7;
      if (i + 1 < n) {
        const r = ents[i + 1];
        rv = r.vec;
        ro = base + 2 * nt;
        normP1 = r.norm;
        shortP1 = rv[shortOff + mode];
        capP1 = r.cap;
      }
      const l2v = i > 1 ? ents[i - 2].vec : edge;
      const l2o = i > 1 ? VEC_LEFT2 * nt : edgeBase + nt;
      const r2v = i + 2 < n ? ents[i + 2].vec : edge;
      const r2o = i + 2 < n ? VEC_RIGHT2 * nt : edgeBase + 3 * nt;
      const po = (p2 * stride + p1) * nt;
      const first = i === 0 ? 1 : 0;
      const co = (mode === 0 ? (capM1 * 64 + e.cap * 8 + capP1) * 2 + first : 1024 + 16 * mode + first) * nt;
      for (let t = 0; t < nt; t++) {
        acc[t] =
          cur[base + t] +
          lv[lo + t] +
          rv[ro + t] +
          l2v[l2o + t] +
          r2v[r2o + t] +
          prevTags[po + t] +
          capFirst[co + t];
      }
      this.addRow(wordLeft);
      this.addRow(shapeLeft);
      s = pairSlot(model, wpKeys, wpRows, WORD_PAIR_BITS, hashPair(e.norm, normP1), T.BI_0_P1, T.BI_M1_0);
      this.addRow(wpRows[2 * s]);
      wordLeft = wpRows[2 * s + 1];
      s = pairSlot(
        model,
        spKeys,
        spRows,
        SHAPE_PAIR_BITS,
        hashPair(cur[shortOff + mode], shortP1),
        T.SHORT_0_P1,
        T.SHORT_M1_0,
      );
      this.addRow(spRows[2 * s]);
      shapeLeft = spRows[2 * s + 1];
      if (gaz) {
        for (let m = mask[i]; m !== 0; m &= m - 1) {
          const c = 31 - Math.clz32(m & -m);
          this.addRow(this.gaz[c]);
          this.addRow(mode === 0 ? this.gazCap0[c * 8 + e.cap] : this.gazCapN[c]);
        }
        if (i > 0)
          for (let m = mask[i - 1]; m !== 0; m &= m - 1) this.addRow(this.gazM1[31 - Math.clz32(m & -m)]);
        if (i + 1 < n)
          for (let m = mask[i + 1]; m !== 0; m &= m - 1) this.addRow(this.gazP1[31 - Math.clz32(m & -m)]);
      }
      // previous tag × word, previous tag × shape
      let r = cur[rowsOff + p1];
      if (r === ROW_UNKNOWN) {
        r = model.row(feat(T.P1_W0, hashPair(p1, e.norm)));
        cur[rowsOff + p1] = r;
      }
      this.addRow(r);
      const so = rowsOff + (1 + mode) * stride + p1;
      r = cur[so];
      if (r === ROW_UNKNOWN) {
        r = model.row(feat(T.P1_SHAPE, hashPair(p1, cur[this.shapeOff + mode])));
        cur[so] = r;
      }
      this.addRow(r);
      // document history of this word
      const slot = e.hist;
      if (slot !== undefined && slot.gen === gen) {
        const c = slot.counts;
        let hm = 0;
        let best = NER_TYPES.length;
        for (let t = 0; t <= NER_TYPES.length; t++) {
          if (c[t] > 0 && t < NER_TYPES.length) hm |= 1 << t;
          if (c[t] > c[best]) best = t;
        }
        this.addRow(this.histMask[hm]);
        this.addRow(this.histMaj[best]);
        this.addRow(this.histCap[mode === 0 ? hm * 8 + e.cap : 128 + hm]);
      }
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      const row = p1 * stride;
      for (let t = 0; t < nt; t++) {
        if (allowed[row + t] && acc[t] > bestScore) {
          bestScore = acc[t];
          best = t;
        }
      }
      if (best < 0) best = 0;
      out[from + i] = best;
      if (slot !== undefined) {
        if (slot.gen !== gen) {
          const c = slot.counts;
          for (let t = 0; t < c.length; t++) c[t] = 0;
          slot.gen = gen;
        }
        const ty = this.tagType[best];
        slot.counts[ty < 0 ? NER_TYPES.length : ty]++;
      }
      p2 = p1;
      p1 = best;
    }
  }

  private addRow(r: number): void {
    if (r < 0) return;
    const W = this.W;
    const acc = this.acc;
    const nt = this.nt;
    const b = r * nt;
    for (let t = 0; t < nt; t++) acc[t] += W[b + t];
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline component

export interface NerTaggerOptions {
  /** A loaded model (tests, custom models); default: the committed resource. */
  model?: NerModel;
  /**
   * Tag every sentence. By default, in mixed-case text, a sentence whose capitalised words are
   * all inside gazetteer mentions is skipped: it holds no name the tagger could add.
   */
  allSentences?: boolean;
}

/** The entities `NerTagger` found in a document (its `ner` layer; empty when it did not run). */
export function nerSpans(doc: AnalysisDoc): NerSpan[] {
  return doc.ner;
}

export class NerTagger implements Component {
  readonly name = "ner.perceptron.v1";
  readonly requires = ["tokens", "sentences"] as const;
  /** Fills the `ner` layer; `ner.mentions.v1` turns its spans into entity mentions. */
  readonly assigns = ["ner"] as const;
  readonly model: NerModel;
  private readonly allSentences: boolean;
  private readonly decoder: CachedDecoder;
  /** per tag: I- or L- (continues a span), B- or I- (leaves it open in BILOU) */
  private readonly continuing: Uint8Array;
  private readonly opening: Uint8Array;
  private readonly endTags: boolean;
  // buffers of `process`, reused across documents
  private readonly words: string[] = [];
  private bounds = new Int32Array(64);
  private wordToken = new Int32Array(1024);
  private tagged = new Int32Array(1024);

  constructor(options: NerTaggerOptions = {}) {
    this.model = options.model ?? NerModel.load();
    this.allSentences = options.allSentences ?? false;
    this.decoder = new CachedDecoder(this.model);
    const prefix = this.model.tags.prefix;
    this.continuing = new Uint8Array(prefix.map((p) => (p === "I" || p === "L" ? 1 : 0)));
    this.opening = new Uint8Array(prefix.map((p) => (p === "B" || p === "I" ? 1 : 0)));
    this.endTags = prefix.includes("L");
  }

  /** BIO (IOB2) tags of one sentence's words, without document history. */
  tagTokens(words: readonly string[]): string[] {
    return this.tagSentences([words])[0];
  }

  /** BIO tags of a document's sentences, tagged in order with the document history. */
  tagSentences(sentences: readonly (readonly string[])[]): string[][] {
    return this.decoder.decode(sentences).map((s) => this.model.tags.toBio(s));
  }

  process(doc: AnalysisDoc): void {
    // Words as CoNLL tokenises them: wink splits some hyphenated names ("Bosnia - Herzegovina",
    // "al - Qaida"); glue "x-y" back when the hyphen touches both neighbours. All sentences'
    // words go to one array: sentence k is words[bounds[k] .. bounds[k + 1]), word j starts at
    // token wordToken[j].
    const tokens = doc.tokens;
    // Only sentences that can hold a name the gazetteers have not found are tagged (in cased text:
    // a capitalised word outside every gazetteer mention); caseless copy is tagged whole.
    const sel = this.sentencesToTag(doc);
    const nSent = sel.length;
    const words = this.words;
    let nWords = 0;
    if (this.bounds.length < nSent + 1) this.bounds = new Int32Array(2 * nSent + 2);
    if (this.wordToken.length < tokens.length) this.wordToken = new Int32Array(2 * tokens.length);
    const bounds = this.bounds;
    const wordToken = this.wordToken;
    for (let si = 0; si < nSent; si++) {
      const s = doc.sentences[sel[si]];
      bounds[si] = nWords;
      const first = nWords;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const t = tokens[i];
        if (t.text === "-" && nWords > first && i + 1 < s.tokenEnd) {
          const prev = tokens[i - 1];
          const next = tokens[i + 1];
          if (
            prev.end === t.start &&
            t.end === next.start &&
            ENDS_WORD.test(prev.text) &&
            STARTS_WORD.test(next.text)
          ) {
            words[nWords - 1] += `-${next.text}`;
            i++;
            continue;
          }
        }
        wordToken[nWords] = i;
        words[nWords++] = t.text;
      }
    }
    bounds[nSent] = nWords;
    if (this.tagged.length < nWords) this.tagged = new Int32Array(2 * nWords);
    const tagged = this.tagged;
    this.decoder.decodeFlat(words, bounds, nSent, tagged);
    const spans: NerSpan[] = [];
    const tagType = this.model.tags.type;
    const continuing = this.continuing;
    const opening = this.opening;
    const endTags = this.endTags;
    for (let si = 0; si < nSent; si++) {
      const from = bounds[si];
      const to = bounds[si + 1];
      const sentenceEnd = doc.sentences[sel[si]].tokenEnd;
      // spans of the BIO reading of the tags (TagSet.toBio): a tag continues the open span only
      // if it is I- (or L-) of the same type right after an open B-/I-
      let open = -1;
      let type = -1;
      let prevOpen = false;
      let prevType = -1;
      for (let j = from; j <= to; j++) {
        const tag = j < to ? tagged[j] : -1;
        const ty = j < to ? tagType[tag] : -1;
        const continues = ty >= 0 && continuing[tag] === 1 && prevOpen && prevType === ty;
        if (open >= 0 && (ty < 0 || !continues || ty !== type)) {
          const tokenStart = wordToken[open];
          const tokenEnd = j < to ? wordToken[j] : sentenceEnd;
          const start = tokens[tokenStart].start;
          const end = tokens[tokenEnd - 1].end;
          spans.push({
            start,
            end,
            text: doc.text.slice(start, end),
            type: NER_TYPES[type],
            tokenStart,
            tokenEnd,
          });
          open = -1;
        }
        if (ty < 0) {
          prevOpen = false;
          prevType = -1;
          continue;
        }
        if (open < 0) {
          open = j;
          type = ty;
        }
        prevOpen = endTags ? opening[tag] === 1 : true;
        prevType = ty;
      }
    }
    doc.ner = spans;
  }

  private sentencesToTag(doc: AnalysisDoc): number[] {
    const all = doc.sentences.map((_, i) => i);
    if (this.allSentences || !isCased(doc.text)) return all;
    const covered = new Uint8Array(doc.tokens.length);
    let ti = 0;
    for (const m of doc.mentions) {
      while (ti < doc.tokens.length && doc.tokens[ti].end <= m.start) ti++;
      for (let k = ti; k < doc.tokens.length && doc.tokens[k].start < m.end; k++) covered[k] = 1;
    }
    return all.filter((si) => {
      const s = doc.sentences[si];
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        if (covered[i]) continue;
        const c = doc.tokens[i].text.charCodeAt(0);
        const upper =
          (c >= 65 && c <= 90) || (c > 127 && doc.tokens[i].text[0] !== doc.tokens[i].text[0].toLowerCase());
        if (!upper) continue;
        if (i === s.tokenStart && SENTENCE_OPENERS.has(doc.tokens[i].lower)) continue;
        return true;
      }
      return false;
    });
  }
}

/** Capitalised only because they open a sentence. */
const SENTENCE_OPENERS = new Set([
  "the",
  "a",
  "an",
  "in",
  "on",
  "at",
  "he",
  "she",
  "it",
  "they",
  "we",
  "i",
  "but",
  "and",
  "as",
  "after",
  "before",
  "with",
  "this",
  "that",
  "there",
  "these",
  "those",
  "his",
  "her",
  "their",
  "its",
  "one",
  "two",
  "some",
  "many",
  "officials",
  "police",
  "according",
  "when",
  "while",
  "since",
  "if",
  "for",
  "of",
  "to",
]);

/** Mixed-case text, where capitals mark names. */
function isCased(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length && upper + lower < 4000; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper > 0 && lower > 0 && upper / (upper + lower) < 0.5;
}

const ENDS_WORD = /[\p{L}\p{N}]$/u;
const STARTS_WORD = /^[\p{L}\p{N}]/u;

/** Registry factory. Option `model`: base path of another model (without .json/.bin). */
export function createNerTagger(options: Record<string, unknown> = {}): NerTagger {
  const path = options.model;
  if (path !== undefined && typeof path !== "string") {
    throw new SitrepError("E_CONFIG", "ner.perceptron.v1 option `model` must be a path string");
  }
  return new NerTagger({
    ...(path ? { model: NerModel.load(pathToFileURL(path)) } : {}),
    ...(options.allSentences === true ? { allSentences: true } : {}),
  });
}
