import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bestAllowedTag,
  candidateFeatures,
  cleanSpans,
  decodeRoles,
  EVENT_ROLES,
  type EventRole,
  fillerKey,
  LEXICON_MAX_WORDS,
  lexiconOccurrences,
  type PreparedDoc,
  type RerankerData,
  ROLE_TAGS,
  RoleFeaturizer,
  RoleLexicon,
  RoleModel,
  roleCandidates,
  roleSpans,
  withLexicon,
} from "../../src/pipeline/components/event-roles.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { createDoc } from "../../src/pipeline/create-doc.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import type { AnalysisDoc } from "../../src/pipeline/doc.js";
import {
  AveragedPerceptron,
  addRows,
  pruneRows,
  seededRandom,
  shuffle,
} from "../../src/pipeline/perceptron.js";
import { readGtt } from "./reader.js";
import type { GttDoc } from "./types.js";

/**
 * Trains the event-role tagger (src/pipeline/components/event-roles.ts) on the MUC-4 training
 * split: each document is run through the production pipeline up to the tagger (tokens,
 * gazetteers, NER), every occurrence of every gold filler string of its templates is labelled
 * with its role (longer strings first), and a greedy averaged perceptron learns the BIO tags.
 * The number of epochs is chosen on a held-out tenth of the training documents, then the model
 * is retrained on all of them. Each document is used three times: as given (lower case), upper
 * case, and in mixed case (`truecase`), so the tagger works on all three. The epoch count is
 * chosen by held-out candidate F1 (document level); the document-level re-ranker is trained on
 * the output of taggers trained on the other folds (4-fold cross-validation), its per-role
 * thresholds on out-of-sample re-ranker scores. Deterministic (seeded shuffles; no dependence
 * on time or map order; checked: two runs give byte-identical files). Writes
 * src/pipeline/resources/event-roles.{json,bin,rerank.json}.
 */
export interface TrainRolesOptions {
  data: string;
  split?: string;
  out?: string;
  epochs?: number;
  seed?: number;
  /** Drop features whose largest |averaged weight| is at most this. */
  prune?: number;
  /** Share of training documents held out to choose the epoch count. */
  heldout?: number;
  /** Use `epochs` as given instead of choosing the count on the held-out share. */
  fixedEpochs?: boolean;
  /** Cross-validation folds for the re-ranker's training data. */
  folds?: number;
  /** Case variants of each document to train on (default lower, upper, mixed). */
  variants?: ("lower" | "upper" | "mixed")[];
  log?: (line: string) => void;
}

export interface TrainRolesResult {
  bestEpoch: number;
  heldoutF1: number;
  features: number;
  bytes: number;
  seconds: number;
}

interface Example {
  doc: AnalysisDoc;
  prepared: PreparedDoc;
  gold: Int32Array;
  /** Index of the source document (its case variants share it). */
  src: number;
  /** Filler keys of the document's gold entities, per role. */
  goldKeys: Map<EventRole, Set<string>>;
  /** Number of gold entities (all roles). */
  goldEntities: number;
}

/** Words that stay lower case inside a name ("Bernardo Jaramillo Ossa", "Frente de Liberacion"). */
const NAME_PARTICLES = new Set([
  "of",
  "the",
  "and",
  "de",
  "del",
  "la",
  "las",
  "los",
  "el",
  "y",
  "for",
  "da",
  "do",
]);
const ACRONYM_KINDS = new Set(["armed_group", "organisation", "agency", "government"]);

/**
 * A mixed-case rendering of lower-case wire copy, for training the tagger on text as news sites
 * print it: sentence starts, the names the gazetteers and the NER tagger found, and the victims'
 * names (always personal names) get initial capitals; short group names become acronyms ("FMLN").
 */
