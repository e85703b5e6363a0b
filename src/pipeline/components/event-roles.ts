import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { EntityKindSchema, SitrepError } from "../../core/index.js";
import type { AnalysisDoc } from "../doc.js";
import {
  addRows,
  featureId as feat,
  HashIndex,
  hashPair,
  hashString,
  PackedWeights,
  type WeightTable,
} from "../perceptron.js";
import type { Component } from "../pipeline.js";
import { cachedWordInfo, type WordInfo } from "./ner-tagger.js";

/**
 * Event-role tagger: a greedy left-to-right averaged perceptron over BIO tags that marks the
 * spans playing a role in a violent incident — individual perpetrators ("urban guerrillas"),
 * perpetrator organisations ("the fmln", "the army"), physical targets ("the power tower"),
 * human victims by name and weapons — from caseless lexical features (words ±2, affixes,
 * shapes), the entity layers already on the document (gazetteer mentions, NER spans) and the
 * distance to and identity of the nearest incident words ("killed", "by", "bomb") in the
 * sentence. Trained on the MUC-4 training split (eval/muc4/train-roles.ts, `npm run train --
 * muc4`); weights in `resources/event-roles.{json,bin}`. Only sentences holding an incident
 * word are tagged. A document-level re-ranker (`resources/event-roles.rerank.json`, trained on
 * cross-validated tagger output) then keeps or drops each (role, string) candidate from all its
 * occurrences: best margin, frequency, position, length, head word, entity kinds, whether a
 * longer candidate contains it. The events component attaches the spans to the incidents it finds.
 */

export const EVENT_ROLES = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

/** One role span; offsets index doc.text. */
export interface RoleSpan {
  role: EventRole;
  start: number;
  end: number;
  text: string;
  tokenStart: number;
  tokenEnd: number;
  /** Margin of the span's first tag over O (higher: surer). */
  score: number;
  /** Found by the filler lexicon, not by the tagger (its score is 0). */
  lexical?: boolean;
}

/** O, then B-/I- per role. */
export const ROLE_TAGS: readonly string[] = ["O", ...EVENT_ROLES.flatMap((r) => [`B-${r}`, `I-${r}`])];
const N_TAGS = ROLE_TAGS.length;
const START = N_TAGS; // "previous tag" at a sentence start
export const ROLE_FEATURE_SET = "event-role-features/3";

/** Tag index → role index (−1 for O); B tags are odd. */
function tagRole(t: number): number {
  return t === 0 ? -1 : (t - 1) >> 1;
}
function isBegin(t: number): boolean {
  return t > 0 && (t - 1) % 2 === 0;
}

// ---------------------------------------------------------------------------------------------
// Lexicons (lower-case words)

/** Incident words → class. The class, not the word, is the feature, so forms share weights. */
const INCIDENT_WORDS = new Map<string, string>();
function iw(words: string, cls: string): void {
  for (const w of words.split(" ")) INCIDENT_WORDS.set(w, cls);
}
iw("kill killed killing kills killings slain dead died death deaths", "kill");
iw("murder murdered murders murdering massacre massacred massacres", "murder");
iw("assassinate assassinated assassination assassinations", "assassinate");
iw("attack attacked attacks attacking assault assaulted raid raided ambush ambushed", "attack");
iw("bomb bombs bombed bombing bombings explosive explosives dynamite dynamited", "bomb");
iw("explosion explosions exploded blast blasts detonated blew", "explode");
iw("kidnap kidnapped kidnapping kidnappings abducted abduction hostage hostages", "kidnap");
iw("burned burnt burn torched arson fire", "burn");
iw("shot shooting shots fired machinegunned gunfire", "shoot");
iw("wounded injured hurt wounding", "wound");
iw("destroyed damaged destruction damage", "damage");
iw("robbed robbery stole stolen looted", "rob");
iw("responsibility responsible claimed perpetrated carried committed", "claim");
iw("accused blamed attributed", "blame");
iw("arrested captured detained", "arrest");

/** Prepositions and particles whose phrase carries a role ("by", "against", "with"). */
const GOVERNORS = new Set([
  "by",
  "against",
  "with",
  "of",
  "on",
  "at",
  "in",
  "to",
  "from",
  "near",
  "into",
  "using",
  "including",
  "named",
]);

/** Mention kinds as features read them: their index in the core enum (append new kinds only). */
const MENTION_KINDS: readonly string[] = EntityKindSchema.options;
const NER_KINDS = ["PER", "ORG", "LOC", "MISC"];

/** Template ids; changing them (or the hashing) invalidates a trained model. */
const F = {
  BIAS: 0,
  W0: 1,
  WM1: 2,
  WP1: 3,
  WM2: 4,
  WP2: 5,
  BI_M1_0: 6,
  BI_0_P1: 7,
  SUF2: 8,
  SUF3: 9,
  SUF4: 10,
  PRE3: 11,
  SHAPE0: 12,
  MENT0: 13,
  MENTM1: 14,
  MENTP1: 15,
  NER0: 16,
  TRIG_L: 17,
  TRIG_R: 18,
  SENT: 19,
  GOV: 20,
  GOV_W0: 21, // retired (feature set 2): word pairs that cost more time than they gave
  TRIG_L_W0: 22,
  TRIG_R_W0: 23,
  P1: 24,
  P2P1: 25,
  P1_W0: 26,
  MENT_TRIG: 27,
  WM1_WP1: 28, // retired (feature set 2)
} as const;

/** Words that are never a role filler on their own. */
const FUNCTION_WORDS = new Set(
  "the a an of for and or in on at by to with from as that which who whom this these those its his her their 's s national".split(
    " ",
  ),
);
const CLAUSE_PUNCT = new Set([",", ".", ";", ":", "!", "?", "(", ")", '"']);
const MAX_STATIC = 40;
const N_DYNAMIC = 3;
const BOS = hashString("<s>");
const EOS = hashString("</s>");

/** The features of a word alone (as the current token). Returns the new write position. */
function wordKeys(w: WordInfo, keys: Uint32Array, k: number): number {
  keys[k++] = feat(F.BIAS, 0);
  keys[k++] = feat(F.W0, w.norm);
  if (w.affixes[5]) keys[k++] = feat(F.SUF2, w.affixes[5]);
  if (w.affixes[6]) keys[k++] = feat(F.SUF3, w.affixes[6]);
  if (w.affixes[7]) keys[k++] = feat(F.SUF4, w.affixes[7]);
  if (w.affixes[2]) keys[k++] = feat(F.PRE3, w.affixes[2]);
  keys[k++] = feat(F.SHAPE0, w.cshort);
  return k;
}

function distBucket(d: number): number {
  return d <= 3 ? d : d <= 6 ? 4 : d <= 10 ? 5 : 6;
}

/** Static features of every token of a document, flat: token i's are keys[offs[i] .. offs[i + 1]). */
export interface PreparedDoc {
  n: number;
  keys: Uint32Array;
  offs: Int32Array;
  norm: Uint32Array;
  /** Per sentence: 1 when it holds an incident word (only those sentences are tagged). */
  active: Uint8Array;
  /** Per sentence: the tagged tokens [from, to): within WINDOW tokens of its incident words. */
  from: Int32Array;
  to: Int32Array;
  /** Per token: the hash of its incident-word class, or 0. */
  trig: Int32Array;
}

/**
 * Tokens farther than this from every incident word of their sentence are not tagged (always
 * O). 1000: the whole sentence — a window of 10 tokens saved a fifth of the tagged tokens on
 * news copy but lost fillers (held-out span F1 17.4 against 18.1).
 */
export const WINDOW = 1000;

