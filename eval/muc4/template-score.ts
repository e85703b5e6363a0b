import { maxAssignment } from "./assignment.js";
import { normalizeString } from "./normalize.js";
import { type Counts, f1, type Prf, prf, ROLES, type Template, zeroCounts } from "./types.js";

/**
 * GTT's template-filling metric (`eval.py` of xinyadu/gtt). Per document, predicted templates
 * are mapped one-to-one to gold templates (or to nothing); a mapped pair counts only when the
 * predicted incident type is a substring of the gold one ("attack" fits "bombing / attack").
 * In a counted pair the incident type scores one correct slot on both sides, a predicted
 * entity is correct when it matches some gold entity of that role (every predicted string is
 * one of the gold entity's alternatives) and a gold entity is found when some predicted entity
 * matches it. Every predicted template and entity counts in precision's denominator and every
 * gold one in recall's, mapped or not. The mapping chosen is the first, in eval.py's
 * enumeration order (`itertools.product` over gold indices then -1), with the best micro F1
 * over the six slots; counts are summed over documents and micro-averaged.
 *
 * eval.py enumerates every mapping; this does the same while the number of injective mappings
 * stays under `exactLimit`, and otherwise takes the Kuhn–Munkres assignment maximising
 * P + R of the document (reported in `approximatedDocs`).
 */
export const TEMPLATE_SLOTS = ["incident_type", ...ROLES] as const;
export type TemplateSlot = (typeof TEMPLATE_SLOTS)[number];

export interface TemplateScore {
  slots: Record<TemplateSlot, Prf>;
  micro: Prf;
  /** Per document, the chosen mapping: predicted template index → gold template index, or -1. */
  mappings: Record<string, number[]>;
  approximatedDocs: string[];
}

type SlotVec = Float64Array; // [pNum per slot..., rNum per slot...] in TEMPLATE_SLOTS order
const S = TEMPLATE_SLOTS.length;

function normalizeTemplate(t: Template): Template {
  const out = { incident_type: typeof t.incident_type === "string" ? t.incident_type : "attack" } as Template;
  for (const role of ROLES) out[role] = (t[role] ?? []).map((e) => e.map(normalizeString));
  return out;
}

function matches(gold: readonly string[], pred: readonly string[]): boolean {
  for (const m of pred) if (!gold.includes(m)) return false;
  return true;
}

/** Correct counts of a counted (pred, gold) pair of normalised templates, or undefined when the incident types do not fit. */
export function pairCounts(pred: Template, gold: Template): SlotVec | undefined {
  if (!gold.incident_type.includes(pred.incident_type)) return undefined;
  const v = new Float64Array(2 * S);
  v[0] = 1;
  v[S] = 1;
  ROLES.forEach((role, k) => {
    const ps = pred[role];
    const gs = gold[role];
    v[k + 1] = ps.filter((p) => gs.some((g) => matches(g, p))).length;
    v[S + k + 1] = gs.filter((g) => ps.some((p) => matches(g, p))).length;
  });
  return v;
}

function denominators(ts: Template[]): Float64Array {
  const d = new Float64Array(S);
  for (const t of ts) {
    d[0] += 1;
    ROLES.forEach((role, k) => {
      d[k + 1] += t[role].length;
    });
  }
  return d;
}

function sum(a: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
}

/** Number of injective partial maps of n predictions into g gold templates. */
function mappingCount(n: number, g: number): number {
  let total = 0;
  let choose = 1; // C(n, k)
  let perm = 1; // P(g, k)
  for (let k = 0; k <= Math.min(n, g); k++) {
    total += choose * perm;
    choose = (choose * (n - k)) / (k + 1);
    perm *= g - k;
  }
  return total;
}

export interface DocMapping {
  mapping: number[];
  correct: SlotVec;
  exact: boolean;
}

