import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { NerModel, NerTagger } from "../../src/pipeline/components/ner-tagger.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { type ConllDocument, conllPath, formatConllWithPredictions, readConll } from "./reader.js";
import { type ConllScore, formatConllScore, scoreConll, toIob1 } from "./scorer.js";

/**
 * CoNLL-2003 evaluation of the NER tagger (`ner.perceptron.v1`): tags every sentence of
 * `DIR/eng.<split>` document by document (the tagger's document history carries across the
 * sentences of one `-DOCSTART-` article), scores exact-span entity F1 as conlleval does, and
 * repeats the run on the same text lower-cased and upper-cased (converted on the fly) to show
 * how the tagger degrades on caseless text. Speed is measured on the tagging alone.
 *
 * With `out`, writes the input file with the predicted tag (IOB1, like the gold column) as a
 * fifth column, so `conlleval < out` reproduces the score.
 */

export interface ConllEvalOptions extends EvalOptions {
  /** Model base path without extension (default: the committed resources/ner-perceptron). */
  model?: string;
  /** Skip the lower/upper-cased runs. */
  asWrittenOnly?: boolean;
}

type Casing = "as written" | "lower-cased" | "upper-cased";

function tagAll(
  tagger: NerTagger,
  docs: ConllDocument[],
  f: (w: string) => string,
): { predicted: string[][]; seconds: number; words: number } {
  const predicted: string[][] = [];
  let words = 0;
  const t0 = performance.now();
  for (const d of docs) {
    const sentences = d.sentences.map((s) => s.tokens.map((t) => f(t.word)));
    for (const s of sentences) words += s.length;
    for (const tags of tagger.tagSentences(sentences)) predicted.push(tags);
  }
  return { predicted, seconds: (performance.now() - t0) / 1000, words };
}

export async function runConll(opts: ConllEvalOptions): Promise<EvalResult> {
  const log = opts.log ?? (() => {});
  let docs = readConll(opts.data, opts.split);
  if (opts.limit !== undefined && opts.limit > 0) docs = docs.slice(0, opts.limit);
  const gold = docs.flatMap((d) => d.sentences.map((s) => s.tokens.map((t) => t.tag)));
  log(`read ${docs.length} documents, ${gold.length} sentences from ${conllPath(opts.data, opts.split)}`);

  const tl = performance.now();
  const model = opts.model ? NerModel.load(pathToFileURL(resolve(opts.model))) : NerModel.load();
  const tagger = new NerTagger({ model });
  const loadSeconds = (performance.now() - tl) / 1000;
  log(`loaded ${tagger.name} (${model.header.features} features) in ${loadSeconds.toFixed(2)} s`);

  const casings: [Casing, (w: string) => string][] = [["as written", (w) => w]];
  if (!opts.asWrittenOnly) {
    casings.push(["lower-cased", (w) => w.toLowerCase()], ["upper-cased", (w) => w.toUpperCase()]);
  }
  const scores: Record<string, number> = {};
  const tables: string[] = [];
  let speed = 0;
  for (const [name, f] of casings) {
    const run = tagAll(tagger, docs, f);
    // IOB1 like the gold column, so token accuracy compares like with like
    const iob1 = run.predicted.map(toIob1);
    const s: ConllScore = scoreConll(gold, iob1);
    const wps = run.words / run.seconds;
    log(`${name}: F1 ${s.overall.f1.toFixed(2)}, ${Math.round(wps)} words/s`);
    const suffix = name === "as written" ? "" : name === "lower-cased" ? ".lower" : ".upper";
    scores[`f1${suffix}`] = s.overall.f1;
    if (name === "as written") {
      speed = wps;
      scores.precision = s.overall.precision;
      scores.recall = s.overall.recall;
      scores.accuracy = s.accuracy;
      for (const [type, ts] of Object.entries(s.byType)) scores[`f1.${type}`] = ts.f1;
      if (opts.out) {
        writeFileSync(opts.out, formatConllWithPredictions(docs, iob1));
        log(`wrote ${opts.out}`);
      }
    } else {
      for (const [type, ts] of Object.entries(s.byType)) scores[`f1${suffix}.${type}`] = ts.f1;
    }
    tables.push(formatConllScore(s, `== eng.${opts.split} ${name} ==`));
  }
  // A second timing of the as-written text: the first includes JIT warm-up and fills the
  // word-feature cache, as the start of a long run would.
  const warm = tagAll(tagger, docs, (w) => w);
  const warmSpeed = warm.words / warm.seconds;
  scores.wordsPerSecond = Math.round(warmSpeed);
  scores.wordsPerSecondCold = Math.round(speed);
  const words = gold.reduce((a, g) => a + g.length, 0);
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  tables.push(
    `speed (one core, ${words} words): ${fmt(warmSpeed)} words/s warm, ${fmt(speed)} words/s on the first pass (${(warmSpeed / 50_000).toFixed(2)}× / ${(speed / 50_000).toFixed(2)}× the 50,000 words/s target)\n` +
      `model: ${model.header.features} features, ${model.header.gazetteerEntries} gazetteer keys, ${model.header.caseProfileEntries} case profiles; loaded in ${loadSeconds.toFixed(2)} s`,
  );
  return { task: "conll", split: opts.split, scores, table: tables.join("\n\n") };
}