/**
 * The tagged part of each sentence: from WINDOW tokens before its first incident word ("killed",
 * "bomb", "kidnapped") to WINDOW tokens after its last; empty in a sentence without one.
 */
export function taggedRanges(
  doc: AnalysisDoc,
  isIncident: (i: number) => boolean,
): { active: Uint8Array; from: Int32Array; to: Int32Array } {
  const ns = doc.sentences.length;
  const active = new Uint8Array(ns);
  const from = new Int32Array(ns);
  const to = new Int32Array(ns);
  for (let s = 0; s < ns; s++) {
    const sent = doc.sentences[s];
    let first = -1;
    let last = -1;
    for (let i = sent.tokenStart; i < sent.tokenEnd; i++)
      if (isIncident(i)) {
        if (first < 0) first = i;
        last = i;
      }
    if (first < 0) continue;
    active[s] = 1;
    from[s] = Math.max(sent.tokenStart, first - WINDOW);
    to[s] = Math.min(sent.tokenEnd, last + WINDOW + 1);
  }
  return { active, from, to };
}

/**
 * Featurises a document (the tokens, sentences, mentions and, when present, NER layers). One
 * instance caches per-word information; reuse it across documents.
 */
export class RoleFeaturizer {
  private readonly cache = new Map<string, WordInfo>();
  private readonly incidentClass = new Map<string, number>();
  private scratch = new Uint32Array(0);

  constructor() {
    for (const [w, c] of INCIDENT_WORDS) this.incidentClass.set(w, hashString(c));
  }

  info(word: string): WordInfo {
    return cachedWordInfo(this.cache, word);
  }

  /**
   * `full = false` leaves out the features of the word and its neighbours alone (`wordKeys`,
   * WM1/WP1/WM2/WP2), which the run-time decoder reads from per-word caches instead.
   */
  prepare(doc: AnalysisDoc, full = true): PreparedDoc {
    const toks = doc.tokens;
    const n = toks.length;
    const infos: WordInfo[] = new Array(n);
    const trig = new Int32Array(n); // class hash or 0
    for (let i = 0; i < n; i++) trig[i] = this.incidentClass.get(toks[i].lower) ?? 0;
    const { active, from, to } = taggedRanges(doc, (i) => trig[i] !== 0);
    const norm = new Uint32Array(n);
    for (let s = 0; s < doc.sentences.length; s++) {
      if (!active[s]) continue;
      const sent = doc.sentences[s];
      for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
        infos[i] = this.info(toks[i].lower);
        norm[i] = infos[i].norm;
      }
    }
    const { ment, ner } = tokenCodes(doc, n);
    if (this.scratch.length < n * MAX_STATIC) this.scratch = new Uint32Array(n * MAX_STATIC * 2);
    const keys = this.scratch;
    const offs = new Int32Array(n + 1);
    let k = 0;
    let firstTrigSent = -1;
    for (let s = 0; s < doc.sentences.length; s++) {
      const sent = doc.sentences[s];
      const a = sent.tokenStart;
      const b = sent.tokenEnd;
      // nearest incident word to the left / right of each token, in the sentence
      let any = false;
      for (let i = a; i < b; i++) if (trig[i]) any = true;
      if (any && firstTrigSent < 0) firstTrigSent = s;
      if (!active[s]) {
        for (let i = a; i < b; i++) offs[i] = k;
        continue;
      }
      const sentCode = (any ? 1 : 0) * 16 + Math.min(s, 5) * 2 + (firstTrigSent === s ? 1 : 0);
      const right = new Int32Array(b - a).fill(-1);
      let r = -1;
      for (let i = b - 1; i >= a; i--) {
        right[i - a] = r;
        if (trig[i]) r = i;
      }
      let l = -1;
      let gov = -1;
      const lo = from[s];
      const hi = to[s];
      for (let i = a; i < b; i++) {
        offs[i] = k;
        if (i < lo || i >= hi) {
          // outside the tagged range: no features, but the running state below still advances
          if (trig[i]) l = i;
          const lw = toks[i].lower;
          if (GOVERNORS.has(lw) || trig[i]) gov = i;
          else if (CLAUSE_PUNCT.has(lw)) gov = -1;
          continue;
        }
        const w = infos[i];
        const wm1 = i > a ? norm[i - 1] : BOS;
        const wm2 = i > a + 1 ? norm[i - 2] : BOS;
        const wp1 = i + 1 < b ? norm[i + 1] : EOS;
        const wp2 = i + 2 < b ? norm[i + 2] : EOS;
        if (full) {
          k = wordKeys(w, keys, k);
          keys[k++] = feat(F.WM1, wm1);
          keys[k++] = feat(F.WP1, wp1);
          keys[k++] = feat(F.WM2, wm2);
          keys[k++] = feat(F.WP2, wp2);
        }
        keys[k++] = feat(F.BI_M1_0, hashPair(wm1, w.norm));
        keys[k++] = feat(F.BI_0_P1, hashPair(w.norm, wp1));
        keys[k++] = feat(F.MENT0, ment[i]);
        keys[k++] = feat(F.MENTM1, i > a ? ment[i - 1] : 999);
        keys[k++] = feat(F.MENTP1, i + 1 < b ? ment[i + 1] : 999);
        keys[k++] = feat(F.NER0, ner[i]);
        keys[k++] = feat(F.SENT, sentCode);
        if (l >= 0) {
          const d = distBucket(i - l);
          keys[k++] = feat(F.TRIG_L, hashPair(trig[l], d));
          if (i - l <= 6) keys[k++] = feat(F.TRIG_L_W0, hashPair(trig[l], w.norm));
        } else keys[k++] = feat(F.TRIG_L, 0);
        const ri = right[i - a];
        if (ri >= 0) {
          const d = distBucket(ri - i);
          keys[k++] = feat(F.TRIG_R, hashPair(trig[ri], d));
          if (ri - i <= 6) keys[k++] = feat(F.TRIG_R_W0, hashPair(trig[ri], w.norm));
        } else keys[k++] = feat(F.TRIG_R, 0);
        keys[k++] = feat(
          F.MENT_TRIG,
          hashPair(ment[i], (l >= 0 && i - l <= 8 ? trig[l] : 0) ^ (ri >= 0 && ri - i <= 8 ? 7 : 0)),
        );
        if (gov >= 0 && i - gov <= 5) {
          keys[k++] = feat(F.GOV, hashPair(norm[gov], i - gov));
        } else keys[k++] = feat(F.GOV, 0);
        // update running state after the token's features
        if (trig[i]) l = i;
        const lw = toks[i].lower;
        if (GOVERNORS.has(lw) || trig[i]) gov = i;
        else if (CLAUSE_PUNCT.has(lw)) gov = -1;
      }
    }
    offs[n] = k;
    return { n, keys: full ? keys.slice(0, k) : keys, offs, norm, active, from, to, trig };
  }

  /** The dynamic features of token i given the previous two tags. Returns the count written to `out`. */
  dynamic(p: PreparedDoc, i: number, p1: number, p2: number, out: Uint32Array): number {
    out[0] = feat(F.P1, p1);
    out[1] = feat(F.P2P1, p2 * 64 + p1);
    out[2] = feat(F.P1_W0, hashPair(p1, p.norm[i]));
    return N_DYNAMIC;
  }
}

/** Whether tag `cur` may follow `prev` (I-X only after B-X or I-X). */
export function allowedTag(prev: number, cur: number): boolean {
  if (cur === 0 || isBegin(cur)) return true;
  return prev !== START && prev !== 0 && tagRole(prev) === tagRole(cur);
}

