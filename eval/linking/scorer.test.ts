import { describe, expect, it } from "vitest";
import { bcubedScore, pairwiseScore } from "./scorer.js";

const docOf = (k: string) => k.split("#")[0];
const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe("pairwiseScore", () => {
  it("counts cross-document co-clustered pairs", () => {
    const gold = m({ "A#1": "x", "B#1": "x", "C#1": "x", "D#1": "y" });
    const pred = m({ "A#1": "p", "B#1": "p", "C#1": "q", "D#1": "q" });
    const s = pairwiseScore(gold, pred, docOf);
    expect(s).toMatchObject({ goldPairs: 3, predictedPairs: 2, correctPairs: 1 });
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(0.4);
  });

  it("ignores pairs within one document and reads 0/0 as 1", () => {
    const gold = m({ "A#1": "x", "A#2": "x", "B#1": "y" });
    const pred = m({ "A#1": "p", "A#2": "p", "B#1": "q" });
    expect(pairwiseScore(gold, pred, docOf)).toMatchObject({
      precision: 1,
      recall: 1,
      goldPairs: 0,
      predictedPairs: 0,
    });
  });
});

describe("bcubedScore", () => {
  it("averages per-item precision and recall", () => {
    // Gold {a,b,c} {d}; predicted {a,b} {c,d}.
    const gold = m({ a: "x", b: "x", c: "x", d: "y" });
    const pred = m({ a: "p", b: "p", c: "q", d: "q" });
    const s = bcubedScore(gold, pred);
    // precision: a 1, b 1, c 1/2, d 1/2 → 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 → 2/3
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3));
  });

  it("scores a subset of items and is perfect for identical clusterings", () => {
    const gold = m({ a: "x", b: "x", c: "y" });
    expect(bcubedScore(gold, m({ a: "1", b: "1", c: "2" }))).toEqual({ precision: 1, recall: 1, f1: 1 });
    const s = bcubedScore(gold, m({ a: "1", b: "2", c: "2" }), ["a", "b"]);
    // a: pred {a} → P 1, R 1/2; b: pred {b, c} → P 1/2, R 1/2.
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.5);
  });

  it("rejects an item without a predicted cluster", () => {
    expect(() => bcubedScore(m({ a: "x" }), m({}))).toThrow(/no gold or predicted/);
  });
});
