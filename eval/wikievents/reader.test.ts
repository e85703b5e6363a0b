import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureDoc } from "./fixtures.js";
import { readKairosOntology, readWikievents, readWikieventsCoref, rebuildText } from "./reader.js";

describe("rebuildText", () => {
  it("puts every token at a known offset, sentences on their own lines", () => {
    const doc = fixtureDoc();
    const r = rebuildText(doc);
    expect(r.text).toBe("The bomb killed the general and two soldiers in Kabul .\nHe died .");
    doc.tokens.forEach((t, i) => {
      expect(r.text.slice(r.tokenStarts[i], r.tokenEnds[i])).toBe(t);
    });
  });

  it("keeps the spacing the token offsets give inside a sentence", () => {
    const r = rebuildText({
      tokens: ["ez", "-", "Zor", "now"],
      sentences: [
        [
          [
            ["ez", 10, 12],
            ["-", 12, 13],
            ["Zor", 13, 16],
            ["now", 18, 21],
          ],
          "ez-Zor  now",
        ],
      ],
    });
    expect(r.text).toBe("ez-Zor  now");
  });

  it("fails when sentence tokens do not add up to the document tokens", () => {
    expect(() => rebuildText({ tokens: ["a", "b"], sentences: [[[["a", 0, 1]], "a"]] })).toThrow(
      /do not add up/,
    );
  });
});

describe("readers", () => {
  it("read DIR/NAME.jsonl, the optional coref file and ontology, and name a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "we-"));
    writeFileSync(join(dir, "heldout.jsonl"), `${JSON.stringify(fixtureDoc())}\n\n`);
    expect(readWikievents(dir, "heldout").map((d) => d.doc_id)).toEqual(["fx1"]);
    expect(readWikieventsCoref(dir, "heldout")).toBeUndefined();
    expect(readKairosOntology(dir)).toBeUndefined();
    mkdirSync(join(dir, "coref"));
    writeFileSync(
      join(dir, "coref", "heldout.jsonlines"),
      `${JSON.stringify({ doc_key: "fx1", clusters: [["a", "b"]] })}\n`,
    );
    expect(readWikieventsCoref(dir, "heldout")?.get("fx1")?.clusters).toEqual([["a", "b"]]);
    expect(() => readWikievents(dir, "test")).toThrow(join(dir, "test.jsonl"));
    writeFileSync(join(dir, "bad.jsonl"), "{not json\n");
    expect(() => readWikievents(dir, "bad")).toThrow(/bad\.jsonl:1/);
  });
});
