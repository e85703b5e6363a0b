/**
 * Geoparsing scores (data README §3.2, after Gritta et al., "A Pragmatic Guide to Geoparsing
 * Evaluation", 2019):
 * - recognition: a predicted toponym matches a gold one when the strings are equal ignoring case
 *   and the span midpoints are less than 10 characters apart; one-to-one, nearest first. Only
 *   gold toponyms that count (`gold: true`: they have coordinates) are gold; precision, recall, F1.
 * - resolution, on the correctly recognised toponyms: great-circle error in km, accuracy within
 *   161 km (100 miles), mean error, and AUC = the area under the sorted ln(1 + error) curve,
 *   normalised by ln(20039) (half the Earth's circumference) so that 0 is perfect and 1 the worst.
 */

export interface ScoredGold {
  start: number;
  end: number;
  text: string;
  lat?: number;
  lon?: number;
  /** Counts as gold (has coordinates). Others only matter for the lenient precision. */
  gold: boolean;
}

export interface GeoPrediction {
  start: number;
  end: number;
  text: string;
  lat?: number;
  lon?: number;
}

export interface GeoMatch {
  gold: ScoredGold;
  pred: GeoPrediction;
  /** Great-circle distance in km; MAX_ERROR_KM when the prediction has no coordinates. */
  errorKm: number;
}

export interface GeoArticleResult {
  matches: GeoMatch[];
  /** Gold toponyms that count and were not recognised. */
  missed: ScoredGold[];
  /** Predictions that match no counting gold toponym. */
  spurious: GeoPrediction[];
  /** Spurious predictions that match an annotation that does not count (no coordinates). */
  ignorable: GeoPrediction[];
}

export interface GeoScores {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  /** Precision/F1 when predictions matching non-counting annotations are not false positives. */
  precisionLenient: number;
  f1Lenient: number;
  /** Recognised toponyms with a resolution error. */
  resolved: number;
  acc161: number;
  meanErrorKm: number;
  medianErrorKm: number;
  auc: number;
}

/** Half the Earth's circumference, km: the largest possible error. */
export const MAX_ERROR_KM = 20039;
const EARTH_RADIUS_KM = 6371.0088;
const MIDPOINT_TOLERANCE = 10;

/** Great-circle (haversine) distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

function key(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

function midpoint(x: { start: number; end: number }): number {
  return (x.start + x.end) / 2;
}

/** True when a prediction and an annotation denote the same toponym occurrence. */
export function sameToponym(a: { start: number; end: number; text: string }, b: typeof a): boolean {
  return key(a.text) === key(b.text) && Math.abs(midpoint(a) - midpoint(b)) < MIDPOINT_TOLERANCE;
}

/** One-to-one matching of predictions to annotations, nearest midpoints first. */
function matchPairs<G extends ScoredGold>(gold: G[], preds: GeoPrediction[]): [number, number][] {
  const cands: { g: number; p: number; d: number }[] = [];
  for (let g = 0; g < gold.length; g++)
    for (let p = 0; p < preds.length; p++)
      if (sameToponym(gold[g], preds[p]))
        cands.push({ g, p, d: Math.abs(midpoint(gold[g]) - midpoint(preds[p])) });
  cands.sort((x, y) => x.d - y.d || x.g - y.g || x.p - y.p);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const out: [number, number][] = [];
  for (const c of cands) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g);
    usedP.add(c.p);
    out.push([c.g, c.p]);
  }
  return out;
}

/** Matches one article's predictions against its annotations. */
export function scoreGeoArticle(annotations: ScoredGold[], preds: GeoPrediction[]): GeoArticleResult {
  const gold = annotations.filter((t) => t.gold);
  const other = annotations.filter((t) => !t.gold);
  const pairs = matchPairs(gold, preds);
  const matchedP = new Set(pairs.map(([, p]) => p));
  const matchedG = new Set(pairs.map(([g]) => g));
  const matches: GeoMatch[] = pairs.map(([g, p]) => {
    const gt = gold[g];
    const pr = preds[p];
    const errorKm =
      gt.lat !== undefined && gt.lon !== undefined && pr.lat !== undefined && pr.lon !== undefined
        ? distanceKm(gt.lat, gt.lon, pr.lat, pr.lon)
        : MAX_ERROR_KM;
    return { gold: gt, pred: pr, errorKm };
  });
  const spurious = preds.filter((_, p) => !matchedP.has(p));
  const ignorePairs = matchPairs(other, spurious);
  const ignorable = ignorePairs.map(([, p]) => spurious[p]);
  return { matches, missed: gold.filter((_, g) => !matchedG.has(g)), spurious, ignorable };
}

/**
 * AUC of the error curve (Gritta et al.): the sorted ln(1 + error) values integrated with the
 * trapezoidal rule over an x-axis scaled to [0, 1], divided by ln(20039). 0 means every error is
 * 0 km; maximal errors give (about) 1. A single error gives ln(1 + e) / ln(20039).
 */
export function errorAuc(errorsKm: number[]): number {
  if (errorsKm.length === 0) return 0;
  const logs = errorsKm
    .map((e) => Math.log(1 + Math.min(Math.max(e, 0), MAX_ERROR_KM)))
    .sort((a, b) => a - b);
  const norm = Math.log(MAX_ERROR_KM);
  if (logs.length === 1) return logs[0] / norm;
  let area = 0;
  for (let i = 1; i < logs.length; i++) area += (logs[i - 1] + logs[i]) / 2;
  return area / (logs.length - 1) / norm;
}

function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Aggregates article results into corpus scores. */
export function aggregateGeo(results: GeoArticleResult[]): GeoScores {
  let correct = 0;
  let missed = 0;
  let spurious = 0;
  let ignorable = 0;
  const errors: number[] = [];
  for (const r of results) {
    correct += r.matches.length;
    missed += r.missed.length;
    spurious += r.spurious.length;
    ignorable += r.ignorable.length;
    for (const m of r.matches) errors.push(m.errorKm);
  }
  const gold = correct + missed;
  const predicted = correct + spurious;
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const predLenient = predicted - ignorable;
  const precisionLenient = predLenient ? correct / predLenient : 0;
  const sorted = [...errors].sort((a, b) => a - b);
  const median =
    sorted.length === 0
      ? 0
      : sorted.length % 2
        ? sorted[(sorted.length - 1) / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return {
    gold,
    predicted,
    correct,
    precision,
    recall,
    f1: f1(precision, recall),
    precisionLenient,
    f1Lenient: f1(precisionLenient, recall),
    resolved: errors.length,
    acc161: errors.length ? errors.filter((e) => e <= 161).length / errors.length : 0,
    meanErrorKm: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : 0,
    medianErrorKm: median,
    auc: errorAuc(errors),
  };
}

/** Scores a whole corpus: per article annotations and predictions, keyed by article id. */
export function scoreGeo(
  gold: Record<string, ScoredGold[]>,
  preds: Record<string, GeoPrediction[]>,
): GeoScores & { articles: Record<string, GeoArticleResult> } {
  const articles: Record<string, GeoArticleResult> = {};
  for (const id of Object.keys(gold)) articles[id] = scoreGeoArticle(gold[id], preds[id] ?? []);
  // predictions for articles without annotations are all spurious
  for (const id of Object.keys(preds))
    if (!(id in gold)) articles[id] = { matches: [], missed: [], spurious: preds[id], ignorable: [] };
  return { ...aggregateGeo(Object.values(articles)), articles };
}