/** The highest-scoring tag that may follow `prev` (O when none beats it): the greedy decoding step. */
export function bestAllowedTag(scores: ArrayLike<number>, prev: number): number {
  let best = 0;
  for (let t = 1; t < N_TAGS; t++) if (scores[t] > scores[best] && allowedTag(prev, t)) best = t;
  return best;
}

/** Greedy decoding of a prepared document; `margins[i]` = score of the chosen tag minus O's. */
export function decodeRoles(
  fx: RoleFeaturizer,
  table: WeightTable,
  doc: AnalysisDoc,
  p: PreparedDoc,
): { tags: Int32Array; margins: Float64Array } {
  const tags = new Int32Array(p.n);
  const margins = new Float64Array(p.n);
  const scores = new Float64Array(N_TAGS);
  const dyn = new Uint32Array(N_DYNAMIC);
  for (let s = 0; s < doc.sentences.length; s++) {
    if (!p.active[s]) continue;
    let p1 = START;
    let p2 = START;
    for (let i = p.from[s]; i < p.to[s]; i++) {
      scores.fill(0);
      addRows(table, p.keys, p.offs[i], p.offs[i + 1], scores);
      fx.dynamic(p, i, p1, p2, dyn);
      addRows(table, dyn, 0, N_DYNAMIC, scores);
      const best = bestAllowedTag(scores, p1);
      tags[i] = best;
      margins[i] = scores[best] - scores[0];
      p2 = p1;
      p1 = best;
    }
  }
  return { tags, margins };
}

