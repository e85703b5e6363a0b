import { describe, expect, it } from "vitest";
import { bestMapping, pairCounts, scoreTemplates } from "./template-score.js";
import { emptyFillers, type Template } from "./types.js";

const tpl = (incident_type: string, f: Partial<Template> = {}): Template => ({
  incident_type,
  ...emptyFillers(),
  ...f,
});

const G0 = tpl("bombing", { PerpOrg: [["fmln"]], Target: [["bridge"]], Weapon: [["dynamite"]] });
const G1 = tpl("kidnapping", { PerpOrg: [["FMLN"]], Victim: [["Jose Perez"]] });
const P0 = tpl("kidnapping", { PerpOrg: [["fmln"]], Victim: [["jose perez"]], Target: [["car"]] });

describe("pairCounts", () => {
  it("counts a pair only when the predicted type is a substring of the gold type", () => {
    expect(pairCounts(tpl("attack"), tpl("bombing"))).toBeUndefined();
    expect(pairCounts(tpl("attack"), tpl("bombing / attack"))?.[0]).toBe(1);
  });
  it("matches a predicted entity against any gold entity of the role (not one-to-one)", () => {
    const v = pairCounts(
      tpl("attack", { Target: [["bridge"], ["bridge"]] }),
      tpl("attack", { Target: [["bridge"]] }),
    );
    // slots: incident_type, PerpInd, PerpOrg, Target, Victim, Weapon; precision numerators then recall numerators
    expect(Array.from(v ?? [])).toEqual([1, 0, 0, 2, 0, 0, 1, 0, 0, 1, 0, 0]);
  });
});

describe("scoreTemplates (GTT template F1)", () => {
  it("maps templates one-to-one and scores the incident type as a slot (hand-worked)", () => {
    // P1 is an "attack" and cannot map to the "bombing" G0: only P0→G1 counts.
    const P1 = tpl("attack", { Target: [["bridge"]], Weapon: [["dynamite"]] });
    const s = scoreTemplates({ D: [P0, P1] }, { D: [G0, G1] });
    expect(s.mappings.D).toEqual([1, -1]);
    expect(s.slots.incident_type).toMatchObject({ pNum: 1, pDen: 2, rNum: 1, rDen: 2 });
    expect(s.slots.PerpOrg).toMatchObject({ pNum: 1, pDen: 1, rNum: 1, rDen: 2 });
    expect(s.slots.Target).toMatchObject({ pNum: 0, pDen: 2, rNum: 0, rDen: 1 });
    expect(s.slots.Victim).toMatchObject({ pNum: 1, pDen: 1, rNum: 1, rDen: 1 });
    expect(s.slots.Weapon).toMatchObject({ pNum: 0, pDen: 1, rNum: 0, rDen: 1 });
    expect(s.micro).toMatchObject({ pNum: 3, pDen: 7, rNum: 3, rDen: 7 });
    expect(s.micro.f1).toBeCloseTo(3 / 7, 12);
  });

  it("maps both when the types fit", () => {
    const P1 = tpl("bombing", { Target: [["bridge"]], Weapon: [["dynamite"]] });
    const s = scoreTemplates({ D: [P1, P0] }, { D: [G0, G1] });
    expect(s.mappings.D).toEqual([0, 1]);
    expect(s.micro).toMatchObject({ pNum: 6, pDen: 7, rNum: 6, rDen: 7 });
  });

  it("breaks ties as eval.py does: the first best mapping in itertools.product order", () => {
    // P→A and P→B both give 2 correct of 3 predicted and 2 of 4 gold; eval.py keeps A (index 0).
    const A = tpl("attack", { Target: [["bridge"]] });
    const B = tpl("attack", { Weapon: [["rifle"]] });
    const P = tpl("attack", { Target: [["bridge"]], Weapon: [["rifle"]] });
    const s = scoreTemplates({ D: [P] }, { D: [A, B] });
    expect(s.mappings.D).toEqual([0]);
    expect(s.slots.Target.pNum).toBe(1);
    expect(s.slots.Weapon.pNum).toBe(0);
    expect(s.slots.Weapon.rDen).toBe(1);
  });

  it("counts unmapped predictions as spurious and unmatched gold as missing", () => {
    const s = scoreTemplates({ D1: [P0], D2: [] }, { D1: [], D2: [G0] });
    expect(s.micro).toMatchObject({ pNum: 0, pDen: 4, rNum: 0, rDen: 4, f1: 0 });
  });

  it("falls back to Kuhn–Munkres past the exhaustive limit, with the same result here", () => {
    const P1 = tpl("bombing", { Target: [["bridge"]], Weapon: [["dynamite"]] });
    const exact = bestMapping([P1, P0], [G0, G1]);
    const approx = bestMapping([P1, P0], [G0, G1], 0);
    expect(exact.exact).toBe(true);
    expect(approx.exact).toBe(false);
    expect(approx.mapping).toEqual(exact.mapping);
    const s = scoreTemplates({ D: [P1, P0] }, { D: [G0, G1] }, { exactLimit: 0 });
    expect(s.approximatedDocs).toEqual(["D"]);
    expect(s.micro.pNum).toBe(6);
  });
});
