import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { evalCommand } from "./eval-command.js";

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** A two-document MUC-4 folder written by hand (GTT and GRIT formats). */
function muc4Dir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-eval-"));
  const text = "rebels of the popular front bombed a bridge with dynamite.";
  const other = "the weather was mild across the region.";
  const at = (s: string) => [s, text.indexOf(s)];
  mkdirSync(join(dir, "gtt_processed"));
  mkdirSync(join(dir, "grit_processed"));
  const roles = {
    PerpInd: [[at("rebels")]],
    PerpOrg: [[at("popular front")]],
    Target: [[at("bridge")]],
    Victim: [],
    Weapon: [[at("dynamite")]],
  };
  writeFileSync(
    join(dir, "gtt_processed", "mini.json"),
    `${JSON.stringify({ docid: "T-1", doctext: text, templates: [{ incident_type: "bombing", ...roles }] })}\n` +
      `${JSON.stringify({ docid: "T-2", doctext: other, templates: [] })}\n`,
  );
  const empty = { PerpInd: [], PerpOrg: [], Target: [], Victim: [], Weapon: [] };
  writeFileSync(
    join(dir, "grit_processed", "mini.json"),
    `${JSON.stringify({ docid: "T-1", doctext: text, extracts: roles })}\n` +
      `${JSON.stringify({ docid: "T-2", doctext: other, extracts: empty })}\n`,
  );
  return dir;
}

describe("evalCommand", () => {
  it("rejects a missing or unknown task as a usage error", async () => {
    await expect(evalCommand({}, sink().stream)).rejects.toMatchObject({ code: "E_USAGE" });
    await expect(evalCommand({ task: "nope" }, sink().stream)).rejects.toMatchObject({ code: "E_USAGE" });
  });

  it("names the missing file of a split we do not have", async () => {
    const dir = muc4Dir();
    await expect(evalCommand({ task: "muc4", data: dir, split: "test" }, sink().stream)).rejects.toThrow(
      join(dir, "gtt_processed", "test.json"),
    );
  }, 60_000);

  it("runs MUC-4 with the production pipeline, prints the table and writes predictions", async () => {
    const dir = muc4Dir();
    const o = sink();
    const out = join(dir, "preds.json");
    const templatesOut = join(dir, "templates.json");
    const code = await evalCommand({ task: "muc4", data: dir, split: "mini", out, templatesOut }, o.stream);
    expect(code).toBe(0);
    expect(o.text()).toContain("Role-filler entities");
    expect(o.text()).toContain("micro avg");
    const preds = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(preds)).toEqual(["T-1", "T-2"]);
    expect(Object.keys(preds["T-1"])).toEqual(["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]);
    const templates = JSON.parse(readFileSync(templatesOut, "utf8"));
    expect(Array.isArray(templates["T-2"])).toBe(true);
  }, 60_000);

  it("prints the scores as JSON with --json", async () => {
    const o = sink();
    await evalCommand({ task: "muc4", data: muc4Dir(), split: "mini", json: true, limit: 1 }, o.stream);
    const r = JSON.parse(o.text());
    expect(r).toMatchObject({ task: "muc4", split: "mini" });
    expect(r.scores.documents).toBe(1);
    expect(typeof r.scores.role_filler_f1).toBe("number");
    expect(typeof r.scores.template_f1).toBe("number");
  }, 60_000);
});