export function truecase(doc: AnalysisDoc, victimNames: readonly string[]): string {
  const chars = doc.text.split("");
  const capAt = (i: number) => {
    const u = chars[i].toUpperCase();
    if (u.length === 1) chars[i] = u;
  };
  const capTokens = (start: number, end: number, acronym = false) => {
    for (const t of doc.tokens) {
      if (t.end <= start) continue;
      if (t.start >= end) break;
      if (NAME_PARTICLES.has(t.lower)) continue;
      if (acronym) for (let i = t.start; i < t.end; i++) capAt(i);
      else capAt(t.start);
    }
  };
  for (const s of doc.sentences) {
    for (let i = s.start; i < s.end; i++)
      if (/\p{L}/u.test(chars[i])) {
        capAt(i);
        break;
      }
  }
  for (const m of doc.mentions) {
    const acronym = ACRONYM_KINDS.has(m.kind) && !/\s/.test(m.text) && m.text.length <= 5 && !m.demonym;
    capTokens(m.start, m.end, acronym);
  }
  for (const n of doc.ner) capTokens(n.start, n.end);
  const lower = doc.text.toLowerCase();
  for (const name of victimNames) {
    const needle = name.toLowerCase();
    if (needle.length < 3) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const before = at > 0 ? lower[at - 1] : " ";
      const after = lower[at + needle.length] ?? " ";
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
      capTokens(at, at + needle.length);
    }
  }
  return chars.join("");
}

/** Gold entities of a document: per role, the distinct entities of its templates. */
function entityCount(g: GttDoc): number {
  let n = 0;
  for (const role of EVENT_ROLES) {
    const ents = new Set<string>();
    for (const t of g.templates)
      for (const ent of t[role]) ents.add(JSON.stringify(ent.map(fillerKey).sort()));
    n += ents.size;
  }
  return n;
}

function goldKeysOf(g: GttDoc): Map<EventRole, Set<string>> {
  const out = new Map<EventRole, Set<string>>();
  for (const role of EVENT_ROLES) out.set(role, new Set());
  for (const t of g.templates)
    for (const role of EVENT_ROLES)
      for (const ent of t[role]) for (const m of ent) (out.get(role) as Set<string>).add(fillerKey(m));
  return out;
}

/** Tags of a document from its templates: every token-aligned occurrence of every filler string. */
export function goldTags(doc: AnalysisDoc, g: GttDoc): Int32Array {
  const toks = doc.tokens;
  const tags = new Int32Array(toks.length);
  const startTok = new Map<number, number>();
  const endTok = new Map<number, number>();
  toks.forEach((t, i) => {
    startTok.set(t.start, i);
    endTok.set(t.end, i);
  });
  const strings: { s: string; role: EventRole }[] = [];
  const seen = new Set<string>();
  for (const t of g.templates)
    for (const role of EVENT_ROLES)
      for (const ent of t[role])
        for (const s of ent) {
          const key = `${role}\u0000${s}`;
          if (seen.has(key) || !s.trim()) continue;
          seen.add(key);
          strings.push({ s, role });
        }
  // longer strings first; ties by role order then string, for determinism
  strings.sort(
    (a, b) =>
      b.s.length - a.s.length ||
      EVENT_ROLES.indexOf(a.role) - EVENT_ROLES.indexOf(b.role) ||
      (a.s < b.s ? -1 : a.s > b.s ? 1 : 0),
  );
  const text = doc.text.toLowerCase();
  for (const { s, role } of strings) {
    const needle = s.toLowerCase();
    const r = EVENT_ROLES.indexOf(role);
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const a = startTok.get(at);
      const b = endTok.get(at + needle.length);
      if (a === undefined || b === undefined || b < a) continue;
      let free = true;
      for (let k = a; k <= b; k++) if (tags[k] !== 0) free = false;
      if (!free || toks[a].sent !== toks[b].sent) continue;
      tags[a] = 1 + 2 * r;
      for (let k = a + 1; k <= b; k++) tags[k] = 2 + 2 * r;
    }
  }
  return tags;
}

/**
 * Document-level F1 of the cleaned-up tagger output: each (role, string) candidate is right when
 * the string is one of the role's gold strings; recall against the gold entities. Closer to the
 * MUC-4 role-filler score than span F1 against the (noisy, every-occurrence) training tags.
 */
