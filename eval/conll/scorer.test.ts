import { describe, expect, it } from "vitest";
import { chunks, formatConllScore, prf, scoreConll, toBio, toIob1 } from "./scorer.js";

describe("chunks", () => {
  it("reads IOB1: I- starts an entity after O, B- only splits two entities of one type", () => {
    expect(chunks(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC"])).toEqual([
      { start: 0, end: 2, type: "PER" },
      { start: 3, end: 4, type: "LOC" },
      { start: 4, end: 6, type: "LOC" },
    ]);
  });

  it("reads BIO and splits where the type changes", () => {
    expect(chunks(["B-ORG", "I-ORG", "B-ORG", "O", "I-MISC", "I-PER"])).toEqual([
      { start: 0, end: 2, type: "ORG" },
      { start: 2, end: 3, type: "ORG" },
      { start: 4, end: 5, type: "MISC" },
      { start: 5, end: 6, type: "PER" },
    ]);
  });

  it("reads IOBES", () => {
    expect(chunks(["S-LOC", "B-PER", "I-PER", "E-PER", "S-PER"])).toEqual([
      { start: 0, end: 1, type: "LOC" },
      { start: 1, end: 4, type: "PER" },
      { start: 4, end: 5, type: "PER" },
    ]);
  });

  it("closes an entity at the end of the sentence", () => {
    expect(chunks(["O", "B-LOC", "I-LOC"])).toEqual([{ start: 1, end: 3, type: "LOC" }]);
    expect(chunks([])).toEqual([]);
  });
});

describe("scoreConll", () => {
  // Sentence 1: "Ann Lee visited Oslo" — gold PER(0-2), LOC(3)
  // Sentence 2: "Acme Corp fired Bob"  — gold ORG(0-2), PER(3)
  const gold = [
    ["I-PER", "I-PER", "O", "I-LOC"],
    ["I-ORG", "I-ORG", "O", "I-PER"],
  ];

  it("scores exact spans: type and both boundaries must match", () => {
    const predicted = [
      ["B-PER", "I-PER", "O", "B-ORG"], // PER correct, Oslo typed ORG
      ["B-ORG", "O", "B-MISC", "B-PER"], // Acme alone (boundary error), spurious MISC, Bob correct
    ];
    const s = scoreConll(gold, predicted);
    // 4 gold, 5 predicted, 2 correct
    expect(s.overall.gold).toBe(4);
    expect(s.overall.predicted).toBe(5);
    expect(s.overall.correct).toBe(2);
    expect(s.overall.precision).toBeCloseTo(40, 10);
    expect(s.overall.recall).toBeCloseTo(50, 10);
    expect(s.overall.f1).toBeCloseTo((2 * 40 * 50) / 90, 10);
    expect(s.byType.PER).toMatchObject({ gold: 2, predicted: 2, correct: 2, f1: 100 });
    expect(s.byType.LOC).toMatchObject({ gold: 1, predicted: 0, correct: 0, precision: 0, recall: 0, f1: 0 });
    expect(s.byType.ORG).toMatchObject({ gold: 1, predicted: 2, correct: 0 });
    expect(s.byType.MISC).toMatchObject({ gold: 0, predicted: 1, correct: 0 });
    // token accuracy compares tag strings: 2 + 0 equal of 8
    expect(s.tokens).toBe(8);
    expect(s.accuracy).toBeCloseTo(25, 10);
  });

  it("gives 100 when the prediction equals the gold in another IOB flavour", () => {
    const s = scoreConll(gold, gold.map(toBio));
    expect(s.overall.f1).toBe(100);
  });

  it("rejects sentences of different lengths", () => {
    expect(() => scoreConll(gold, [gold[0]])).toThrow(/2 gold sentences but 1/);
    expect(() => scoreConll([["O"]], [["O", "O"]])).toThrow(/sentence 0/);
  });

  it("prf is 0 when nothing was predicted or nothing is gold", () => {
    expect(prf(0, 0, 0)).toEqual({ gold: 0, predicted: 0, correct: 0, precision: 0, recall: 0, f1: 0 });
    expect(prf(3, 0, 0).f1).toBe(0);
  });

  it("formats a conlleval-like table with a line per type", () => {
    const t = formatConllScore(scoreConll(gold, gold), "dev");
    expect(t).toContain("processed 8 tokens with 4 phrases; found: 4 phrases; correct: 4.");
    expect(t).toContain("FB1: 100.00");
    expect(t).toMatch(/\s+PER: precision: 100\.00%/);
  });
});

describe("IOB conversions", () => {
  it("toIob1 writes B- only between touching entities of one type", () => {
    expect(toIob1(["B-PER", "I-PER", "B-PER", "B-LOC", "O", "B-LOC"])).toEqual([
      "I-PER",
      "I-PER",
      "B-PER",
      "I-LOC",
      "O",
      "I-LOC",
    ]);
  });

  it("toBio starts every entity with B-", () => {
    expect(toBio(["I-PER", "I-PER", "B-PER", "I-LOC"])).toEqual(["B-PER", "I-PER", "B-PER", "B-LOC"]);
  });
});
