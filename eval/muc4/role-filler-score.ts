import { maxAssignment } from "./assignment.js";
import { normalizeString } from "./normalize.js";
import {
  type Counts,
  type FillerEntity,
  type Prf,
  prf,
  ROLES,
  type Role,
  type RoleFillers,
  zeroCounts,
} from "./types.js";

/**
 * GRIT's document-level role-filler entity metric (CEAF-REE, `eval.py` of
 * xinyadu/grit_doc_event_entity). Per document and role, predicted and gold entities are
 * aligned one-to-one maximising the summed similarity (Kuhn–Munkres); the similarity of a
 * (gold, predicted) pair is, with `phi = "strict"` (the published number), 1 when every
 * normalised string of the predicted entity is one of the gold entity's normalised alternatives
 * and 0 otherwise; with `phi = "prop"`, the share of the predicted strings found in the gold
 * entity. Precision = summed similarity / predicted entities, recall = summed similarity / gold
 * entities, micro-averaged over the five roles. Documents are those of the gold side; a
 * document without prediction counts as predicting nothing.
 */
export type Phi = "strict" | "prop";

export interface RoleFillerDocDetail {
  docid: string;
  role: Role;
  matched: { gold: FillerEntity; pred: FillerEntity }[];
  missed: FillerEntity[];
  spurious: FillerEntity[];
}

export interface RoleFillerScore {
  roles: Record<Role, Prf>;
  micro: Prf;
  details: RoleFillerDocDetail[];
}

/** phi_strict(gold, pred): all predicted strings are among the gold alternatives (vacuously true when empty, as in eval.py). */
export function phiStrict(gold: readonly string[], pred: readonly string[]): number {
  for (const m of pred) if (!gold.includes(m)) return 0;
  return 1;
}

/** phi_prop(gold, pred): gold strings found in the prediction / number of predicted strings. */
export function phiProp(gold: readonly string[], pred: readonly string[]): number {
  if (!pred.length) return 0;
  return gold.filter((m) => pred.includes(m)).length / pred.length;
}

function normalizeFillers(f: Partial<RoleFillers> | undefined): RoleFillers {
  const out = {} as RoleFillers;
  for (const role of ROLES) out[role] = (f?.[role] ?? []).map((e) => e.map(normalizeString));
  return out;
}

/** CEAF for one role of one document: the alignment and its summed similarity. */
export function ceafRole(
  gold: FillerEntity[],
  pred: FillerEntity[],
  phi: Phi = "strict",
): { similarity: number; pairs: [number, number][] } {
  const sim = phi === "strict" ? phiStrict : phiProp;
  const scores = gold.map((g) => pred.map((p) => sim(g, p)));
  const { pairs, total } = maxAssignment(scores);
  return { similarity: total, pairs: pairs.filter(([g, p]) => scores[g][p] > 0) };
}

export function scoreRoleFillers(
  preds: Record<string, Partial<RoleFillers>>,
  golds: Record<string, RoleFillers>,
  phi: Phi = "strict",
): RoleFillerScore {
  const counts = Object.fromEntries(ROLES.map((r) => [r, zeroCounts()])) as Record<Role, Counts>;
  const details: RoleFillerDocDetail[] = [];
  for (const docid of Object.keys(golds)) {
    const gold = normalizeFillers(golds[docid]);
    const pred = normalizeFillers(preds[docid]);
    for (const role of ROLES) {
      const g = gold[role];
      const p = pred[role];
      const { similarity, pairs } = ceafRole(g, p, phi);
      const c = counts[role];
      c.pNum += similarity;
      c.pDen += p.length;
      c.rNum += similarity;
      c.rDen += g.length;
      const gUsed = new Set(pairs.map(([gi]) => gi));
      const pUsed = new Set(pairs.map(([, pi]) => pi));
      if (g.length || p.length)
        details.push({
          docid,
          role,
          matched: pairs.map(([gi, pi]) => ({ gold: g[gi], pred: p[pi] })),
          missed: g.filter((_, i) => !gUsed.has(i)),
          spurious: p.filter((_, i) => !pUsed.has(i)),
        });
    }
  }
  const micro = zeroCounts();
  for (const role of ROLES) {
    micro.pNum += counts[role].pNum;
    micro.pDen += counts[role].pDen;
    micro.rNum += counts[role].rNum;
    micro.rDen += counts[role].rDen;
  }
  return {
    roles: Object.fromEntries(ROLES.map((r) => [r, prf(counts[r])])) as Record<Role, Prf>,
    micro: prf(micro),
    details,
  };
}
