import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../src/core/errors.js";
import { ActorGazetteer, loadActorRecords } from "../../src/pipeline/components/actor-gazetteer.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { type AliasCase, scoreActorResolution } from "./scorer.js";

/**
 * Actor resolution measured on the UN Security Council list (`DIR/un_sc_entity_names.tsv`):
 * each Latin-script name of a listed entity that our gazetteer carries (by UN reference number)
 * is looked up by name alone; it must come back as that entity. `--split` is unused (one list).
 */
export async function runActors(opts: EvalOptions): Promise<EvalResult> {
  const path = join(opts.data, "un_sc_entity_names.tsv");
  if (!existsSync(path)) throw new SitrepError("E_NOT_FOUND", `actor list not found: ${path}`, { path });
  const records = loadActorRecords();
  const gaz = new ActorGazetteer({ records });
  const byUn = new Map<string, string>();
  for (const r of records)
    for (const un of (r.externalIds?.un ?? "").split(/[,;]\s*/)) if (un) byUn.set(un, r.id);
  const cases: AliasCase[] = [];
  const rows = readFileSync(path, "utf8").split("\n").slice(1);
  for (const line of rows) {
    const [ref, , , , kind, , name] = line.split("\t");
    if (!name || kind === "original_script") continue;
    const expected = byUn.get(ref);
    if (!expected) continue;
    const resolved = gaz.lookup(name)?.id;
    cases.push({ expected, alias: name, ...(resolved ? { resolved } : {}) });
  }
  const s = scoreActorResolution(cases, (id) => gaz.get(id)?.parent);
  const pct = (x: number) => (100 * x).toFixed(2);
  const table = [
    `Actor resolution on the UN list: ${cases.length} names of ${new Set(cases.map((c) => c.expected)).size} listed entities we carry`,
    `precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}`,
    `outcomes: ${Object.entries(s.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    s.familyErrors.length
      ? `resolved to parent/child/sibling (must be none):\n${s.familyErrors.map((c) => `  ${c.alias} → ${c.resolved} (expected ${c.expected})`).join("\n")}`
      : "no alias resolved to a parent, child or sibling",
  ].join("\n");
  return {
    task: "actors",
    split: opts.split,
    scores: {
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      aliases: s.aliases,
      familyErrors: s.familyErrors.length,
    },
    table,
  };
}
