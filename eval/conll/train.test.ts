import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { NerModel, NerTagger } from "../../src/pipeline/components/ner-tagger.js";
import { profileClass, trainConll } from "./train.js";

// A tiny hand-written training set in the CoNLL layout.
function sentence(pairs: [string, string][]): string {
  return pairs.map(([w, t]) => `${w} X X ${t}`).join("\n");
}
const DOC = [
  "-DOCSTART- -X- O O",
  "",
  sentence([
    ["Zorbin", "I-PER"],
    ["Quell", "I-PER"],
    ["joined", "O"],
    ["Blorpco", "I-ORG"],
    ["in", "O"],
    ["Vantoria", "I-LOC"],
    [".", "O"],
  ]),
  "",
  sentence([
    ["The", "O"],
    ["Vantorian", "I-MISC"],
    ["team", "O"],
    ["beat", "O"],
    ["Blorpco", "I-ORG"],
    ["again", "O"],
    [".", "O"],
  ]),
  "",
  sentence([
    ["Quell", "I-PER"],
    ["said", "O"],
    ["Vantoria", "I-LOC"],
    ["was", "O"],
    ["calm", "O"],
    [".", "O"],
  ]),
  "",
].join("\n");

describe("trainConll", () => {
  it("trains deterministically, writes a loadable model and learns the training sentences", () => {
    const dir = mkdtempSync(join(tmpdir(), "conll-train-"));
    writeFileSync(join(dir, "eng.train"), DOC);
    writeFileSync(join(dir, "eng.testa"), DOC);
    const run = (name: string) =>
      trainConll({
        data: dir,
        out: join(dir, name),
        epochs: 4,
        patience: 4,
        lowerFraction: 1,
        upperFraction: 1,
      });
    const a = run("a");
    const b = run("b");
    expect(a.devF1).toBe(100);
    expect(a.features).toBeGreaterThan(0);
    expect(readFileSync(join(dir, "a.bin")).equals(readFileSync(join(dir, "b.bin")))).toBe(true);
    expect(b.bestEpoch).toBe(a.bestEpoch);

    const model = NerModel.load(pathToFileURL(join(dir, "a")));
    expect(model.header.training?.trainSplit).toBe("train");
    const tagger = new NerTagger({ model });
    expect(tagger.tagTokens(["Zorbin", "Quell", "joined", "Blorpco", "in", "Vantoria", "."])).toEqual([
      "B-PER",
      "I-PER",
      "O",
      "B-ORG",
      "O",
      "B-LOC",
      "O",
    ]);
  });

  it("refuses to use the held-out test split", () => {
    expect(() => trainConll({ data: "/nonexistent", devSplit: "testb" })).toThrow(/held out/);
  });
});

describe("profileClass", () => {
  it("buckets the share of capitalised occurrences, with a frequency flag", () => {
    expect(profileClass(1, 0)).toBe(0);
    expect(profileClass(5, 0)).toBe(1);
    expect(profileClass(0, 3)).toBe(5);
    expect(profileClass(1, 1)).toBe(3);
    expect(profileClass(0, 12)).toBe(10);
    expect(profileClass(20, 1)).toBe(7);
  });
});
