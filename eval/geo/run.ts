import { writeFileSync } from "node:fs";
import { loadPlaceData } from "../../src/pipeline/components/place-gazetteer.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import { analyzeText } from "../../src/services/analyze.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { countryNames, geoPredictions } from "./adapter.js";
import { alignNormalized } from "./align.js";
import { geoCorpusName, readGeoCorpus } from "./reader.js";
import { type GeoArticleResult, type GeoPrediction, scoreGeo } from "./scorer.js";

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function topCounts(items: string[], n: number): string {
  const c = new Map<string, number>();
  for (const s of items) c.set(s, (c.get(s) ?? 0) + 1);
  return [...c.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([s, k]) => `${s} ×${k}`)
    .join(", ");
}

/**
 * `sitrep eval geo --corpus lgl|TR-News|GWN --data DIR --split NAME [--out FILE]`: runs the
 * production pipeline over each article's text, takes its place-like mentions with coordinates
 * (eval/geo/adapter.ts) and scores recognition and resolution (eval/geo/scorer.ts).
 */
export async function runGeo(opts: EvalOptions): Promise<EvalResult> {
  const corpus = geoCorpusName(opts.corpus);
  const log = opts.log ?? (() => {});
  let articles = readGeoCorpus(opts.data, corpus, opts.split);
  if (opts.limit !== undefined) articles = articles.slice(0, opts.limit);
  const pipeline = buildPipeline(opts.pipeline ?? DEFAULT_PIPELINE_CONFIG);
  const places = loadPlaceData().places;
  const countries = countryNames(places.countries, places.admin, places.regions);

  const gold: Record<string, (typeof articles)[number]["toponyms"]> = {};
  const preds: Record<string, GeoPrediction[]> = {};
  const t0 = Date.now();
  let words = 0;
  for (const [k, a] of articles.entries()) {
    gold[a.id] = a.toponyms;
    if (!a.text.trim()) {
      preds[a.id] = [];
      continue;
    }
    const { doc } = analyzeText(pipeline, a.text);
    words += doc.tokens.length;
    preds[a.id] = geoPredictions(doc, {
      corpus,
      countries,
      offsets: alignNormalized(a.text, doc.text),
      rawText: a.text,
    });
    if ((k + 1) % 100 === 0) log(`geo ${corpus}: ${k + 1}/${articles.length} articles`);
  }
  const secs = (Date.now() - t0) / 1000;
  const s = scoreGeo(gold, preds);

  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(preds, null, 1)}\n`);

  const results: GeoArticleResult[] = Object.values(s.articles);
  const missed = results.flatMap((r) => r.missed.map((g) => g.text));
  const spurious = results.flatMap((r) =>
    r.spurious.filter((p) => !r.ignorable.includes(p)).map((p) => p.text),
  );
  const wrong = results
    .flatMap((r) => r.matches)
    .filter((m) => m.errorKm > 161)
    .sort((a, b) => b.errorKm - a.errorKm);
  const lines = [
    `geo ${corpus} ${opts.split}: ${articles.length} articles, ${s.gold} gold toponyms (with coordinates), ${s.predicted} predicted`,
    "",
    "recognition (same string ignoring case, span midpoints < 10 chars apart)",
    `  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (correct ${s.correct})`,
    `  lenient (predictions on annotations without coordinates not counted): P ${pct(s.precisionLenient)}  F1 ${pct(s.f1Lenient)}`,
    "resolution (on recognised toponyms)",
    `  acc@161km ${pct(s.acc161)}  mean error ${s.meanErrorKm.toFixed(0)} km  median ${s.medianErrorKm.toFixed(0)} km  AUC ${s.auc.toFixed(3)}  (n=${s.resolved})`,
    "",
    `most missed: ${topCounts(missed, 25)}`,
    `most spurious: ${topCounts(spurious, 25)}`,
    `largest errors: ${wrong
      .slice(0, 15)
      .map((m) => `${m.gold.text} ${m.errorKm.toFixed(0)}km`)
      .join(", ")}`,
    "",
    `speed: ${words} tokens in ${secs.toFixed(1)} s`,
  ];
  return {
    task: `geo:${corpus}`,
    split: opts.split,
    scores: {
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      precisionLenient: s.precisionLenient,
      f1Lenient: s.f1Lenient,
      acc161: s.acc161,
      meanErrorKm: s.meanErrorKm,
      medianErrorKm: s.medianErrorKm,
      auc: s.auc,
      gold: s.gold,
      predicted: s.predicted,
      correct: s.correct,
    },
    table: lines.join("\n"),
  };
}
