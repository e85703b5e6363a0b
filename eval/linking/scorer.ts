/**
 * Clustering metrics for cross-document incident linking. Both take the same items: a map from
 * item to cluster label, gold and predicted (every gold item must have a predicted label).
 *
 * - **Pairwise**: precision = correct predicted co-clustered pairs / predicted pairs, recall =
 *   correct pairs / gold pairs. Only pairs of items from different documents count (the task is
 *   cross-document; `docOf` gives an item's document). A 0/0 ratio is reported as 1 with the
 *   counts beside it, so "no pairs predicted, none to find" reads as perfect.
 * - **B-cubed** (Bagga & Baldwin 1998): per item, precision = |pred cluster ∩ gold cluster| /
 *   |pred cluster| and recall = |…| / |gold cluster|, averaged over items.
 */

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface PairwiseScore extends Prf {
  goldPairs: number;
  predictedPairs: number;
  correctPairs: number;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function clusters(labels: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [item, label] of labels) {
    const list = out.get(label);
    if (list) list.push(item);
    else out.set(label, [item]);
  }
  return out;
}

function crossPairs(members: string[], docOf: (item: string) => string): string[] {
  const out: string[] = [];
  const sorted = [...members].sort();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (docOf(sorted[i]) !== docOf(sorted[j])) out.push(`${sorted[i]}\u0000${sorted[j]}`);
    }
  }
  return out;
}

export function pairwiseScore(
  gold: Map<string, string>,
  pred: Map<string, string>,
  docOf: (item: string) => string,
): PairwiseScore {
  const g = new Set([...clusters(gold).values()].flatMap((m) => crossPairs(m, docOf)));
  const p = [...clusters(pred).values()].flatMap((m) => crossPairs(m, docOf));
  const correct = p.filter((x) => g.has(x)).length;
  const precision = p.length ? correct / p.length : 1;
  const recall = g.size ? correct / g.size : 1;
  return {
    precision,
    recall,
    f1: f1(precision, recall),
    goldPairs: g.size,
    predictedPairs: p.length,
    correctPairs: correct,
  };
}

/** B-cubed over the given items (all gold items when `items` is not given). */
export function bcubedScore(
  gold: Map<string, string>,
  pred: Map<string, string>,
  items?: Iterable<string>,
): Prf {
  const gc = clusters(gold);
  const pc = clusters(pred);
  let p = 0;
  let r = 0;
  let n = 0;
  for (const item of items ?? gold.keys()) {
    const gl = gold.get(item);
    const pl = pred.get(item);
    if (gl === undefined || pl === undefined)
      throw new Error(`item ${item} has no gold or predicted cluster`);
    const gm = new Set(gc.get(gl));
    const pm = pc.get(pl) ?? [];
    const both = pm.filter((x) => gm.has(x)).length;
    p += both / pm.length;
    r += both / gm.size;
    n++;
  }
  const precision = n ? p / n : 1;
  const recall = n ? r / n : 1;
  return { precision, recall, f1: f1(precision, recall) };
}
