import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SitrepError } from "../../src/core/errors.js";
import { parseGrit, parseGtt, readGrit, readGtt } from "./reader.js";

const fixtures = new URL("./fixtures/", import.meta.url).pathname;

/** A data folder laid out like `DIR/{grit,gtt}_processed/SPLIT.json`, from the hand-written fixtures. */
function dataDir(split = "tiny"): string {
  const dir = mkdtempSync(join(tmpdir(), "muc4-"));
  mkdirSync(join(dir, "grit_processed"));
  mkdirSync(join(dir, "gtt_processed"));
  copyFileSync(join(fixtures, "grit-tiny.jsonl"), join(dir, "grit_processed", `${split}.json`));
  copyFileSync(join(fixtures, "gtt-tiny.jsonl"), join(dir, "gtt_processed", `${split}.json`));
  return dir;
}

describe("readGtt", () => {
  it("reads templates as entities of strings, dropping offsets, empty entities and duplicate templates", () => {
    const docs = readGtt(dataDir(), "tiny");
    expect(docs.map((d) => d.docid)).toEqual(["TEST-MUC-0001", "TEST-MUC-0002", "TEST-MUC-0003"]);
    const [d1, d2, d3] = docs;
    expect(d1.doctext.startsWith("urban guerrillas")).toBe(true);
    // the second kidnapping template equals the first once its empty entity is dropped
    expect(d1.templates).toHaveLength(2);
    expect(d1.templates[0]).toEqual({
      incident_type: "bombing",
      PerpInd: [["urban guerrillas"]],
      PerpOrg: [["people's revolutionary front", "prf"]],
      Target: [["town hall of puerto nuevo", "town hall"]],
      Victim: [],
      Weapon: [["dynamite"]],
    });
    expect(d1.templates[1].PerpOrg).toEqual([["prf"]]);
    expect(d2.templates).toEqual([]);
    expect(d3.templates[0].incident_type).toBe("arson");
  });

  it("accepts any split name and names the missing path", () => {
    const dir = dataDir("heldout30");
    expect(readGtt(dir, "heldout30")).toHaveLength(3);
    try {
      readGtt(dir, "test");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SitrepError);
      expect((e as SitrepError).code).toBe("E_NOT_FOUND");
      expect((e as SitrepError).message).toContain(join(dir, "gtt_processed", "test.json"));
    }
  });
});

describe("readGrit", () => {
  it("reads document-level extracts", () => {
    const docs = readGrit(dataDir(), "tiny");
    expect(docs).toHaveLength(3);
    expect(docs[0].extracts.PerpOrg).toEqual([["people's revolutionary front", "prf"], ["prf"]]);
    expect(docs[0].extracts.Victim).toEqual([["jose perez"]]);
    expect(docs[1].extracts).toEqual({ PerpInd: [], PerpOrg: [], Target: [], Victim: [], Weapon: [] });
  });

  it("reports a bad line with its number", () => {
    const dir = mkdtempSync(join(tmpdir(), "muc4-bad-"));
    mkdirSync(join(dir, "grit_processed"));
    writeFileSync(
      join(dir, "grit_processed", "dev.json"),
      '{"docid": "A", "doctext": "x", "extracts": {}}\n{oops\n',
    );
    expect(() => readGrit(dir, "dev")).toThrow(/dev\.json:2: not valid JSON/);
  });
});

describe("parseGrit / parseGtt", () => {
  it("skips blank lines and tolerates missing roles", () => {
    const docs = parseGrit('\n{"docid": "A", "doctext": "t", "extracts": {"Weapon": [[["rifle", 0]]]}}\n\n');
    expect(docs[0].extracts.Weapon).toEqual([["rifle"]]);
    expect(docs[0].extracts.Target).toEqual([]);
  });
  it("rejects a template without incident type", () => {
    expect(() => parseGtt('{"docid": "A", "doctext": "t", "templates": [{"PerpInd": []}]}')).toThrow(
      /incident_type/,
    );
  });
});
