import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildGazetteerTable,
  CAP_LOWER,
  DYNAMIC_BUFFER,
  decodeDocument,
  Gazetteer,
  NER_TYPES,
  NerFeaturizer,
  NerModel,
  type PreparedSentence,
  sentenceCaseMode,
  TagHistory,
  TagSet,
  type WeightTable,
} from "../../src/pipeline/components/ner-tagger.js";
import { AveragedPerceptron, addRows, seededRandom, shuffle } from "../../src/pipeline/perceptron.js";
import { gazetteerPhrases } from "./ner-gazetteer.js";
import { type ConllDocument, readConll } from "./reader.js";
import { chunks, formatConllScore, scoreConll, toBio } from "./scorer.js";

/**
 * Trains the NER tagger's averaged perceptron on `eng.train` (greedy decoding with the
 * previously predicted tags as features, as at run time), picks the epoch by F1 on the dev
 * split `eng.testa`, prunes near-zero weights and writes
 * src/pipeline/resources/ner-perceptron.{json,bin}. Deterministic: documents are shuffled with
 * a seeded generator; nothing depends on time or hash-map order.
 */

export interface TrainConllOptions {
  /** Folder holding eng.train and eng.testa. */
  data: string;
  trainSplit?: string;
  devSplit?: string;
  /** Output base path without extension (default: src/pipeline/resources/ner-perceptron). */
  out?: string;
  epochs?: number;
  /** Stop when dev F1 has not improved for this many epochs. */
  patience?: number;
  seed?: number;
  scheme?: "BIO" | "BILOU";
  /** Fraction of training documents added again lower-cased / upper-cased. */
  lowerFraction?: number;
  upperFraction?: number;
  history?: boolean;
  gazetteer?: boolean;
  /** Case-profile features (how the training text usually writes each word). */
  caseProfile?: boolean;
  /** Drop features whose largest averaged weight is below this. */
  prune?: number;
  log?: (line: string) => void;
}

export interface TrainConllResult {
  bestEpoch: number;
  devF1: number;
  devF1Lower: number;
  devF1Upper: number;
  features: number;
  bytes: number;
  seconds: number;
  table: string;
}

