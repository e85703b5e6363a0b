/** The five MUC-4 string roles scored by GRIT and GTT, in their scorers' order. */
export const ROLES = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"] as const;
export type Role = (typeof ROLES)[number];

/** One role filler: the alternative strings (coreferent mentions) of one entity. */
export type FillerEntity = string[];

/** Role → entities. */
export type RoleFillers = Record<Role, FillerEntity[]>;

/** One incident template (GTT): an incident type plus the five roles. */
export type Template = RoleFillers & { incident_type: string };

/** A gold document of `grit_processed/NAME.json`. */
export interface GritDoc {
  docid: string;
  doctext: string;
  extracts: RoleFillers;
}

/** A gold document of `gtt_processed/NAME.json`. */
export interface GttDoc {
  docid: string;
  doctext: string;
  templates: Template[];
}

export function emptyFillers(): RoleFillers {
  return { PerpInd: [], PerpOrg: [], Target: [], Victim: [], Weapon: [] };
}

/** Counts behind one P/R/F1 line (the scorers' p_num, p_den, r_num, r_den). */
export interface Counts {
  pNum: number;
  pDen: number;
  rNum: number;
  rDen: number;
}

export interface Prf extends Counts {
  p: number;
  r: number;
  f1: number;
}

export function zeroCounts(): Counts {
  return { pNum: 0, pDen: 0, rNum: 0, rDen: 0 };
}

/** f1() of the scorers: P and R are 0 when their denominator is 0. */
export function f1(pNum: number, pDen: number, rNum: number, rDen: number, beta = 1): number {
  const p = pDen === 0 ? 0 : pNum / pDen;
  const r = rDen === 0 ? 0 : rNum / rDen;
  return p + r === 0 ? 0 : ((1 + beta * beta) * p * r) / (beta * beta * p + r);
}

export function prf(c: Counts): Prf {
  return {
    ...c,
    p: c.pNum === 0 ? 0 : c.pNum / c.pDen,
    r: c.rNum === 0 ? 0 : c.rNum / c.rDen,
    f1: f1(c.pNum, c.pDen, c.rNum, c.rDen),
  };
}