/** Best mapping of one document's (normalised) templates, as eval.py chooses it. */
export function bestMapping(pred: Template[], gold: Template[], exactLimit = 2_000_000): DocMapping {
  const n = pred.length;
  const g = gold.length;
  const pairs: (SlotVec | undefined)[][] = pred.map((p) => gold.map((gt) => pairCounts(p, gt)));
  const pd = sum(denominators(pred), 0, S);
  const rd = sum(denominators(gold), 0, S);
  const docF1 = (v: SlotVec) => f1(sum(v, 0, S), pd, sum(v, S, 2 * S), rd);

  if (mappingCount(n, g) > exactLimit) {
    const w = pairs.map((row) => row.map((v) => (v ? sum(v, 0, S) / pd + sum(v, S, 2 * S) / rd : 0)));
    const { pairs: assigned } = maxAssignment(w);
    const mapping = new Array<number>(n).fill(-1);
    const correct = new Float64Array(2 * S);
    for (const [i, j] of assigned) {
      const v = pairs[i][j];
      if (!v) continue;
      mapping[i] = j;
      for (let k = 0; k < 2 * S; k++) correct[k] += v[k];
    }
    return { mapping, correct, exact: false };
  }

  let best: DocMapping | undefined;
  let bestF1 = -1;
  const mapping = new Array<number>(n).fill(-1);
  const used = new Uint8Array(g);
  const acc = new Float64Array(2 * S);
  const visit = (i: number): void => {
    if (i === n) {
      const f = docF1(acc);
      if (!best || f > bestF1) {
        best = { mapping: [...mapping], correct: Float64Array.from(acc), exact: true };
        bestF1 = f;
      }
      return;
    }
    // eval.py's V = [0, …, g-1, -1]
    for (let j = 0; j <= g; j++) {
      const target = j === g ? -1 : j;
      if (target >= 0 && used[target]) continue;
      const v = target >= 0 ? pairs[i][target] : undefined;
      if (target >= 0) used[target] = 1;
      if (v) for (let k = 0; k < 2 * S; k++) acc[k] += v[k];
      mapping[i] = target;
      visit(i + 1);
      if (v) for (let k = 0; k < 2 * S; k++) acc[k] -= v[k];
      if (target >= 0) used[target] = 0;
    }
  };
  visit(0);
  return best as unknown as DocMapping;
}

export function scoreTemplates(
  preds: Record<string, Template[]>,
  golds: Record<string, Template[]>,
  opts: { exactLimit?: number } = {},
): TemplateScore {
  const counts = Object.fromEntries(TEMPLATE_SLOTS.map((s) => [s, zeroCounts()])) as Record<
    TemplateSlot,
    Counts
  >;
  const mappings: Record<string, number[]> = {};
  const approximatedDocs: string[] = [];
  for (const docid of Object.keys(golds)) {
    const gold = golds[docid].map(normalizeTemplate);
    const pred = (preds[docid] ?? []).map(normalizeTemplate);
    const best = bestMapping(pred, gold, opts.exactLimit);
    if (!best.exact) approximatedDocs.push(docid);
    // eval.py records the mapping including pairs that do not count; keep only counted ones
    mappings[docid] = best.mapping.map((j, i) => (j >= 0 && pairCounts(pred[i], gold[j]) ? j : -1));
    const pd = denominators(pred);
    const rd = denominators(gold);
    TEMPLATE_SLOTS.forEach((slot, k) => {
      counts[slot].pNum += best.correct[k];
      counts[slot].rNum += best.correct[S + k];
      counts[slot].pDen += pd[k];
      counts[slot].rDen += rd[k];
    });
  }
  const micro = zeroCounts();
  for (const slot of TEMPLATE_SLOTS) {
    micro.pNum += counts[slot].pNum;
    micro.pDen += counts[slot].pDen;
    micro.rNum += counts[slot].rNum;
    micro.rDen += counts[slot].rDen;
  }
  return {
    slots: Object.fromEntries(TEMPLATE_SLOTS.map((s) => [s, prf(counts[s])])) as Record<TemplateSlot, Prf>,
    micro: prf(micro),
    mappings,
    approximatedDocs,
  };
}