/** Spans of a BIO tag sequence. */
export function roleSpans(doc: AnalysisDoc, tags: Int32Array, margins?: Float64Array): RoleSpan[] {
  const out: RoleSpan[] = [];
  const toks = doc.tokens;
  let open = -1;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 0;
    const continues =
      open >= 0 &&
      t !== 0 &&
      !isBegin(t) &&
      tagRole(t) === tagRole(tags[open]) &&
      toks[i].sent === toks[open].sent;
    if (open >= 0 && !continues) {
      const start = toks[open].start;
      const end = toks[i - 1].end;
      out.push({
        role: EVENT_ROLES[tagRole(tags[open])],
        start,
        end,
        text: doc.text.slice(start, end),
        tokenStart: open,
        tokenEnd: i,
        score: margins ? margins[open] : 0,
      });
      open = -1;
    }
    if (t !== 0 && !continues) open = i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The trained model

export interface RoleModelHeader {
  schema: "sitrep.event-roles/1";
  featureSet: string;
  tags: string[];
  features: number;
  weightScale: number;
  training?: Record<string, unknown>;
}

export class RoleModel {
  readonly header: RoleModelHeader;
  readonly weights: PackedWeights;

  constructor(header: RoleModelHeader, bin: Uint8Array) {
    if (header.schema !== "sitrep.event-roles/1" || header.featureSet !== ROLE_FEATURE_SET)
      throw new SitrepError(
        "E_CONFIG",
        `event-role model has schema ${header.schema} / ${header.featureSet}; this code reads sitrep.event-roles/1 / ${ROLE_FEATURE_SET}`,
      );
    if (header.tags.join(" ") !== ROLE_TAGS.join(" "))
      throw new SitrepError("E_CONFIG", `event-role model tags ${header.tags.join(" ")} do not match`);
    this.header = header;
    this.weights = new PackedWeights(bin, header.features, N_TAGS, header.weightScale);
  }

  static encode(
    keys: Uint32Array,
    weights: Float32Array,
    training?: Record<string, unknown>,
  ): { header: RoleModelHeader; bin: Uint8Array } {
    const { bin, scale } = PackedWeights.encode(keys, weights, N_TAGS);
    return {
      header: {
        schema: "sitrep.event-roles/1",
        featureSet: ROLE_FEATURE_SET,
        tags: [...ROLE_TAGS],
        features: keys.length,
        weightScale: scale,
        ...(training ? { training } : {}),
      },
      bin,
    };
  }

  /** Loads `<base>.json` + `<base>.bin` (default: the committed resources/event-roles). */
  static load(base: URL = new URL("../resources/event-roles", import.meta.url)): RoleModel {
    const jsonUrl = new URL(`${base.href}.json`);
    let header: RoleModelHeader;
    let bin: Uint8Array;
    try {
      header = JSON.parse(readFileSync(jsonUrl, "utf8")) as RoleModelHeader;
      bin = readFileSync(new URL(`${base.href}.bin`));
    } catch (e) {
      throw new SitrepError(
        "E_NOT_FOUND",
        `event-role model not found at ${jsonUrl.pathname} / .bin (train it with: npm run train -- muc4 --data DIR)`,
        { path: jsonUrl.pathname },
        { cause: e },
      );
    }
    return new RoleModel(header, bin);
  }
}

// ---------------------------------------------------------------------------------------------
// Run-time decoder: the same scores as `decodeRoles` (int16 weights sum exactly in any order),
// with the weights of each word's own features and of it as a neighbour (±1, ±2) summed once
// per word form and kept, so a token costs a handful of look-ups of its contextual features.

const U_SELF = 0;
const U_L1 = 1; // as the left neighbour (WM1 of the next token)
const U_R1 = 2;
const U_L2 = 3;
const U_R2 = 4;
const U_P1W0 = 5; // P1_W0 for previous tag 0 .. START: units 5 .. 5 + START
const N_UNITS = U_P1W0 + START + 1;
const MAX_CACHED_WORDS = 30_000;

interface WordEntry {
  /** Weight sums per unit (U_*), N_TAGS each. */
  w: Int32Array;
  norm: number;
  /** 1: a governor ("by", "against"); 2: clause punctuation. */
  flags: number;
  /** 1-based incident-word class, 0 for other words. */
  incident: number;
}

/** Incident-word class → 1-based index (0: not an incident word). */
const INCIDENT_CLASSES = [...new Set(INCIDENT_WORDS.values())];
const MENT_CODES = 1000; // mention codes < 128, and 999 for "no neighbour"

/** Result of the run-time decoder. */
export interface RoleDecoding {
  tags: Int32Array;
  margins: Float64Array;
  /** Per sentence: 1 when it was tagged. */
  active: Uint8Array;
  /** Per token: 1-based incident-word class, 0 for other words. */
  incident: Uint8Array;
}

export class CachedRoleDecoder {
  private readonly words = new Map<string, WordEntry>();
  private readonly edge: Int32Array; // BOS as WM1, WM2; EOS as WP1, WP2
  private readonly buf = new Uint32Array(MAX_STATIC);
  private readonly w: PackedWeights;
  private readonly info = new RoleFeaturizer();
  /** P1 + P2P1 rows summed per (previous-but-one, previous) tag pair: [(p2 * (START + 1) + p1) * N_TAGS + t]. */
  private readonly dyn: Int32Array;
  // dense rows of the templates with few values
  private readonly ment0: Int32Array;
  private readonly mentM1: Int32Array;
  private readonly mentP1: Int32Array;
  private readonly ner0: Int32Array;
  private readonly sent: Int32Array;
  private readonly trigL: Int32Array; // [class * 8 + bucket]; unit 0 of trigNone: none
  private readonly trigR: Int32Array;
  private readonly trigNone: Int32Array; // units: TRIG_L none, TRIG_R none, GOV none
  private readonly mentTrig: Int32Array; // [(ment * 16 + class) * 2 + right]
  private readonly classHash: Int32Array;
  private readonly classOf = new Map<string, number>();

  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly wt: Int16Array;

  constructor(weights: PackedWeights) {
    this.w = weights;
    this.slots = weights.index.slots;
    this.mask = weights.index.mask;
    this.wt = weights.weights;
    const np = START + 1;
    this.dyn = new Int32Array(np * np * N_TAGS);
    for (let p2 = 0; p2 < np; p2++)
      for (let p1 = 0; p1 < np; p1++) {
        const unit = p2 * np + p1;
        this.addFeature(this.dyn, unit, feat(F.P1, p1));
        this.addFeature(this.dyn, unit, feat(F.P2P1, p2 * 64 + p1));
      }
    this.edge = new Int32Array(4 * N_TAGS);
    this.addFeature(this.edge, 0, feat(F.WM1, BOS));
    this.addFeature(this.edge, 1, feat(F.WM2, BOS));
    this.addFeature(this.edge, 2, feat(F.WP1, EOS));
    this.addFeature(this.edge, 3, feat(F.WP2, EOS));
    const dense = (t: number, values: number, value: (v: number) => number = (v) => v) => {
      const out = new Int32Array(values * N_TAGS);
      for (let v = 0; v < values; v++) this.addFeature(out, v, feat(t, value(v)));
      return out;
    };
    this.ment0 = dense(F.MENT0, MENT_CODES);
    this.mentM1 = dense(F.MENTM1, MENT_CODES);
    this.mentP1 = dense(F.MENTP1, MENT_CODES);
    this.ner0 = dense(F.NER0, 16);
    this.sent = dense(F.SENT, 32);
    this.classHash = new Int32Array(16);
    INCIDENT_CLASSES.forEach((c, k) => {
      this.classHash[k + 1] = hashString(c);
    });
    for (const [w, c] of INCIDENT_WORDS) this.classOf.set(w, INCIDENT_CLASSES.indexOf(c) + 1);
    const ch = this.classHash;
    this.trigL = dense(F.TRIG_L, 16 * 8, (v) => hashPair(ch[v >> 3], v & 7));
    this.trigR = dense(F.TRIG_R, 16 * 8, (v) => hashPair(ch[v >> 3], v & 7));
    this.trigNone = new Int32Array(3 * N_TAGS);
    this.addFeature(this.trigNone, 0, feat(F.TRIG_L, 0));
    this.addFeature(this.trigNone, 1, feat(F.TRIG_R, 0));
    this.addFeature(this.trigNone, 2, feat(F.GOV, 0));
    this.mentTrig = dense(F.MENT_TRIG, 128 * 16 * 2, (v) =>
      hashPair(v >> 5, ch[(v >> 1) & 15] ^ (v & 1 ? 7 : 0)),
    );
  }

  private addFeature(into: Int32Array, unit: number, key: number): void {
    const r = this.w.row(key);
    if (r < 0) return;
    const wt = this.w.weights;
    for (let t = 0; t < N_TAGS; t++) into[unit * N_TAGS + t] += wt[r * N_TAGS + t];
  }

  /** Adds the weights of feature `key` (HashIndex.get inlined: this is the hot path). */
  private addKey(scores: Int32Array, key: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let p = key & mask;
    for (;;) {
      const k = slots[2 * p];
      if (k === key) break;
      if (k === 0) return;
      p = (p + 1) & mask;
    }
    const wt = this.wt;
    const base = slots[2 * p + 1] * N_TAGS;
    for (let t = 0; t < N_TAGS; t++) scores[t] += wt[base + t];
  }

  private entry(lower: string): WordEntry {
    let e = this.words.get(lower);
    if (e) return e;
    if (this.words.size > MAX_CACHED_WORDS) this.words.clear();
    const info = this.info.info(lower);
    const w = new Int32Array(N_UNITS * N_TAGS);
    const n = wordKeys(info, this.buf, 0);
    for (let f = 0; f < n; f++) this.addFeature(w, U_SELF, this.buf[f]);
    this.addFeature(w, U_L1, feat(F.WM1, info.norm));
    this.addFeature(w, U_R1, feat(F.WP1, info.norm));
    this.addFeature(w, U_L2, feat(F.WM2, info.norm));
    this.addFeature(w, U_R2, feat(F.WP2, info.norm));
    for (let p1 = 0; p1 <= START; p1++)
      this.addFeature(w, U_P1W0 + p1, feat(F.P1_W0, hashPair(p1, info.norm)));
    const flags = GOVERNORS.has(lower) ? 1 : CLAUSE_PUNCT.has(lower) ? 2 : 0;
    e = { w, norm: info.norm, flags, incident: this.classOf.get(lower) ?? 0 };
    this.words.set(lower, e);
    return e;
  }

  /**
   * Tags the sentences that hold an incident word. The same features and scores as
   * `RoleFeaturizer.prepare` + `decodeRoles` (int16 weights sum exactly in any order), computed
   * without materialising feature ids: word features come from per-word caches, templates with
   * few values from dense tables, and only the word-pair features are looked up per token.
   */
  decode(doc: AnalysisDoc): RoleDecoding {
    const toks = doc.tokens;
    const n = toks.length;
    const tags = new Int32Array(n);
    const margins = new Float64Array(n);
    const incident = new Uint8Array(n);
    const entries: WordEntry[] = new Array(n);
    for (let i = 0; i < n; i++) {
      entries[i] = this.entry(toks[i].lower);
      incident[i] = entries[i].incident;
    }
    const nsent = doc.sentences.length;
    const { active, from, to } = taggedRanges(doc, (i) => incident[i] !== 0);
    const firstActive = active.indexOf(1);
    if (firstActive < 0) return { tags, margins, active, incident };
    const { ment, ner } = tokenCodes(doc, n);
    const scores = new Int32Array(N_TAGS);
    const edge = this.edge;
    const { dyn, ment0, mentM1, mentP1, ner0, trigL, trigR, trigNone, mentTrig, classHash } = this;
    const right = new Int32Array(n);
    for (let s = 0; s < nsent; s++) {
      if (!active[s]) continue;
      const sent = doc.sentences[s];
      const a = sent.tokenStart;
      const b = sent.tokenEnd;
      let r = -1;
      for (let i = b - 1; i >= a; i--) {
        right[i] = r;
        if (incident[i]) r = i;
      }
      const sentCode = 16 + Math.min(s, 5) * 2 + (firstActive === s ? 1 : 0);
      const sentRow = sentCode * N_TAGS;
      let l = -1;
      let gov = -1;
      let p1 = START;
      let p2 = START;
      const lo = from[s];
      const hi = to[s];
      for (let i = a; i < b; i++) {
        const e = entries[i];
        if (i < lo || i >= hi) {
          if (incident[i]) l = i;
          if (e.flags === 1 || incident[i]) gov = i;
          else if (e.flags === 2) gov = -1;
          continue;
        }
        const self = e.w;
        const l1 = i > a ? entries[i - 1].w : edge;
        const l1o = i > a ? U_L1 * N_TAGS : 0;
        const l2 = i > a + 1 ? entries[i - 2].w : edge;
        const l2o = i > a + 1 ? U_L2 * N_TAGS : N_TAGS;
        const r1 = i + 1 < b ? entries[i + 1].w : edge;
        const r1o = i + 1 < b ? U_R1 * N_TAGS : 2 * N_TAGS;
        const r2 = i + 2 < b ? entries[i + 2].w : edge;
        const r2o = i + 2 < b ? U_R2 * N_TAGS : 3 * N_TAGS;
        const m0 = ment[i] * N_TAGS;
        const mm1 = (i > a ? ment[i - 1] : 999) * N_TAGS;
        const mp1 = (i + 1 < b ? ment[i + 1] : 999) * N_TAGS;
        const n0 = ner[i] * N_TAGS;
        const ri = right[i];
        const tl = l >= 0 ? (incident[l] * 8 + distBucket(i - l)) * N_TAGS : -1;
        const tr = ri >= 0 ? (incident[ri] * 8 + distBucket(ri - i)) * N_TAGS : -1;
        for (let t = 0; t < N_TAGS; t++)
          scores[t] =
            self[t] +
            l1[l1o + t] +
            l2[l2o + t] +
            r1[r1o + t] +
            r2[r2o + t] +
            ment0[m0 + t] +
            mentM1[mm1 + t] +
            mentP1[mp1 + t] +
            ner0[n0 + t] +
            this.sent[sentRow + t] +
            (tl >= 0 ? trigL[tl + t] : trigNone[t]) +
            (tr >= 0 ? trigR[tr + t] : trigNone[N_TAGS + t]);
        const norm = e.norm;
        const wm1 = i > a ? entries[i - 1].norm : BOS;
        const wp1 = i + 1 < b ? entries[i + 1].norm : EOS;
        this.addKey(scores, feat(F.BI_M1_0, hashPair(wm1, norm)));
        this.addKey(scores, feat(F.BI_0_P1, hashPair(norm, wp1)));
        if (l >= 0 && i - l <= 6)
          this.addKey(scores, feat(F.TRIG_L_W0, hashPair(classHash[incident[l]], norm)));
        if (ri >= 0 && ri - i <= 6)
          this.addKey(scores, feat(F.TRIG_R_W0, hashPair(classHash[incident[ri]], norm)));
        const mc = ment[i];
        const lc = l >= 0 && i - l <= 8 ? incident[l] : 0;
        const rc = ri >= 0 && ri - i <= 8 ? 1 : 0;
        if (mc < 128) {
          const o = ((mc * 16 + lc) * 2 + rc) * N_TAGS;
          for (let t = 0; t < N_TAGS; t++) scores[t] += mentTrig[o + t];
        } else this.addKey(scores, feat(F.MENT_TRIG, hashPair(mc, classHash[lc] ^ (rc ? 7 : 0))));
        if (gov >= 0 && i - gov <= 5) {
          const gn = entries[gov].norm;
          this.addKey(scores, feat(F.GOV, hashPair(gn, i - gov)));
        } else for (let t = 0; t < N_TAGS; t++) scores[t] += trigNone[2 * N_TAGS + t];
        const d = (p2 * (START + 1) + p1) * N_TAGS;
        const pw = (U_P1W0 + p1) * N_TAGS;
        for (let t = 0; t < N_TAGS; t++) scores[t] += dyn[d + t] + self[pw + t];
        const best = bestAllowedTag(scores, p1);
        tags[i] = best;
        margins[i] = scores[best] - scores[0];
        p2 = p1;
        p1 = best;
        if (incident[i]) l = i;
        if (e.flags === 1 || incident[i]) gov = i;
        else if (e.flags === 2) gov = -1;
      }
    }
    return { tags, margins, active, incident };
  }
}

// ---------------------------------------------------------------------------------------------
// Clean-up of decoded spans (shared by the component and training)

/**
 * Spans worth keeping: at least `minScore`, with a content word ("the", "'s" alone are
 * fragments), names grown to the person/group mention they overlap, duplicates dropped.
 */
export function cleanSpans(doc: AnalysisDoc, raw: readonly RoleSpan[], minScore = 0): RoleSpan[] {
  const out: RoleSpan[] = [];
  for (const sp of raw) {
    if (sp.score < minScore) continue;
    let content = false;
    for (let k = sp.tokenStart; k < sp.tokenEnd && !content; k++) {
      const w = doc.tokens[k].lower;
      content = w.length > 1 && !FUNCTION_WORDS.has(w) && /[\p{L}\p{N}]/u.test(w);
    }
    if (!content) continue; // "the", "for", "'s": a fragment, not a filler
    const snapped = snapSpan(doc, sp);
    if (!out.some((o) => o.start === snapped.start && o.end === snapped.end)) out.push(snapped);
  }
  return out;
}

/** A name cut short ("jose" of "jose antonio lopez") grows to the person or group mention it overlaps. */
function snapSpan(doc: AnalysisDoc, sp: RoleSpan): RoleSpan {
  if (sp.role !== "Victim" && sp.role !== "PerpOrg") return sp;
  const want = sp.role === "Victim" ? "PER" : "ORG";
  let start = sp.start;
  let end = sp.end;
  for (const m of doc.mentions) {
    if (m.start >= end) break;
    if (m.end <= start || (m.start >= start && m.end <= end)) continue;
    if ((sp.role === "Victim") !== (m.kind === "person")) continue;
    start = Math.min(start, m.start);
    end = Math.max(end, m.end);
  }
  for (const n of doc.ner) {
    if (n.type !== want || n.end <= start || n.start >= end) continue;
    start = Math.min(start, n.start);
    end = Math.max(end, n.end);
  }
  if (start === sp.start && end === sp.end) return sp;
  const toks = doc.tokens;
  let a = sp.tokenStart;
  let b = sp.tokenEnd;
  while (a > 0 && toks[a - 1].end > start) a--;
  while (b < toks.length && toks[b].start < end) b++;
  // never across a sentence boundary
  if (toks[a].sent !== toks[b - 1].sent) return sp;
  return {
    ...sp,
    start: toks[a].start,
    end: toks[b - 1].end,
    text: doc.text.slice(toks[a].start, toks[b - 1].end),
    tokenStart: a,
    tokenEnd: b,
  };
}

// ---------------------------------------------------------------------------------------------
// Document-level re-ranking: the tagger decides token by token; whether a string is a filler of
// the document is decided once per (role, string) from all its occurrences.

const ARTICLE_RE = /(?<![\p{L}\p{N}\p{M}_])(?:a|an|the)(?![\p{L}\p{N}\p{M}_])/gu;
const PUNCT_RE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Comparison key of a filler string: lower case, no punctuation, no articles (as the MUC scorers compare). */
export function fillerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(PUNCT_RE, "")
    .replace(ARTICLE_RE, " ")
    .split(/\s+/u)
    .filter(Boolean)
    .join(" ");
}