function candidateF1(
  fx: RoleFeaturizer,
  table: Parameters<typeof decodeRoles>[1],
  examples: Example[],
): number {
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const ex of examples) {
    const { tags, margins } = decodeRoles(fx, table, ex.doc, ex.prepared);
    for (const c of roleCandidates(cleanSpans(ex.doc, roleSpans(ex.doc, tags, margins)))) {
      np++;
      if (ex.goldKeys.get(c.role)?.has(c.key)) tp++;
    }
    ng += ex.goldEntities;
  }
  const p = np ? tp / np : 0;
  const r = ng ? Math.min(1, tp / ng) : 0;
  return p + r ? (200 * p * r) / (p + r) : 0;
}

/** Span-level P/R/F1 of predicted against gold tags (exact span and role), over documents. */
function spanF1(fx: RoleFeaturizer, table: Parameters<typeof decodeRoles>[1], examples: Example[]): number {
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const ex of examples) {
    const pred = roleSpans(ex.doc, decodeRoles(fx, table, ex.doc, ex.prepared).tags);
    const gold = roleSpans(ex.doc, ex.gold);
    const key = (s: { role: string; start: number; end: number }) => `${s.role}:${s.start}:${s.end}`;
    const g = new Set(gold.map(key));
    for (const p of pred) if (g.has(key(p))) tp++;
    np += pred.length;
    ng += gold.length;
  }
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return p + r ? (200 * p * r) / (p + r) : 0;
}

function trainEpochs(
  fx: RoleFeaturizer,
  examples: Example[],
  epochs: number,
  seed: number,
  onEpoch?: (epoch: number, w: AveragedPerceptron, errors: number, seen: number) => void,
): AveragedPerceptron {
  const nt = ROLE_TAGS.length;
  const w = new AveragedPerceptron(nt);
  const random = seededRandom(seed);
  const order = examples.map((_, i) => i);
  const scores = new Float64Array(nt);
  const dyn = new Uint32Array(8);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    let seen = 0;
    for (const di of order) {
      const { doc, prepared: p, gold } = examples[di];
      for (let s = 0; s < doc.sentences.length; s++) {
        if (!p.active[s]) continue;
        let p1 = nt;
        let p2 = nt;
        for (let i = p.from[s]; i < p.to[s]; i++) {
          scores.fill(0);
          addRows(w, p.keys, p.offs[i], p.offs[i + 1], scores);
          const nd = fx.dynamic(p, i, p1, p2, dyn);
          addRows(w, dyn, 0, nd, scores);
          const pred = bestAllowedTag(scores, p1);
          if (w.learn(p.keys, p.offs[i], p.offs[i + 1], dyn, nd, gold[i], pred)) errors++;
          seen++;
          p2 = p1;
          // teacher forcing would hide the decoder's own mistakes; use the prediction as at run time
          p1 = pred;
        }
      }
    }
    onEpoch?.(epoch, w, errors, seen);
  }
  return w;
}

/** One candidate of the cross-validated tagger output, for training the re-ranker. */
interface CandidateRow {
  src: number;
  role: EventRole;
  features: number[];
  label: boolean;
  best: number;
}

/** Averaged binary perceptron over hashed candidate features (deterministic order). */
function trainReranker(rows: CandidateRow[], epochs: number, seed: number): Map<number, number> {
  const w = new Map<number, number>();
  const u = new Map<number, number>();
  let c = 1;
  const random = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    for (const i of order) {
      const row = rows[i];
      let s = 0;
      for (const k of row.features) s += w.get(k) ?? 0;
      const y = row.label ? 1 : -1;
      if (y * s <= 0) {
        for (const k of row.features) {
          w.set(k, (w.get(k) ?? 0) + y);
          u.set(k, (u.get(k) ?? 0) + y * c);
        }
      }
      c++;
    }
  }
  const avg = new Map<number, number>();
  for (const [k, v] of w) {
    const a = v - (u.get(k) ?? 0) / c;
    if (Math.abs(a) > 1e-6) avg.set(k, a);
  }
  return avg;
}

function scoreRow(w: Map<number, number>, row: CandidateRow): number {
  let s = 0;
  for (const k of row.features) s += w.get(k) ?? 0;
  return s;
}

