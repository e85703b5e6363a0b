import { describe, expect, it } from "vitest";
import { fixtureDoc, fixtureOntology } from "./fixtures.js";
import type { WeCoref } from "./reader.js";
import { cleanSpan, headToken, scoreWikievents } from "./scorer.js";

const doc = fixtureDoc();
const coref = new Map<string, WeCoref>([["fx1", { doc_key: "fx1", clusters: [["fx1-T2", "fx1-T5"]] }]]);

describe("scoreWikievents", () => {
  it("scores exact spans: gold spans lose a leading article, duplicates count once, roles decide Arg-C", () => {
    const s = scoreWikievents(
      [doc],
      {
        fx1: {
          "fx1-E1": [
            { role: "Victim", start: 4, end: 5 }, // "general" = cleaned gold "the general": I + C
            { role: "Place", start: 9, end: 10 }, // I + C
            { role: "Killer", start: 0, end: 2 }, // not an argument of E1
            { role: "Victim", start: 7, end: 8 }, // I + C
            { role: "Victim", start: 7, end: 8 }, // duplicate: ignored
            { role: "Place", start: 7, end: 8 }, // right span, wrong role: I only
          ],
          "fx1-E3": [{ role: "Thing", start: 0, end: 2 }], // type not in the ontology: skipped
        },
      },
      { ontology: fixtureOntology },
    );
    expect(s.events).toBe(2);
    expect(s.skippedEvents).toBe(1);
    expect(s.gold).toBe(4);
    expect(s.predicted).toBe(5);
    expect(s.argI.matched).toBe(4);
    expect(s.argC.matched).toBe(3);
    expect(s.argI.precision).toBeCloseTo(4 / 5, 12);
    expect(s.argI.recall).toBeCloseTo(1, 12);
    expect(s.argI.f1).toBeCloseTo(8 / 9, 12);
    expect(s.argC.f1).toBeCloseTo(2 / 3, 12);
    expect(s.perRole.Victim).toEqual({ gold: 3, predicted: 2, identified: 2, correct: 2 });
    expect(s.perRole.Place).toEqual({ gold: 1, predicted: 2, identified: 2, correct: 1 });
    expect(s.perRole.Killer).toEqual({ gold: 0, predicted: 1, identified: 0, correct: 0 });
  });

  it("credits a prediction coreferent with a gold argument when coreference is given", () => {
    const preds = {
      fx1: {
        "fx1-E2": [
          { role: "Victim", start: 3, end: 5 }, // "the general", same cluster as gold "He"
          { role: "Place", start: 4, end: 5 }, // "general" alone is not a cluster mention span
        ],
      },
    };
    const plain = scoreWikievents([doc], preds, { ontology: fixtureOntology });
    expect([plain.argI.matched, plain.argC.matched]).toEqual([0, 0]);
    expect(plain.argCCoref.matched).toBe(0);
    const withCoref = scoreWikievents([doc], preds, { ontology: fixtureOntology, coref });
    expect([withCoref.argI.matched, withCoref.argC.matched]).toEqual([0, 0]);
    expect([withCoref.argICoref.matched, withCoref.argCCoref.matched]).toEqual([1, 1]);
    expect(withCoref.argCCoref.precision).toBeCloseTo(1 / 2, 12);
    expect(withCoref.argCCoref.recall).toBeCloseTo(1 / 4, 12);
  });

  it("matches head words in head mode", () => {
    const preds = { fx1: { "fx1-E1": [{ role: "Victim", start: 6, end: 8 }] } }; // "two soldiers"
    expect(scoreWikievents([doc], preds, { ontology: fixtureOntology }).argC.matched).toBe(0);
    expect(scoreWikievents([doc], preds, { ontology: fixtureOntology, head: true }).argC.matched).toBe(1);
  });

  it("scores every event when no ontology is given", () => {
    const s = scoreWikievents([doc], {});
    expect(s.events).toBe(3);
    expect(s.gold).toBe(5);
    expect(s.argC.f1).toBe(0);
  });
});

describe("span helpers", () => {
  it("finds heads by rule", () => {
    expect(headToken(["a", "convoy", "of", "Russian", "soldiers"], 0, 5)).toBe(1);
    expect(headToken(["Major", "General", "Vyacheslav", "Gladkikh"], 0, 4)).toBe(3);
    expect(headToken(["pro", "-", "regime", "fighters"], 0, 4)).toBe(3);
    expect(headToken(["the", "group", "'s"], 0, 3)).toBe(1);
    expect(headToken(["x", "Kabul"], 1, 2)).toBe(1);
  });

  it("drops a leading article from spans longer than one token (inclusive ends)", () => {
    expect(cleanSpan(["the", "general"], 0, 1)).toEqual([1, 1]);
    expect(cleanSpan(["The"], 0, 0)).toEqual([0, 0]);
    expect(cleanSpan(["An", "IED"], 0, 1)).toEqual([1, 1]);
    expect(cleanSpan(["Kabul", "police"], 0, 1)).toEqual([0, 1]);
  });
});
