import { describe, expect, it } from "vitest";
import { ceafRole, phiProp, phiStrict, scoreRoleFillers } from "./role-filler-score.js";
import { emptyFillers, type RoleFillers } from "./types.js";

const fillers = (f: Partial<RoleFillers>): RoleFillers => ({ ...emptyFillers(), ...f });

describe("phi similarities", () => {
  it("strict: every predicted string must be a gold alternative", () => {
    const gold = ["farabundo marti national liberation front", "fmln"];
    expect(phiStrict(gold, ["fmln"])).toBe(1);
    expect(phiStrict(gold, ["fmln", "farabundo marti national liberation front"])).toBe(1);
    expect(phiStrict(gold, ["fmln", "frente"])).toBe(0);
  });
  it("prop: share of the predicted strings found in gold", () => {
    expect(phiProp(["dynamite"], ["dynamite", "bomb"])).toBe(0.5);
    expect(phiProp(["dynamite"], [])).toBe(0);
  });
});

describe("ceafRole", () => {
  it("aligns one-to-one: a duplicate prediction counts once", () => {
    expect(ceafRole([["bridge"]], [["bridge"], ["bridge"]]).similarity).toBe(1);
    expect(ceafRole([["bridge"], ["farm"]], [["bridge"], ["farm"]]).pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});

describe("scoreRoleFillers (GRIT CEAF-REE)", () => {
  // Hand-worked: PerpOrg 1/1 correct; Target 2 of 3 predicted, 2 of 2 gold; Weapon 0/1 (the
  // prediction carries a string, "bomb", that is not a gold alternative); doc 2 has a spurious Victim.
  const golds = {
    D1: fillers({
      PerpOrg: [["Farabundo Marti National Liberation Front", "FMLN"]],
      Target: [["power station"], ["the bridge"]],
      Weapon: [["dynamite"]],
    }),
    D2: fillers({}),
  };
  const preds = {
    D1: fillers({
      PerpOrg: [["fmln"]],
      Target: [["bridge"], ["Power Station."], ["bus"]],
      Weapon: [["dynamite", "bomb"]],
    }),
    D2: fillers({ Victim: [["jose perez"]] }),
  };

  it("scores each role and the micro average", () => {
    const s = scoreRoleFillers(preds, golds);
    expect(s.roles.PerpOrg).toMatchObject({ pNum: 1, pDen: 1, rNum: 1, rDen: 1, p: 1, r: 1, f1: 1 });
    expect(s.roles.Target).toMatchObject({ pNum: 2, pDen: 3, rDen: 2, r: 1 });
    expect(s.roles.Target.p).toBeCloseTo(2 / 3, 12);
    expect(s.roles.Target.f1).toBeCloseTo(0.8, 12);
    expect(s.roles.Weapon).toMatchObject({ pNum: 0, pDen: 1, rDen: 1, f1: 0 });
    expect(s.roles.Victim).toMatchObject({ pNum: 0, pDen: 1, rDen: 0, f1: 0 });
    expect(s.roles.PerpInd).toMatchObject({ pDen: 0, rDen: 0, f1: 0 });
    // micro: 3 correct of 6 predicted and 4 gold → P .5, R .75, F1 .6
    expect(s.micro).toMatchObject({ pNum: 3, pDen: 6, rNum: 3, rDen: 4, p: 0.5, r: 0.75 });
    expect(s.micro.f1).toBeCloseTo(0.6, 12);
  });

  it("gives partial credit with phi_prop", () => {
    const s = scoreRoleFillers(preds, golds, "prop");
    expect(s.roles.Weapon.pNum).toBe(0.5);
  });

  it("reports matched, missed and spurious entities per document and role", () => {
    const s = scoreRoleFillers(preds, golds);
    const target = s.details.find((d) => d.docid === "D1" && d.role === "Target");
    expect(target?.spurious).toEqual([["bus"]]);
    expect(target?.missed).toEqual([]);
    const weapon = s.details.find((d) => d.docid === "D1" && d.role === "Weapon");
    expect(weapon?.missed).toEqual([["dynamite"]]);
    expect(weapon?.spurious).toEqual([["dynamite", "bomb"]]);
  });

  it("scores gold documents only; a missing prediction predicts nothing", () => {
    const s = scoreRoleFillers({ OTHER: fillers({ Target: [["x"]] }) }, golds);
    expect(s.micro).toMatchObject({ pNum: 0, pDen: 0, rDen: 4, f1: 0 });
  });
});