/** All occurrences of one string in one role in a document. */
export interface RoleCandidate {
  role: EventRole;
  key: string;
  spans: RoleSpan[];
}

/** Groups spans by role and filler key, in order of first occurrence. */
export function roleCandidates(spans: readonly RoleSpan[]): RoleCandidate[] {
  const byKey = new Map<string, RoleCandidate>();
  for (const sp of spans) {
    const key = fillerKey(sp.text);
    const k = `${sp.role}\u0000${key}`;
    const c = byKey.get(k);
    if (c) c.spans.push(sp);
    else byKey.set(k, { role: sp.role, key, spans: [sp] });
  }
  return [...byKey.values()];
}

const R = {
  BIAS: 0,
  MARGIN: 1,
  COUNT: 2,
  FIRST_SENT: 3,
  LEN: 4,
  HEAD: 5,
  FIRST: 6,
  SHORT_FORM: 7,
  OTHER_ROLE: 8,
  MENTION: 9,
  NER: 10,
  TRIG_DIST: 11,
  HEAD_MENTION: 12,
  SENTS: 13,
  MARGIN_COUNT: 14,
  PREV: 15,
  LEX_N: 16,
  LEX_RATIO: 17,
  LEX_TOP: 18,
  TAGGED: 19,
  ACTIVE: 20,
  NEXT: 21,
  CTX_PREV: 22,
  CTX_NEXT: 23,
  HEAD_LEX: 24,
  TAGGED_RATIO: 25,
  LEFT_CLASS: 26,
  RIGHT_CLASS: 27,
  CTX_PREV2: 28,
  CTX_NEXT2: 29,
} as const;

/** Buckets of a lexicon count (documents in which a string filled a role). */
const LEX_COUNT_CUTS = [1, 2, 3, 5, 10, 20, 50];
/** Buckets of the share of training documents holding a string in which it filled the role. */
const LEX_RATIO_CUTS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