function tagNames(scheme: "BIO" | "BILOU"): string[] {
  const prefixes = scheme === "BIO" ? ["B", "I"] : ["B", "I", "L", "U"];
  return ["O", ...NER_TYPES.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

/** Gold IOB1 tags → tag indices of the scheme. */
function encode(tags: readonly string[], scheme: "BIO" | "BILOU", set: TagSet): Int32Array {
  const out = new Int32Array(tags.length);
  for (const c of chunks(tags)) {
    for (let i = c.start; i < c.end; i++) {
      let p: string;
      if (scheme === "BIO") p = i === c.start ? "B" : "I";
      else if (c.end - c.start === 1) p = "U";
      else p = i === c.start ? "B" : i === c.end - 1 ? "L" : "I";
      out[i] = set.index(`${p}-${c.type}`);
    }
  }
  return out;
}

interface TrainDoc {
  sentences: PreparedSentence[];
  gold: Int32Array[];
}

/** Per word (lower-case hash): [lower-case occurrences, capitalised occurrences]. */
function caseCounts(doc: ConllDocument, fx: NerFeaturizer): Map<number, [number, number]> {
  const m = new Map<number, [number, number]>();
  for (const s of doc.sentences) {
    const infos = s.tokens.map((t) => fx.info(t.word));
    if (sentenceCaseMode(infos) !== 0) continue;
    for (let i = 1; i < infos.length; i++) {
      const w = infos[i];
      if (!w.letters) continue;
      const c = m.get(w.lower) ?? [0, 0];
      if (w.cap === CAP_LOWER) c[0]++;
      else c[1]++;
      m.set(w.lower, c);
    }
  }
  return m;
}

/** 0: unknown (seen < 2 times); 1–5: share capitalised 0, <¼, <¾, <1, 1; +5 when seen ≥ 10 times. */
export function profileClass(lower: number, capital: number): number {
  const n = lower + capital;
  if (n < 2) return 0;
  const r = capital / n;
  const c = r === 0 ? 1 : r < 0.25 ? 2 : r < 0.75 ? 3 : r < 1 ? 4 : 5;
  return n >= 10 ? c + 5 : c;
}

function caseCopy(doc: ConllDocument, f: (w: string) => string): string[][] {
  return doc.sentences.map((s) => s.tokens.map((t) => f(t.word)));
}

function evaluate(
  fx: NerFeaturizer,
  table: WeightTable,
  tags: TagSet,
  docs: PreparedSentence[][],
  gold: string[][],
  history: boolean,
) {
  const pred: string[][] = [];
  for (const d of docs)
    for (const seq of decodeDocument(fx, table, tags, d, history)) pred.push(tags.toBio(seq));
  return scoreConll(gold, pred);
}

export function trainConll(opts: TrainConllOptions): TrainConllResult {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const scheme = opts.scheme ?? "BIO";
  const epochs = opts.epochs ?? 25;
  const patience = opts.patience ?? 5;
  const seed = opts.seed ?? 20030;
  const lowerFraction = opts.lowerFraction ?? 0.5;
  const upperFraction = opts.upperFraction ?? 0.5;
  const history = opts.history ?? true;
  const prune = opts.prune ?? 0;
  const useGaz = opts.gazetteer ?? true;
  const useProfile = opts.caseProfile ?? true;
  const trainSplit = opts.trainSplit ?? "train";
  const devSplit = opts.devSplit ?? "testa";
  if (/^testb$|^test$/i.test(devSplit) || /^testb$|^test$/i.test(trainSplit)) {
    throw new Error("the test split is held out: train on train, tune on testa");
  }
  const train = readConll(opts.data, trainSplit);
  const dev = readConll(opts.data, devSplit);
  log(
    `read ${train.length} training documents (${train.reduce((a, d) => a + d.sentences.length, 0)} sentences), ${dev.length} dev documents`,
  );

  // Gazetteer from the project's resources; single-token names that the training text mostly
  // writes in lower case (common words) are left out.
  const lowerCount = new Map<string, number>();
  const capCount = new Map<string, number>();
  for (const d of train) {
    for (const s of d.sentences) {
      s.tokens.forEach((t, i) => {
        const w = t.word;
        const l = w.toLowerCase();
        if (w === l) lowerCount.set(l, (lowerCount.get(l) ?? 0) + 1);
        else if (i > 0 && w !== w.toUpperCase()) capCount.set(l, (capCount.get(l) ?? 0) + 1);
      });
    }
  }
  const skip = (l: string) =>
    (lowerCount.get(l) ?? 0) >= 2 && (lowerCount.get(l) ?? 0) >= (capCount.get(l) ?? 0);
  const resources = new URL("../../src/pipeline/resources/", import.meta.url);
  const phrases = useGaz ? gazetteerPhrases(resources, skip) : [];
  const gazTable = buildGazetteerTable(phrases);
  log(`gazetteer: ${phrases.length} phrases, ${gazTable.keys.length} table entries`);
  const fx = new NerFeaturizer(new Gazetteer(gazTable.keys, gazTable.vals));

  // Case profiles: how often each word is capitalised inside mixed-case training sentences
  // (first tokens left out). While a training document is featurised its own counts are
  // subtracted, so rare words look as they will on unseen text.
  const docCounts = train.map((d) => caseCounts(d, fx));
  const globalCounts = new Map<number, [number, number]>();
  for (const dc of docCounts) {
    for (const [h, [l, c]] of dc) {
      const g = globalCounts.get(h) ?? [0, 0];
      g[0] += l;
      g[1] += c;
      globalCounts.set(h, g);
    }
  }
  const fullProfile = (h: number) => {
    const g = globalCounts.get(h);
    return g ? profileClass(g[0], g[1]) : 0;
  };
  const leaveOut = (dc: Map<number, [number, number]>) => (h: number) => {
    const g = globalCounts.get(h);
    if (!g) return 0;
    const own = dc.get(h);
    return own ? profileClass(g[0] - own[0], g[1] - own[1]) : profileClass(g[0], g[1]);
  };
  const profPairs: [number, number][] = [];
  for (const h of globalCounts.keys()) {
    const c = fullProfile(h);
    if (c > 0) profPairs.push([h === 0 ? 1 : h, c]);
  }
  profPairs.sort((a, b) => a[0] - b[0]);
  const profKeys = new Uint32Array(profPairs.map((p) => p[0]));
  const profVals = new Uint8Array(profPairs.map((p) => p[1]));
  if (useProfile) log(`case profiles: ${profKeys.length} words`);
  const tags = new TagSet(tagNames(scheme));
  const nt = tags.names.length;

  // Training documents plus case-augmented copies.
  const random = seededRandom(seed);
  const docs: TrainDoc[] = [];
  let tokens = 0;
  const addDoc = (doc: ConllDocument, words: string[][], di: number) => {
    fx.profile = useProfile ? leaveOut(docCounts[di]) : undefined;
    const sentences = words.map((w) => fx.prepare(w));
    const gold = doc.sentences.map((s) =>
      encode(
        s.tokens.map((t) => t.tag),
        scheme,
        tags,
      ),
    );
    for (const w of words) tokens += w.length;
    docs.push({ sentences, gold });
  };
  train.forEach((d, di) => {
    addDoc(
      d,
      caseCopy(d, (w) => w),
      di,
    );
    if (random() < lowerFraction)
      addDoc(
        d,
        caseCopy(d, (w) => w.toLowerCase()),
        di,
      );
    if (random() < upperFraction)
      addDoc(
        d,
        caseCopy(d, (w) => w.toUpperCase()),
        di,
      );
  });
  fx.profile = useProfile ? fullProfile : undefined;
  log(`training on ${docs.length} documents, ${tokens} tokens (with case copies), scheme ${scheme}`);

  const devGold = dev.flatMap((d) => d.sentences.map((s) => toBio(s.tokens.map((t) => t.tag))));
  const prepDev = (f: (w: string) => string) => dev.map((d) => caseCopy(d, f).map((w) => fx.prepare(w)));
  const devNormal = prepDev((w) => w);

  const weights = new AveragedPerceptron(nt);
  const scores = new Float64Array(nt);
  const dyn = new Uint32Array(DYNAMIC_BUFFER);
  const order = docs.map((_, i) => i);
  let best: { epoch: number; f1: number; keys: Uint32Array; weights: Float32Array } | undefined;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const te = performance.now();
    shuffle(order, random);
    let errors = 0;
    let seen = 0;
    for (const di of order) {
      const doc = docs[di];
      const hist = history ? new TagHistory() : undefined;
      for (let si = 0; si < doc.sentences.length; si++) {
        const s = doc.sentences[si];
        const gold = doc.gold[si];
        let p1 = tags.start;
        let p2 = tags.start;
        for (let i = 0; i < s.n; i++) {
          scores.fill(0);
          addRows(weights, s.keys, s.offs[i], s.offs[i + 1], scores);
          const nd = fx.dynamic(s, i, p1, p2, hist, dyn);
          addRows(weights, dyn, 0, nd, scores);
          let pred = 0;
          for (let t = 1; t < nt; t++) if (scores[t] > scores[pred]) pred = t;
          if (weights.learn(s.keys, s.offs[i], s.offs[i + 1], dyn, nd, gold[i], pred)) errors++;
          seen++;
          if (hist && s.infos[i].letters) hist.observe(s.infos[i].lower, tags.type[pred]);
          p2 = p1;
          p1 = pred;
        }
      }
    }
    const avg = weights.averaged();
    const score = evaluate(fx, avg.table, tags, devNormal, devGold, history);
    const f1 = score.overall.f1;
    log(
      `epoch ${epoch}: train errors ${((100 * errors) / seen).toFixed(2)}%, features ${weights.rows.size}, dev F1 ${f1.toFixed(2)} (${((performance.now() - te) / 1000).toFixed(1)} s)`,
    );
    if (!best || f1 > best.f1) best = { epoch, f1, keys: avg.keys, weights: avg.weights };
    else if (epoch - best.epoch >= patience) break;
  }
  if (!best) throw new Error("no epoch trained");

  // Prune: keep rows whose largest |weight| reaches the threshold.
  const keep: number[] = [];
  for (let r = 0; r < best.keys.length; r++) {
    let m = 0;
    for (let t = 0; t < nt; t++) m = Math.max(m, Math.abs(best.weights[r * nt + t]));
    if (m > prune) keep.push(r);
  }
  const keys = new Uint32Array(keep.length);
  const w = new Float32Array(keep.length * nt);
  keep.forEach((r, i) => {
    keys[i] = best.keys[r];
    w.set(best.weights.subarray(r * nt, r * nt + nt), i * nt);
  });
  const seconds = (performance.now() - t0) / 1000;
  const training = {
    command: "node --import tsx scripts/train.ts conll --data DIR",
    trainSplit,
    devSplit,
    scheme,
    seed,
    epochsRun: epochs,
    bestEpoch: best.epoch,
    lowerFraction,
    upperFraction,
    prune,
    gazetteerPhrases: phrases.length,
    caseProfiles: useProfile ? profKeys.length : 0,
    devF1BeforePruning: Number(best.f1.toFixed(2)),
  };
  const { header, bin } = NerModel.encode(
    { tags: tags.names.slice(), useHistory: history, training },
    {
      keys,
      weights: w,
      gazKeys: gazTable.keys,
      gazVals: gazTable.vals,
      profKeys: useProfile ? profKeys : new Uint32Array(0),
      profVals: useProfile ? profVals : new Uint8Array(0),
    },
  );
  // Score the model as it will be loaded (quantised, pruned).
  const model = new NerModel(header, bin);
  const fxm = model.featurizer();
  const lines: string[] = [];
  const f1s: number[] = [];
  for (const [name, f] of [
    ["as written", (x: string) => x],
    ["lower-cased", (x: string) => x.toLowerCase()],
    ["upper-cased", (x: string) => x.toUpperCase()],
  ] as const) {
    const prepared = dev.map((d) => caseCopy(d, f).map((ws) => fxm.prepare(ws)));
    const s = evaluate(fxm, model, model.tags, prepared, devGold, history);
    f1s.push(s.overall.f1);
    lines.push(formatConllScore(s, `${devSplit} ${name}`));
  }
  header.training = {
    ...training,
    devF1: Number(f1s[0].toFixed(2)),
    devF1Lower: Number(f1s[1].toFixed(2)),
    devF1Upper: Number(f1s[2].toFixed(2)),
  };
  const outBase =
    opts.out ?? fileURLToPath(new URL("../../src/pipeline/resources/ner-perceptron", import.meta.url));
  mkdirSync(dirname(outBase), { recursive: true });
  writeFileSync(`${outBase}.json`, `${JSON.stringify(header, null, 1)}\n`);
  writeFileSync(`${outBase}.bin`, bin);
  log(`wrote ${outBase}.json and .bin (${keys.length} features, ${(bin.byteLength / 1e6).toFixed(2)} MB)`);
  return {
    bestEpoch: best.epoch,
    devF1: f1s[0],
    devF1Lower: f1s[1],
    devF1Upper: f1s[2],
    features: keys.length,
    bytes: bin.byteLength,
    seconds,
    table: lines.join("\n\n"),
  };
}
