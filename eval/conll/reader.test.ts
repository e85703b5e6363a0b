import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conllPath, formatConllWithPredictions, parseConll, readConll } from "./reader.js";

// Hand-written sentences in the CoNLL-2003 layout (the first -DOCSTART- at the end, as in the data).
const SAMPLE = [
  "Maria NNP I-NP I-PER",
  "Lopez NNP I-NP I-PER",
  "flew VBD I-VP O",
  "to TO I-PP O",
  "Lima NNP I-NP I-LOC",
  ". . O O",
  "",
  "Rain NN I-NP O",
  "",
  "",
  "-DOCSTART- -X- O O",
  "",
  "Acme NNP I-NP I-ORG",
  "Widgets NNPS I-NP I-ORG",
  "Ltd NNP I-NP B-ORG",
  "",
  "-DOCSTART- -X- O O",
].join("\n");

describe("parseConll", () => {
  it("splits documents at -DOCSTART- and sentences at blank lines", () => {
    const docs = parseConll(SAMPLE);
    expect(docs).toHaveLength(2);
    expect(docs[0].sentences.map((s) => s.tokens.map((t) => t.word))).toEqual([
      ["Maria", "Lopez", "flew", "to", "Lima", "."],
      ["Rain"],
    ]);
    expect(docs[1].sentences[0].tokens.map((t) => t.tag)).toEqual(["I-ORG", "I-ORG", "B-ORG"]);
    expect(docs[0].sentences[0].tokens[0].columns).toEqual(["Maria", "NNP", "I-NP", "I-PER"]);
  });

  it("accepts CRLF line ends and a file without any -DOCSTART-", () => {
    const docs = parseConll("A DT B-NP O\r\nParis NNP I-NP I-LOC\r\n");
    expect(docs).toHaveLength(1);
    expect(docs[0].sentences[0].tokens.map((t) => t.tag)).toEqual(["O", "I-LOC"]);
  });

  it("rejects a line with a single column", () => {
    expect(() => parseConll("word\n")).toThrow(/line 1/);
  });
});

describe("readConll", () => {
  it("reads DIR/eng.<split> for any split name", () => {
    const dir = mkdtempSync(join(tmpdir(), "conll-"));
    writeFileSync(join(dir, "eng.heldout30"), SAMPLE);
    expect(conllPath(dir, "heldout30")).toBe(join(dir, "eng.heldout30"));
    expect(readConll(dir, "heldout30")).toHaveLength(2);
  });

  it("names the missing path", () => {
    const dir = mkdtempSync(join(tmpdir(), "conll-"));
    expect(() => readConll(dir, "testb")).toThrow(join(dir, "eng.testb"));
    try {
      readConll(dir, "testb");
    } catch (e) {
      expect((e as { code?: string }).code).toBe("E_NOT_FOUND");
    }
  });
});

describe("formatConllWithPredictions", () => {
  it("appends the predicted tag as a fifth column and keeps document markers", () => {
    const docs = parseConll(SAMPLE);
    const out = formatConllWithPredictions(docs, [
      ["I-PER", "I-PER", "O", "O", "I-LOC", "O"],
      ["O"],
      ["I-ORG", "I-ORG", "I-ORG"],
    ]);
    const lines = out.split("\n");
    expect(lines[0]).toBe("-DOCSTART- -X- O O O");
    expect(lines).toContain("Lima NNP I-NP I-LOC I-LOC");
    expect(lines).toContain("to TO I-PP O O");
    expect(lines).toContain("Ltd NNP I-NP B-ORG I-ORG");
    expect(out.match(/-DOCSTART-/g)).toHaveLength(2);
    // round trip: the fifth column is read as the tag
    const again = parseConll(out);
    expect(again[1].sentences[0].tokens.map((t) => t.tag)).toEqual(["I-ORG", "I-ORG", "I-ORG"]);
  });

  it("refuses predictions that do not fit the sentences", () => {
    const docs = parseConll(SAMPLE);
    expect(() => formatConllWithPredictions(docs, [["O"]])).toThrow(/does not match/);
  });
});
