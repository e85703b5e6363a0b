import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runConll } from "./run.js";

// Hand-written sentences (not from the benchmark), tagged IOB1.
const FILE = [
  "-DOCSTART- -X- O O",
  "",
  "Angela NNP I-NP I-PER",
  "Merkel NNP I-NP I-PER",
  "visited VBD I-VP O",
  "Paris NNP I-NP I-LOC",
  "on IN I-PP O",
  "Monday NNP I-NP O",
  ". . O O",
  "",
  "The DT I-NP O",
  "talks NNS I-NP O",
  "ended VBD I-VP O",
  "in IN I-PP O",
  "London NNP I-NP I-LOC",
  ". . O O",
  "",
].join("\n");

describe("runConll", () => {
  it("tags every sentence with the committed model, scores it and writes a fifth column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conll-run-"));
    writeFileSync(join(dir, "eng.mini"), FILE);
    const out = join(dir, "pred.txt");
    const lines: string[] = [];
    const r = await runConll({ data: dir, split: "mini", out, log: (l) => lines.push(l) });
    expect(r.task).toBe("conll");
    expect(r.split).toBe("mini");
    expect(r.scores.f1).toBe(100);
    expect(r.scores["f1.PER"]).toBe(100);
    expect(r.scores["f1.LOC"]).toBe(100);
    expect(typeof r.scores["f1.lower"]).toBe("number");
    expect(typeof r.scores["f1.upper"]).toBe("number");
    expect(r.scores.wordsPerSecond).toBeGreaterThan(0);
    expect(r.table).toContain("eng.mini as written");
    expect(r.table).toContain("lower-cased");
    expect(r.table).toContain("words/s");
    const written = readFileSync(out, "utf8");
    expect(written).toContain("Paris NNP I-NP I-LOC I-LOC");
    expect(written).toContain("Merkel NNP I-NP I-PER I-PER");
    expect(lines.some((l) => l.includes("read 1 documents"))).toBe(true);
  });

  it("names the missing file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conll-run-"));
    await expect(runConll({ data: dir, split: "testb" })).rejects.toThrow(join(dir, "eng.testb"));
  });
});
