import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  allowedTag,
  decodeRoles,
  EVENT_ROLES,
  type EventRole,
  type PreparedDoc,
  ROLE_TAGS,
  RoleFeaturizer,
  RoleModel,
  roleSpans,
} from "../../src/pipeline/components/event-roles.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { createDoc } from "../../src/pipeline/create-doc.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import type { AnalysisDoc } from "../../src/pipeline/doc.js";
import { AveragedPerceptron, pruneRows, seededRandom } from "../../src/pipeline/perceptron.js";
import { readGtt } from "./reader.js";
import type { GttDoc } from "./types.js";

/**
 * Trains the event-role tagger (src/pipeline/components/event-roles.ts) on the MUC-4 training
 * split: each document is run through the production pipeline up to the tagger (tokens,
 * gazetteers, NER), every occurrence of every gold filler string of its templates is labelled
 * with its role (longer strings first), and a greedy averaged perceptron learns the BIO tags.
 * The number of epochs is chosen on a held-out tenth of the training documents, then the model
 * is retrained on all of them. Deterministic (seeded shuffles; no dependence on time or map
 * order). Writes src/pipeline/resources/event-roles.{json,bin}.
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
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let seen = 0;
    for (const di of order) {
      const { doc, prepared: p, gold } = examples[di];
      for (const sent of doc.sentences) {
        let p1 = nt;
        let p2 = nt;
        for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
          scores.fill(0);
          const wt = w.weights;
          for (let f = p.offs[i]; f < p.offs[i + 1]; f++) {
            const r = w.row(p.keys[f]);
            if (r < 0) continue;
            for (let t = 0; t < nt; t++) scores[t] += wt[r * nt + t];
          }
          const nd = fx.dynamic(p, i, p1, p2, dyn);
          for (let f = 0; f < nd; f++) {
            const r = w.row(dyn[f]);
            if (r < 0) continue;
            for (let t = 0; t < nt; t++) scores[t] += wt[r * nt + t];
          }
          let pred = 0;
          for (let t = 1; t < nt; t++) if (scores[t] > scores[pred] && allowedTag(p1, t)) pred = t;
          const g = gold[i];
          if (pred !== g) {
            errors++;
            w.update(p.keys, p.offs[i], p.offs[i + 1], g, 1);
            w.update(p.keys, p.offs[i], p.offs[i + 1], pred, -1);
            w.update(dyn, 0, nd, g, 1);
            w.update(dyn, 0, nd, pred, -1);
          }
          w.c++;
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

export function trainRoles(opts: TrainRolesOptions): TrainRolesResult {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const split = opts.split ?? "train";
  if (/^test/i.test(split)) throw new Error("the test split is held out: train on train");
  const maxEpochs = opts.epochs ?? 12;
  const seed = opts.seed ?? 1992;
  const prune = opts.prune ?? 0.05;
  const heldout = opts.heldout ?? 0.1;
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
  for (const g of gtt) {
    const doc = createDoc(g.doctext, { id: g.docid });
    pipeline.run(doc);
    const gold = goldTags(doc, g);
    for (let i = 0; i < gold.length; i++) if (gold[i] % 2 === 1) spans++;
    examples.push({ doc, prepared: fx.prepare(doc), gold });
  }
  const tokens = examples.reduce((n, e) => n + e.prepared.n, 0);
  log(
    `read ${examples.length} ${split} documents (${tokens} tokens, ${spans} labelled spans) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // choose the epoch count on a held-out share (every k-th document)
  const k = Math.max(2, Math.round(1 / heldout));
  const fit = examples.filter((_, i) => i % k !== 0);
  const held = examples.filter((_, i) => i % k === 0);
  let bestEpoch = 1;
  let bestF1 = -1;
  trainEpochs(fx, fit, maxEpochs, seed, (epoch, w, errors, seen) => {
    const f1 = spanF1(fx, w.averaged().table, held);
    log(
      `epoch ${epoch}: train errors ${((100 * errors) / seen).toFixed(2)}%, ${w.rows.size} features, held-out span F1 ${f1.toFixed(2)}`,
    );
    if (f1 > bestF1) {
      bestF1 = f1;
      bestEpoch = epoch;
    }
  });
  log(`best epoch ${bestEpoch} (held-out span F1 ${bestF1.toFixed(2)}); retraining on all documents`);
  const final = trainEpochs(fx, examples, bestEpoch, seed).averaged();
  const pruned = pruneRows(final.keys, final.weights, ROLE_TAGS.length, prune);
  const seconds = (performance.now() - t0) / 1000;
  const { header, bin } = RoleModel.encode(pruned.keys, pruned.weights, {
    command: "npm run train -- muc4 --data DIR",
    split,
    seed,
    epochs: bestEpoch,
    prune,
    heldoutSpanF1: Number(bestF1.toFixed(2)),
    documents: examples.length,
  });
  const outBase =
    opts.out ?? fileURLToPath(new URL("../../src/pipeline/resources/event-roles", import.meta.url));
  mkdirSync(dirname(outBase), { recursive: true });
  writeFileSync(`${outBase}.json`, `${JSON.stringify(header, null, 1)}\n`);
  writeFileSync(`${outBase}.bin`, bin);
  log(
    `wrote ${outBase}.json and .bin (${pruned.keys.length} of ${final.keys.length} features, ${(bin.byteLength / 1e6).toFixed(2)} MB) in ${seconds.toFixed(0)} s`,
  );
  return { bestEpoch, heldoutF1: bestF1, features: pruned.keys.length, bytes: bin.byteLength, seconds };
}
