import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { SitrepError } from "../../core/index.js";
import type { AnalysisDoc } from "../doc.js";
import {
  addRows,
  featureId as feat,
  hashPair,
  hashString,
  PackedWeights,
  type WeightTable,
} from "../perceptron.js";
import type { Component } from "../pipeline.js";
import { type WordInfo, wordInfo } from "./ner-tagger.js";

/**
 * Event-role tagger: a greedy left-to-right averaged perceptron over BIO tags that marks the
 * spans playing a role in a violent incident — individual perpetrators ("urban guerrillas"),
 * perpetrator organisations ("the fmln", "the army"), physical targets ("the power tower"),
 * human victims by name and weapons — from caseless lexical features (words ±2, affixes,
 * shapes), the entity layers already on the document (gazetteer mentions, NER spans) and the
 * distance to and identity of the nearest incident words ("killed", "by", "bomb") in the
 * sentence. Trained on the MUC-4 training split (eval/muc4/train-roles.ts, `npm run train --
 * muc4`); weights in `resources/event-roles.{json,bin}`. The events component attaches the
 * spans to the incidents it finds.
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
}

/** O, then B-/I- per role. */
export const ROLE_TAGS: readonly string[] = ["O", ...EVENT_ROLES.flatMap((r) => [`B-${r}`, `I-${r}`])];
const N_TAGS = ROLE_TAGS.length;
const START = N_TAGS; // "previous tag" at a sentence start
export const ROLE_FEATURE_SET = "event-role-features/1";

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