/** Per role, the threshold that maximises F1 of kept candidates against `goldCount` gold entities. */
function chooseThresholds(
  scored: { role: EventRole; label: boolean; score: number }[],
  goldCount: Map<EventRole, number>,
): Record<EventRole, number> {
  const out = {} as Record<EventRole, number>;
  for (const role of EVENT_ROLES) {
    const rows = scored.filter((r) => r.role === role).sort((a, b) => b.score - a.score);
    const gold = goldCount.get(role) ?? 0;
    let tp = 0;
    let bestF = -1;
    let best = 0;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].label) tp++;
      if (i + 1 < rows.length && rows[i + 1].score === rows[i].score) continue;
      const p = tp / (i + 1);
      const r = gold ? Math.min(1, tp / gold) : 0;
      const f = p + r ? (2 * p * r) / (p + r) : 0;
      if (f > bestF) {
        bestF = f;
        best = i + 1 < rows.length ? (rows[i].score + rows[i + 1].score) / 2 : rows[i].score - 1e-6;
      }
    }
    out[role] = Number(best.toFixed(4));
  }
  return out;
}

function candidateRows(
  fx: RoleFeaturizer,
  table: Parameters<typeof decodeRoles>[1],
  ex: Example,
  marginCuts: readonly number[],
  lexicon?: RoleLexicon,
): CandidateRow[] {
  // as the component: a document without an incident word gets no candidates at all
  if (!ex.prepared.trig.some((x) => x !== 0)) return [];
  const { tags, margins } = decodeRoles(fx, table, ex.doc, ex.prepared);
  const spans = cleanSpans(ex.doc, roleSpans(ex.doc, tags, margins));
  const all = lexicon ? withLexicon(spans, lexicon.spans(ex.doc)) : spans;
  const cands = roleCandidates(all);
  const feats = candidateFeatures(ex.doc, cands, marginCuts, ex.prepared.trig, lexicon);
  return cands.map((c, i) => ({
    src: ex.src,
    role: c.role,
    features: feats[i],
    label: ex.goldKeys.get(c.role)?.has(c.key) ?? false,
    best: Math.max(...c.spans.map((s) => (s.lexical ? Number.NEGATIVE_INFINITY : s.score))),
  }));
}

/**
 * The filler lexicon of the training documents `include` accepts: for every gold filler string
 * (up to LEXICON_MAX_WORDS words), the documents in which it filled each role, then the documents
 * whose text holds it at all (`docs[src]`: the analysed document of `gtt[src]`).
 */
export function buildLexicon(
  gtt: readonly GttDoc[],
  docs: readonly AnalysisDoc[],
  include: (src: number) => boolean = () => true,
): RoleLexicon {
  const counts = new Map<string, number[]>();
  gtt.forEach((g, src) => {
    if (!include(src)) return;
    const seen = new Set<string>();
    for (const t of g.templates)
      EVENT_ROLES.forEach((role, r) => {
        for (const ent of t[role])
          for (const str of ent) {
            const k = fillerKey(str);
            if (!k || k.split(" ").length > LEXICON_MAX_WORDS || seen.has(`${r}:${k}`)) continue;
            seen.add(`${r}:${k}`);
            let c = counts.get(k);
            if (!c) {
              c = new Array(EVENT_ROLES.length + 1).fill(0);
              counts.set(k, c);
            }
            c[r]++;
          }
      });
  });
  docs.forEach((doc, src) => {
    if (!include(src)) return;
    const present = new Set<string>();
    lexiconOccurrences(
      doc,
      (k) => counts.has(k),
      (k) => present.add(k),
    );
    for (const k of present) (counts.get(k) as number[])[EVENT_ROLES.length]++;
  });
  // a string the tokenisation never finds as written still held in its documents
  for (const c of counts.values())
    c[EVENT_ROLES.length] = Math.max(c[EVENT_ROLES.length], ...c.slice(0, EVENT_ROLES.length));
  return new RoleLexicon(Object.fromEntries(counts));
}