function bucketOf(x: number, cuts: readonly number[]): number {
  let b = 0;
  while (b < cuts.length && x >= cuts[b]) b++;
  return b;
}

/**
 * Features of each candidate (hashed ids, every one conjoined with the role): its best margin
 * (bucketed by `marginCuts`), how often and how early it occurs, its length, first and last
 * word, the word before it, whether a longer candidate of the role contains it ("jaramillo" in
 * "bernardo jaramillo ossa"), whether another role claims the same string, the kinds of entity
 * mentions and NER spans in it, and its distance to the nearest incident word.
 */
export function candidateFeatures(
  doc: AnalysisDoc,
  cands: readonly RoleCandidate[],
  marginCuts: readonly number[],
  trig?: ArrayLike<number>,
  lexicon?: RoleLexicon,
): number[][] {
  const toks = doc.tokens;
  const isIncident = (i: number) => (trig ? trig[i] !== 0 : INCIDENT_WORDS.has(toks[i].lower));
  const activeSent = new Uint8Array(doc.sentences.length);
  for (let i = 0; i < toks.length; i++) if (isIncident(i)) activeSent[toks[i].sent] = 1;
  /** Nearest incident word left / right of a token in its sentence, in tokens (99: none). */
  const distance = (from: number, to: number): number => {
    const sent = toks[from].sent;
    let d = 99;
    for (let i = from - 1, k = 1; i >= 0 && k <= 10 && toks[i].sent === sent; i--, k++)
      if (isIncident(i)) {
        d = k;
        break;
      }
    for (let i = to, k = 1; i < toks.length && k < d && k <= 10 && toks[i].sent === sent; i++, k++)
      if (isIncident(i)) {
        d = k;
        break;
      }
    return d;
  };
  /** The incident word class nearest on one side of an occurrence in its sentence, with its distance bucket. */
  const sideClass = (from: number, step: -1 | 1): number => {
    const sent = toks[from].sent;
    for (let i = from, k = 1; i >= 0 && i < toks.length && k <= 12 && toks[i].sent === sent; i += step, k++) {
      const cls = INCIDENT_WORDS.get(toks[i].lower);
      if (cls) return hashPair(hashString(cls), distBucket(k));
    }
    return 0;
  };
  const mentions = doc.mentions;
  // mentions are sorted by start; none is longer than 200 characters
  const firstMentionEndingAfter = (pos: number): number => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid].start + 200 <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const paddedOf = new Map<EventRole, string[]>();
  for (const c of cands) {
    const list = paddedOf.get(c.role);
    if (list) list.push(` ${c.key} `);
    else paddedOf.set(c.role, [` ${c.key} `]);
  }
  const rolesOf = new Map<string, number[]>();
  for (const c of cands) {
    const list = rolesOf.get(c.key);
    if (list) list.push(EVENT_ROLES.indexOf(c.role));
    else rolesOf.set(c.key, [EVENT_ROLES.indexOf(c.role)]);
  }
  return cands.map((c) => {
    const r = EVENT_ROLES.indexOf(c.role);
    const f = (t: number, v: number) => feat(100 + t, hashPair(r, v));
    const out: number[] = [f(R.BIAS, 0)];
    let best = Number.NEGATIVE_INFINITY;
    let tagged = false;
    // spans come in document order: distinct occurrences and sentences are changes of value
    let nSents = 0;
    let nStarts = 0;
    let active = 0;
    let lastSent = -1;
    let lastStart = -1;
    for (const sp of c.spans) {
      if (!sp.lexical) {
        tagged = true;
        best = Math.max(best, sp.score);
      }
      if (sp.tokenStart !== lastStart) {
        nStarts++;
        lastStart = sp.tokenStart;
      }
      const sent = toks[sp.tokenStart].sent;
      if (sent !== lastSent) {
        nSents++;
        lastSent = sent;
        if (activeSent[sent]) active++;
      }
    }
    const mb = tagged ? bucketOf(best, marginCuts) : marginCuts.length + 1;
    const count = Math.min(nStarts, 4);
    const lex = lexicon?.entries.get(c.key);
    out.push(f(R.TAGGED, (tagged ? 2 : 0) + (lex ? 1 : 0)));
    const headCounts = lexicon?.heads.get(c.key.slice(c.key.lastIndexOf(" ") + 1));
    if (lexicon) out.push(f(R.HEAD_LEX, headCounts ? bucketOf(headCounts[r], LEX_COUNT_CUTS) : 99));
    if (lex) {
      const n = lex[r];
      const docs = lex[EVENT_ROLES.length];
      const ratio = docs > 0 ? bucketOf(n / docs, LEX_RATIO_CUTS) : 99;
      out.push(f(R.LEX_N, bucketOf(n, LEX_COUNT_CUTS)));
      out.push(f(R.LEX_RATIO, ratio));
      out.push(f(R.TAGGED_RATIO, ratio * 2 + (tagged ? 1 : 0)));
      let top = 0;
      for (let k = 1; k < EVENT_ROLES.length; k++) if (lex[k] > lex[top]) top = k;
      out.push(f(R.LEX_TOP, top === r ? 1 : lex[top] > 0 ? 2 + top : 0));
    }
    out.push(f(R.ACTIVE, Math.min(active, 2) + (nSents > active ? 3 : 0)));
    let nCtx = 0;
    let ctxStart = -1;
    for (const sp of c.spans) {
      if (sp.tokenStart === ctxStart) continue;
      ctxStart = sp.tokenStart;
      if (++nCtx > 6) break;
      out.push(f(R.CTX_PREV, sp.tokenStart > 0 ? hashString(toks[sp.tokenStart - 1].lower) : 0));
      out.push(f(R.CTX_NEXT, sp.tokenEnd < toks.length ? hashString(toks[sp.tokenEnd].lower) : 0));
      const a = sp.tokenStart;
      const b = sp.tokenEnd;
      out.push(
        f(R.CTX_PREV2, a > 1 ? hashPair(hashString(toks[a - 2].lower), hashString(toks[a - 1].lower)) : 0),
      );
      out.push(
        f(
          R.CTX_NEXT2,
          b + 1 < toks.length ? hashPair(hashString(toks[b].lower), hashString(toks[b + 1].lower)) : 0,
        ),
      );
      if (nCtx <= 3) {
        out.push(f(R.LEFT_CLASS, a > 0 ? sideClass(a - 1, -1) : 0));
        out.push(f(R.RIGHT_CLASS, b < toks.length ? sideClass(b, 1) : 0));
      }
    }
    out.push(f(R.MARGIN, mb), f(R.COUNT, count), f(R.MARGIN_COUNT, mb * 8 + count));
    out.push(f(R.SENTS, Math.min(nSents, 3)));
    const first = c.spans[0];
    const fs = toks[first.tokenStart].sent;
    out.push(f(R.FIRST_SENT, fs <= 2 ? fs : fs <= 5 ? 3 : fs <= 10 ? 4 : 5));
    const words = c.key.split(" ");
    out.push(f(R.LEN, Math.min(words.length, 5)));
    const head = hashString(words[words.length - 1] ?? "");
    out.push(f(R.HEAD, head), f(R.FIRST, hashString(words[0] ?? "")));
    out.push(f(R.PREV, first.tokenStart > 0 ? hashString(toks[first.tokenStart - 1].lower) : 0));
    out.push(f(R.NEXT, first.tokenEnd < toks.length ? hashString(toks[first.tokenEnd].lower) : 0));
    const padded = ` ${c.key} `;
    const shortForm = (paddedOf.get(c.role) ?? []).some(
      (o) => o.length > padded.length && o.includes(padded),
    );
    out.push(f(R.SHORT_FORM, shortForm ? 1 : 0));
    for (const o of rolesOf.get(c.key) ?? []) if (o !== r) out.push(f(R.OTHER_ROLE, 1 + o));
    let mk = 0;
    let headKind = 0;
    for (let j = firstMentionEndingAfter(first.start); j < mentions.length; j++) {
      const m = mentions[j];
      if (m.start >= first.end) break;
      if (m.end <= first.start) continue;
      const kind = 1 + MENTION_KINDS.indexOf(m.kind) + (m.demonym ? 20 : 0);
      out.push(f(R.MENTION, kind));
      mk++;
      if (m.end === first.end) headKind = kind;
    }
    if (!mk) out.push(f(R.MENTION, 0));
    out.push(f(R.HEAD_MENTION, headKind));
    let nk = 0;
    for (const n of doc.ner)
      if (n.start < first.end && first.start < n.end) {
        out.push(f(R.NER, 1 + NER_KINDS.indexOf(n.type)));
        nk++;
      }
    if (!nk) out.push(f(R.NER, 0));
    let d = 99;
    for (const sp of c.spans) d = Math.min(d, distance(sp.tokenStart, sp.tokenEnd));
    out.push(f(R.TRIG_DIST, distBucket(d)));
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// The filler lexicon: strings that filled a role in training documents

/** Per lexicon entry: training documents with the string as a filler of each role, then documents holding it at all. */
export type RoleLexiconData = Record<string, number[]>;

/** A head word proposes phrases for a role when it ended that many of the role's fillers. */
const HEAD_MIN_COUNT = 3;
/** At most this many words before a head. */
const HEAD_MAX_MODIFIERS = 3;

/** Longest entry, in words, that the lexicon looks for. */
export const LEXICON_MAX_WORDS = 6;

/** The words of a document as filler keys ("" for articles and punctuation), as `fillerKey` compares. */
export function tokenKeys(doc: AnalysisDoc): string[] {
  return doc.tokens.map((t) =>
    // most words: lower-case letters and digits only, where the key is the word itself
    PLAIN_WORD.test(t.lower) ? (ARTICLES.has(t.lower) ? "" : t.lower) : fillerKey(t.text),
  );
}
const PLAIN_WORD = /^[a-z0-9]+$/;
const ARTICLES = new Set(["a", "an", "the"]);

/**
 * Every occurrence of every lexicon string in a document, sentence-internal, as token ranges
 * [start, end) with its key; `visit` is called per occurrence. Linear in tokens (at most
 * `LEXICON_MAX_WORDS` look-ups per word).
 */
export function lexiconOccurrences(
  doc: AnalysisDoc,
  has: (key: string) => boolean,
  visit: (key: string, tokenStart: number, tokenEnd: number) => void,
  keys: readonly string[] = tokenKeys(doc),
  /** Word-prefixes of the entries ("power" of "power tower"): a longer key is tried only after one. */
  prefixes?: ReadonlySet<string>,
): void {
  const toks = doc.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (!keys[i]) continue;
    let key = "";
    let n = 0;
    for (let j = i; j < toks.length && n < LEXICON_MAX_WORDS && toks[j].sent === toks[i].sent; j++) {
      if (!keys[j]) continue;
      key = key ? `${key} ${keys[j]}` : keys[j];
      n++;
      if (has(key)) visit(key, i, j + 1);
      if (prefixes && !prefixes.has(key)) break;
    }
  }
}

/**
 * Filler strings seen in training ("guerrillas" as individual perpetrators in 300 documents,
 * "fmln" as an organisation, "power pylon" as a target), with how often each filled each role
 * and how many documents held it: candidates the tagger missed, and a prior for the re-ranker.
 */
export class RoleLexicon {
  readonly entries = new Map<string, number[]>();
  /** Per last word of the entries ("houses" of "peasants' houses"): the summed role counts. */
  readonly heads = new Map<string, number[]>();
  /** Words seen before the last word of an entry ("urban", "power", "armed"). */
  readonly modifiers = new Set<string>();
  /** Proper word-prefixes of the entries, to stop looking early. */
  readonly prefixes = new Set<string>();
  /** Also propose phrases headed by a frequent head (not only the strings as seen). */
  readonly headCandidates: boolean;

  constructor(data: RoleLexiconData = {}, options: { headCandidates?: boolean } = {}) {
    this.headCandidates = options.headCandidates ?? true;
    for (const [k, v] of Object.entries(data)) {
      if (!Array.isArray(v) || v.length !== EVENT_ROLES.length + 1)
        throw new SitrepError(
          "E_CONFIG",
          `event-role lexicon: entry "${k}" must hold ${EVENT_ROLES.length + 1} counts`,
        );
      this.entries.set(k, v);
      const words = k.split(" ");
      for (let j = 0; j + 1 < words.length; j++) {
        this.modifiers.add(words[j]);
        this.prefixes.add(words.slice(0, j + 1).join(" "));
      }
      const head = words[words.length - 1];
      let h = this.heads.get(head);
      if (!h) {
        h = new Array(EVENT_ROLES.length).fill(0);
        this.heads.set(head, h);
      }
      for (let r = 0; r < EVENT_ROLES.length; r++) h[r] += v[r];
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** One span per occurrence and per role the string ever filled. */
  spans(doc: AnalysisDoc, keys: readonly string[] = tokenKeys(doc)): RoleSpan[] {
    const out: RoleSpan[] = [];
    const toks = doc.tokens;
    // one span per (role, extent): role + 8 * (start + 65536 * end)
    const have = new Set<number>();
    const add = (r: number, a: number, b: number) => {
      const k = r + 8 * (a + 65536 * b);
      if (have.has(k)) return;
      have.add(k);
      const start = toks[a].start;
      const end = toks[b - 1].end;
      out.push({
        role: EVENT_ROLES[r],
        start,
        end,
        text: doc.text.slice(start, end),
        tokenStart: a,
        tokenEnd: b,
        score: 0,
        lexical: true,
      });
    };
    lexiconOccurrences(
      doc,
      (k) => this.entries.has(k),
      (key, a, b) => {
        const counts = this.entries.get(key) as number[];
        for (let r = 0; r < EVENT_ROLES.length; r++) if (counts[r] > 0) add(r, a, b);
      },
      keys,
      this.prefixes,
    );
    if (!this.headCandidates) return out;
    // phrases headed by a frequent filler head, grown leftwards over words seen inside fillers
    for (let i = 0; i < toks.length; i++) {
      const h = keys[i] ? this.heads.get(keys[i]) : undefined;
      if (!h) continue;
      for (let r = 0; r < EVENT_ROLES.length; r++) {
        if (h[r] < HEAD_MIN_COUNT) continue;
        add(r, i, i + 1);
        for (let a = i - 1, n = 1; n <= HEAD_MAX_MODIFIERS; a--, n++) {
          if (a < 0 || toks[a].sent !== toks[i].sent || !keys[a] || !this.modifiers.has(keys[a])) break;
          add(r, a, i + 1);
        }
      }
    }
    return out.sort((x, y) => x.tokenStart - y.tokenStart || x.tokenEnd - y.tokenEnd);
  }

  toJSON(): RoleLexiconData {
    const keys = [...this.entries.keys()].sort();
    return Object.fromEntries(keys.map((k) => [k, this.entries.get(k) as number[]]));
  }
}

export interface RerankerData {
  schema: "sitrep.event-roles-rerank/1" | "sitrep.event-roles-rerank/2";
  /** Ascending bucket boundaries of a candidate's best margin (weight units). */
  marginCuts: number[];
  /** Per role: keep a candidate whose score is at least this. */
  thresholds: Record<EventRole, number>;
  keys: number[];
  weights: number[];
  /** Schema 2: the filler lexicon whose strings join the tagger's spans as candidates. */
  lexicon?: RoleLexiconData;
  training?: Record<string, unknown>;
}

/**
 * The tagger's spans and the lexicon's, in document order; a lexicon span where the tagger has
 * the same role and extent is left out (the tagger's carries its margin).
 */
export function withLexicon(tagged: readonly RoleSpan[], lexical: readonly RoleSpan[]): RoleSpan[] {
  if (!lexical.length) return [...tagged];
  const have = new Set(tagged.map((sp) => `${sp.role}:${sp.tokenStart}:${sp.tokenEnd}`));
  const out = [...tagged, ...lexical.filter((sp) => !have.has(`${sp.role}:${sp.tokenStart}:${sp.tokenEnd}`))];
  return out.sort(
    (a, b) =>
      a.tokenStart - b.tokenStart ||
      a.tokenEnd - b.tokenEnd ||
      EVENT_ROLES.indexOf(a.role) - EVENT_ROLES.indexOf(b.role),
  );
}

/** The document-level filter: scores each (role, string) candidate and drops the low ones. */
export class RoleReranker {
  readonly data: RerankerData;

  readonly lexicon: RoleLexicon;
  /** Feature id → index into `weights` (feature ids are 32-bit hashes: an open-addressing table beats a Map). */
  private readonly index: HashIndex;
  private readonly weights: Float64Array;

  constructor(data: RerankerData) {
    if (
      (data.schema !== "sitrep.event-roles-rerank/1" && data.schema !== "sitrep.event-roles-rerank/2") ||
      data.keys.length !== data.weights.length
    )
      throw new SitrepError("E_CONFIG", "event-role re-ranker: unknown schema or keys/weights mismatch");
    this.data = data;
    this.lexicon = new RoleLexicon(data.lexicon);
    this.index = HashIndex.fromKeys(Uint32Array.from(data.keys));
    this.weights = Float64Array.from(data.weights);
  }

  score(features: readonly number[]): number {
    let s = 0;
    for (const k of features) {
      const i = this.index.get(k);
      if (i >= 0) s += this.weights[i];
    }
    return s;
  }

  /** The spans of candidates scoring at least their role's threshold; each span's score becomes its candidate's. */
  filter(doc: AnalysisDoc, spans: readonly RoleSpan[], trig?: ArrayLike<number>): RoleSpan[] {
    const all = withLexicon(spans, this.lexicon.size ? this.lexicon.spans(doc) : []);
    const cands = roleCandidates(all);
    const feats = candidateFeatures(doc, cands, this.data.marginCuts, trig, this.lexicon);
    const keep = new Map<RoleSpan, number>();
    cands.forEach((c, i) => {
      const s = this.score(feats[i]);
      if (s >= this.data.thresholds[c.role]) for (const sp of c.spans) keep.set(sp, s);
    });
    return all.filter((sp) => keep.has(sp)).map((sp) => ({ ...sp, score: keep.get(sp) as number }));
  }

  static load(
    url: URL = new URL("../resources/event-roles.rerank.json", import.meta.url),
  ): RoleReranker | undefined {
    let text: string;
    try {
      text = readFileSync(url, "utf8");
    } catch {
      return undefined;
    }
    return new RoleReranker(JSON.parse(text) as RerankerData);
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline component

const SPANS = new WeakMap<AnalysisDoc, RoleSpan[]>();

/** The role spans `EventRoleTagger` found in a document (empty when it did not run). */
export function eventRoleSpans(doc: AnalysisDoc): readonly RoleSpan[] {
  return SPANS.get(doc) ?? [];
}

/** Whether `EventRoleTagger` ran on a document. */
export function hasEventRoles(doc: AnalysisDoc): boolean {
  return SPANS.has(doc);
}

export interface EventRoleTaggerOptions {
  model?: RoleModel;
  /** Keep spans whose first-tag margin over O is at least this (in weight units). */
  minScore?: number;
  /** The document-level filter; default: the committed one beside the default model; null: none. */
  reranker?: RoleReranker | null;
}

export class EventRoleTagger implements Component {
  readonly name = "event-roles.v1";
  readonly requires = ["tokens", "sentences", "mentions"] as const;
  /** Its spans are read by events.v1 through `eventRoleSpans(doc)`. */
  readonly assigns = [] as const;
  readonly model: RoleModel;
  private readonly decoder: CachedRoleDecoder;
  private readonly minScore: number;
  private readonly reranker: RoleReranker | undefined;

  constructor(options: EventRoleTaggerOptions = {}) {
    this.model = options.model ?? RoleModel.load();
    this.reranker =
      options.reranker === null
        ? undefined
        : (options.reranker ?? (options.model ? undefined : RoleReranker.load()));
    this.minScore = options.minScore ?? 0;
    this.decoder = new CachedRoleDecoder(this.model.weights);
  }

  tag(doc: AnalysisDoc): RoleSpan[] {
    const { tags, margins, active, incident } = this.decoder.decode(doc);
    // a document without a single incident word has no incident to give roles to
    if (!active.includes(1)) return [];
    const scale = this.model.weights.scale;
    const raw = roleSpans(doc, tags, margins);
    for (const sp of raw) sp.score *= scale;
    const spans = cleanSpans(doc, raw, this.minScore);
    return this.reranker ? this.reranker.filter(doc, spans, incident) : spans;
  }

  process(doc: AnalysisDoc): void {
    SPANS.set(doc, this.tag(doc));
  }
}

/** Registry factory. Options: `model` (base path of another model), `minScore`. */
export function createEventRoleTagger(options: Record<string, unknown> = {}): EventRoleTagger {
  const path = options.model;
  if (path !== undefined && typeof path !== "string")
    throw new SitrepError("E_CONFIG", "event-roles.v1 option `model` must be a path string");
  const minScore = options.minScore;
  if (minScore !== undefined && typeof minScore !== "number")
    throw new SitrepError("E_CONFIG", "event-roles.v1 option `minScore` must be a number");
  return new EventRoleTagger({
    ...(path
      ? {
          model: RoleModel.load(pathToFileURL(path)),
          reranker: RoleReranker.load(pathToFileURL(`${path}.rerank.json`)) ?? null,
        }
      : {}),
    ...(minScore !== undefined ? { minScore } : {}),
  });
}

/**
 * Mention and NER codes per token, as the features read them: kind * 2 + (0 first token, 1 later)
 * + 1 (+100 for a demonym mention); 0 = none. Shared by training-time featurisation and the
 * run-time decoder so the two never drift apart.
 */
function tokenCodes(doc: AnalysisDoc, n: number): { ment: Int32Array; ner: Int32Array } {
  const toks = doc.tokens;
  const ment = new Int32Array(n);
  const ner = new Int32Array(n);
  let ti = 0;
  for (const m of doc.mentions) {
    const kind = MENTION_KINDS.indexOf(m.kind);
    if (kind < 0) continue;
    while (ti < n && toks[ti].end <= m.start) ti++;
    for (let k = ti; k < n && toks[k].start < m.end; k++)
      if (!ment[k]) ment[k] = kind * 2 + (k === ti ? 0 : 1) + 1 + (m.demonym ? 100 : 0);
  }
  for (const sp of doc.ner) {
    const kind = NER_KINDS.indexOf(sp.type);
    for (let k = sp.tokenStart; k < sp.tokenEnd && k < n; k++)
      ner[k] = kind * 2 + (k === sp.tokenStart ? 0 : 1) + 1;
  }
  return { ment, ner };
}