const MENTION_KINDS = [
  "armed_group",
  "state",
  "government",
  "agency",
  "organisation",
  "person",
  "place",
  "facility",
  "named_event",
];
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
  GOV_W0: 21,
  TRIG_L_W0: 22,
  TRIG_R_W0: 23,
  P1: 24,
  P2P1: 25,
  P1_W0: 26,
  MENT_TRIG: 27,
  WM1_WP1: 28,
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
    let w = this.cache.get(word);
    if (!w) {
      if (this.cache.size > 50_000) this.cache.clear();
      w = wordInfo(word);
      this.cache.set(word, w);
    }
    return w;
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
    for (let i = 0; i < n; i++) {
      infos[i] = this.info(toks[i].text);
      trig[i] = this.incidentClass.get(toks[i].lower) ?? 0;
    }
    // mention and NER codes per token: kind * 2 + (0 first token, 1 later) + 1; 0 = none
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
    if (this.scratch.length < n * MAX_STATIC) this.scratch = new Uint32Array(n * MAX_STATIC * 2);
    const keys = this.scratch;
    const offs = new Int32Array(n + 1);
    const norm = new Uint32Array(n);
    for (let i = 0; i < n; i++) norm[i] = infos[i].norm;
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
      const sentCode = (any ? 1 : 0) * 16 + Math.min(s, 5) * 2 + (firstTrigSent === s ? 1 : 0);
      const right = new Int32Array(b - a).fill(-1);
      let r = -1;
      for (let i = b - 1; i >= a; i--) {
        right[i - a] = r;
        if (trig[i]) r = i;
      }
      let l = -1;
      let gov = -1;
      for (let i = a; i < b; i++) {
        offs[i] = k;
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
        keys[k++] = feat(F.WM1_WP1, hashPair(wm1, wp1));
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
          keys[k++] = feat(F.GOV_W0, hashPair(norm[gov], w.norm));
        } else keys[k++] = feat(F.GOV, 0);
        // update running state after the token's features
        if (trig[i]) l = i;
        const lw = toks[i].lower;
        if (GOVERNORS.has(lw) || trig[i]) gov = i;
        else if (CLAUSE_PUNCT.has(lw)) gov = -1;
      }
    }
    offs[n] = k;
    return { n, keys: full ? keys.slice(0, k) : keys, offs, norm };
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
  for (const sent of doc.sentences) {
    let p1 = START;
    let p2 = START;
    for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
      scores.fill(0);
      addRows(table, p.keys, p.offs[i], p.offs[i + 1], scores);
      fx.dynamic(p, i, p1, p2, dyn);
      addRows(table, dyn, 0, N_DYNAMIC, scores);
      let best = 0;
      for (let t = 1; t < N_TAGS; t++) if (scores[t] > scores[best] && allowedTag(p1, t)) best = t;
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
const MAX_CACHED_WORDS = 50_000;

export class CachedRoleDecoder {
  private readonly fx = new RoleFeaturizer();
  private readonly words = new Map<string, Int32Array>();
  private readonly edge: Int32Array; // BOS as WM1, WM2; EOS as WP1, WP2
  private readonly buf = new Uint32Array(MAX_STATIC);
  private readonly w: PackedWeights;

  constructor(weights: PackedWeights) {
    this.w = weights;
    this.edge = new Int32Array(4 * N_TAGS);
    this.addFeature(this.edge, 0, feat(F.WM1, BOS));
    this.addFeature(this.edge, 1, feat(F.WM2, BOS));
    this.addFeature(this.edge, 2, feat(F.WP1, EOS));
    this.addFeature(this.edge, 3, feat(F.WP2, EOS));
  }

  private addFeature(into: Int32Array, unit: number, key: number): void {
    const r = this.w.row(key);
    if (r < 0) return;
    const wt = this.w.weights;
    for (let t = 0; t < N_TAGS; t++) into[unit * N_TAGS + t] += wt[r * N_TAGS + t];
  }

  private entry(lower: string): Int32Array {
    let e = this.words.get(lower);
    if (e) return e;
    if (this.words.size > MAX_CACHED_WORDS) this.words.clear();
    const info = this.fx.info(lower);
    e = new Int32Array(5 * N_TAGS);
    const n = wordKeys(info, this.buf, 0);
    for (let f = 0; f < n; f++) this.addFeature(e, U_SELF, this.buf[f]);
    this.addFeature(e, U_L1, feat(F.WM1, info.norm));
    this.addFeature(e, U_R1, feat(F.WP1, info.norm));
    this.addFeature(e, U_L2, feat(F.WM2, info.norm));
    this.addFeature(e, U_R2, feat(F.WP2, info.norm));
    this.words.set(lower, e);
    return e;
  }

  decode(doc: AnalysisDoc): { tags: Int32Array; margins: Float64Array } {
    const p = this.fx.prepare(doc, false);
    const toks = doc.tokens;
    const n = p.n;
    const tags = new Int32Array(n);
    const margins = new Float64Array(n);
    const scores = new Float64Array(N_TAGS);
    const dyn = new Uint32Array(N_DYNAMIC);
    const entries: Int32Array[] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = this.entry(toks[i].lower);
    const edge = this.edge;
    for (const sent of doc.sentences) {
      const a = sent.tokenStart;
      const b = sent.tokenEnd;
      let p1 = START;
      let p2 = START;
      for (let i = a; i < b; i++) {
        const self = entries[i];
        const l1 = i > a ? entries[i - 1] : edge;
        const l1o = i > a ? U_L1 * N_TAGS : 0;
        const l2 = i > a + 1 ? entries[i - 2] : edge;
        const l2o = i > a + 1 ? U_L2 * N_TAGS : N_TAGS;
        const r1 = i + 1 < b ? entries[i + 1] : edge;
        const r1o = i + 1 < b ? U_R1 * N_TAGS : 2 * N_TAGS;
        const r2 = i + 2 < b ? entries[i + 2] : edge;
        const r2o = i + 2 < b ? U_R2 * N_TAGS : 3 * N_TAGS;
        for (let t = 0; t < N_TAGS; t++)
          scores[t] = self[t] + l1[l1o + t] + l2[l2o + t] + r1[r1o + t] + r2[r2o + t];
        addRows(this.w, p.keys, p.offs[i], p.offs[i + 1], scores);
        this.fx.dynamic(p, i, p1, p2, dyn);
        addRows(this.w, dyn, 0, N_DYNAMIC, scores);
        let best = 0;
        for (let t = 1; t < N_TAGS; t++) if (scores[t] > scores[best] && allowedTag(p1, t)) best = t;
        tags[i] = best;
        margins[i] = scores[best] - scores[0];
        p2 = p1;
        p1 = best;
      }
    }
    return { tags, margins };
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
}

export class EventRoleTagger implements Component {
  readonly name = "event-roles.v1";
  readonly requires = ["tokens", "sentences", "mentions"] as const;
  /** Its spans are read by events.v1 through `eventRoleSpans(doc)`. */
  readonly assigns = [] as const;
  readonly model: RoleModel;
  private readonly decoder: CachedRoleDecoder;
  private readonly minScore: number;
  private readonly incident: Set<string>;

  constructor(options: EventRoleTaggerOptions = {}) {
    this.model = options.model ?? RoleModel.load();
    this.minScore = options.minScore ?? 0;
    this.decoder = new CachedRoleDecoder(this.model.weights);
    this.incident = new Set(INCIDENT_WORDS.keys());
  }

  tag(doc: AnalysisDoc): RoleSpan[] {
    // a document without a single incident word has no incident to give roles to
    if (!doc.tokens.some((t) => this.incident.has(t.lower))) return [];
    const { tags, margins } = this.decoder.decode(doc);
    const scale = this.model.weights.scale;
    const out: RoleSpan[] = [];
    for (const sp of roleSpans(doc, tags, margins)) {
      sp.score *= scale;
      if (sp.score < this.minScore) continue;
      let content = false;
      for (let k = sp.tokenStart; k < sp.tokenEnd && !content; k++) {
        const w = doc.tokens[k].lower;
        content = w.length > 1 && !FUNCTION_WORDS.has(w) && /[\p{L}\p{N}]/u.test(w);
      }
      if (!content) continue; // "the", "for", "'s": a fragment, not a filler
      const snapped = this.snap(doc, sp);
      if (!out.some((o) => o.start === snapped.start && o.end === snapped.end)) out.push(snapped);
    }
    return out;
  }

  /** A name cut short ("jose" of "jose antonio lopez") grows to the person or group mention it overlaps. */
  private snap(doc: AnalysisDoc, sp: RoleSpan): RoleSpan {
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
    ...(path ? { model: RoleModel.load(pathToFileURL(path)) } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
  });
}