export function trainRoles(opts: TrainRolesOptions): TrainRolesResult {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const split = opts.split ?? "train";
  if (/^test/i.test(split)) throw new Error("the test split is held out: train on train");
  const maxEpochs = opts.epochs ?? 8;
  const seed = opts.seed ?? 1992;
  const prune = opts.prune ?? 1;
  const heldout = opts.heldout ?? 0.1;
  const folds = opts.folds ?? 4;
  const variants = opts.variants ?? ["lower", "upper", "mixed"];
  const gtt = readGtt(opts.data, split);
  // the production pipeline up to the tagger: the layers its features read
  const upTo = DEFAULT_PIPELINE_CONFIG.components.findIndex((c) => c.name === "event-roles.v1");
  const pipeline = buildPipeline({
    ...DEFAULT_PIPELINE_CONFIG,
    components: DEFAULT_PIPELINE_CONFIG.components.slice(
      0,
      upTo >= 0 ? upTo : DEFAULT_PIPELINE_CONFIG.components.findIndex((c) => c.name === "events.v1"),
    ),
  });
  const fx = new RoleFeaturizer();
  const examples: Example[] = [];
  let spans = 0;
  const add = (text: string, g: GttDoc, src: number, goldKeys: Map<EventRole, Set<string>>, id: string) => {
    const doc = createDoc(text, { id });
    pipeline.run(doc);
    const gold = goldTags(doc, g);
    for (let i = 0; i < gold.length; i++) if (gold[i] % 2 === 1) spans++;
    examples.push({ doc, prepared: fx.prepare(doc), gold, src, goldKeys, goldEntities: entityCount(g) });
    return doc;
  };
  const lowerDocs: AnalysisDoc[] = [];
  gtt.forEach((g, src) => {
    const goldKeys = goldKeysOf(g);
    const lower = add(g.doctext, g, src, goldKeys, g.docid);
    lowerDocs.push(lower);
    if (variants.includes("upper")) {
      const upper = g.doctext.toUpperCase();
      if (upper.length === g.doctext.length) add(upper, g, src, goldKeys, `${g.docid}/upper`);
    }
    if (variants.includes("mixed")) {
      const victims = g.templates.flatMap((t) => t.Victim.flat());
      add(truecase(lower, victims), g, src, goldKeys, `${g.docid}/mixed`);
    }
  });
  const tokens = examples.reduce((n, e) => n + e.prepared.n, 0);
  log(
    `read ${gtt.length} ${split} documents as ${examples.length} examples (${variants.join(", ")}; ${tokens} tokens, ${spans} labelled spans) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // choose the epoch count on a held-out share (every k-th document, with all its variants)
  const k = Math.max(2, Math.round(1 / heldout));
  const fit = examples.filter((e) => e.src % k !== 0);
  const held = examples.filter((e) => e.src % k === 0);
  let bestEpoch = opts.epochs && opts.fixedEpochs ? opts.epochs : 1;
  let bestF1 = -1;
  if (!opts.fixedEpochs) {
    trainEpochs(fx, fit, maxEpochs, seed, (epoch, w, errors, seen) => {
      const table = w.averaged().table;
      const f1 = candidateF1(fx, table, held);
      log(
        `epoch ${epoch}: train errors ${((100 * errors) / seen).toFixed(2)}%, ${w.rows.size} features, held-out candidate F1 ${f1.toFixed(2)} (span F1 ${spanF1(fx, table, held).toFixed(2)})`,
      );
      if (f1 > bestF1) {
        bestF1 = f1;
        bestEpoch = epoch;
      }
    });
    log(`best epoch ${bestEpoch} (held-out candidate F1 ${bestF1.toFixed(2)})`);
  }

  // cross-validated tagger output over the training documents: the re-ranker's training data
  const rowsRaw: { ex: Example; table: Parameters<typeof decodeRoles>[1]; lexicon: RoleLexicon }[] = [];
  const cvRows: CandidateRow[] = [];
  const bests: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((e) => e.src % folds !== f);
    const table = trainEpochs(fx, train, bestEpoch, seed + f + 1).averaged().table;
    // the lexicon of the other folds, so that its counts never include the document itself
    const lexicon = buildLexicon(gtt, lowerDocs, (src) => src % folds !== f);
    for (const ex of examples) if (ex.src % folds === f) rowsRaw.push({ ex, table, lexicon });
    log(
      `fold ${f + 1}/${folds}: tagger trained on ${train.length} examples, lexicon of ${lexicon.size} strings`,
    );
  }
  // margin buckets from the distribution of tagged candidates' best margins (deciles)
  for (const { ex, table } of rowsRaw)
    for (const r of candidateRows(fx, table, ex, [])) if (Number.isFinite(r.best)) bests.push(r.best);
  bests.sort((a, b) => a - b);
  const marginCuts: number[] = [];
  for (let q = 1; q < 10; q++) {
    const v = bests[Math.floor((q * bests.length) / 10)];
    if (v !== undefined && (!marginCuts.length || v > marginCuts[marginCuts.length - 1]))
      marginCuts.push(Number(v.toFixed(4)));
  }
  for (const { ex, table, lexicon } of rowsRaw)
    cvRows.push(...candidateRows(fx, table, ex, marginCuts, lexicon));
  const goldCount = new Map<EventRole, number>();
  for (const ex of examples)
    for (const role of EVENT_ROLES) {
      // gold entities (not strings) of the example
      const g = gtt[ex.src];
      const ents = new Set<string>();
      for (const t of g.templates)
        for (const ent of t[role]) ents.add(JSON.stringify(ent.map(fillerKey).sort()));
      goldCount.set(role, (goldCount.get(role) ?? 0) + ents.size);
    }
  // thresholds from out-of-sample re-ranker scores (two halves), then the re-ranker on all rows
  const rrEpochs = 20;
  const scored: { role: EventRole; label: boolean; score: number }[] = [];
  for (let h = 0; h < 2; h++) {
    const w = trainReranker(
      cvRows.filter((r) => r.src % 2 !== h),
      rrEpochs,
      seed + 100 + h,
    );
    for (const r of cvRows)
      if (r.src % 2 === h) scored.push({ role: r.role, label: r.label, score: scoreRow(w, r) });
  }
  const thresholds = chooseThresholds(scored, goldCount);
  const rr = trainReranker(cvRows, rrEpochs, seed + 100);
  for (const role of EVENT_ROLES) {
    const rows = scored.filter((r) => r.role === role);
    const kept = rows.filter((r) => r.score >= thresholds[role]);
    const tp = kept.filter((r) => r.label).length;
    log(
      `re-ranker ${role}: ${rows.length} candidates (${rows.filter((r) => r.label).length} right), keeps ${kept.length} (${tp} right) of ${goldCount.get(role)} gold; threshold ${thresholds[role]}`,
    );
  }

  log(`retraining the tagger on all ${examples.length} examples (${bestEpoch} epochs)`);
  const final = trainEpochs(fx, examples, bestEpoch, seed).averaged();
  const pruned = pruneRows(final.keys, final.weights, ROLE_TAGS.length, prune);
  const seconds = (performance.now() - t0) / 1000;
  const training = {
    command: "npm run train -- muc4 --data DIR",
    split,
    seed,
    epochs: bestEpoch,
    prune,
    heldoutCandidateF1: Number(bestF1.toFixed(2)),
    documents: gtt.length,
    variants,
  };
  const { header, bin } = RoleModel.encode(pruned.keys, pruned.weights, training);
  const rrKeys = [...rr.keys()].sort((a, b) => a - b);
  const rerank: RerankerData = {
    schema: "sitrep.event-roles-rerank/2",
    marginCuts,
    thresholds,
    keys: rrKeys,
    weights: rrKeys.map((k) => Number((rr.get(k) as number).toFixed(3))),
    lexicon: buildLexicon(gtt, lowerDocs).toJSON(),
    training: { folds, epochs: rrEpochs, candidates: cvRows.length },
  };
  const outBase =
    opts.out ?? fileURLToPath(new URL("../../src/pipeline/resources/event-roles", import.meta.url));
  mkdirSync(dirname(outBase), { recursive: true });
  writeFileSync(`${outBase}.json`, `${JSON.stringify(header, null, 1)}\n`);
  writeFileSync(`${outBase}.bin`, bin);
  writeFileSync(`${outBase}.rerank.json`, `${JSON.stringify(rerank)}\n`);
  log(
    `wrote ${outBase}.json, .bin and .rerank.json (${pruned.keys.length} of ${final.keys.length} features, ${(bin.byteLength / 1e6).toFixed(2)} MB; re-ranker ${rrKeys.length} features) in ${seconds.toFixed(0)} s`,
  );
  return { bestEpoch, heldoutF1: bestF1, features: pruned.keys.length, bytes: bin.byteLength, seconds };
}
