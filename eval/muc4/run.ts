import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SitrepError } from "../../src/core/errors.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import { analyzeText } from "../../src/services/analyze.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { type AdapterOptions, docToTemplates, templatesToExtracts } from "./adapter.js";
import { readGrit, readGtt } from "./reader.js";
import { roleFillerTable, templateTable } from "./report.js";
import { type RoleFillerScore, scoreRoleFillers } from "./role-filler-score.js";
import { scoreTemplates, TEMPLATE_SLOTS, type TemplateScore } from "./template-score.js";
import { ROLES, type RoleFillers, type Template } from "./types.js";

export interface Muc4Predictions {
  templates: Record<string, Template[]>;
  extracts: Record<string, RoleFillers>;
  failed: { docid: string; message: string }[];
  words: number;
  ms: number;
}

export interface Muc4Run extends EvalResult {
  roleFillers: RoleFillerScore;
  templateScore: TemplateScore;
  predictions: Muc4Predictions;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value)}\n`);
}

/**
 * MUC-4 with the production pipeline: reads `DATA/gtt_processed/SPLIT.json` and
 * `DATA/grit_processed/SPLIT.json`, analyses each `doctext` as it is (lower-cased, no
 * dateline), maps events to templates (adapter.ts) and scores role fillers (GRIT CEAF-REE)
 * and templates (GTT template F1).
 */
export async function runMuc4(opts: EvalOptions & { adapter?: AdapterOptions }): Promise<Muc4Run> {
  const log = opts.log ?? (() => {});
  let gtt = readGtt(opts.data, opts.split);
  let grit = readGrit(opts.data, opts.split);
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 1)
      throw new SitrepError("E_USAGE", `--limit must be a positive integer, got ${opts.limit}`);
    gtt = gtt.slice(0, opts.limit);
    const keep = new Set(gtt.map((d) => d.docid));
    grit = grit.filter((d) => keep.has(d.docid));
  }
  const gritIds = new Set(grit.map((d) => d.docid));
  const missing = gtt.filter((d) => !gritIds.has(d.docid)).map((d) => d.docid);
  if (missing.length)
    throw new SitrepError(
      "E_FORMAT",
      `the GTT and GRIT files of split ${opts.split} hold different documents (${missing.slice(0, 3).join(", ")}…)`,
    );

  const pipeline = buildPipeline(opts.pipeline ?? DEFAULT_PIPELINE_CONFIG);
  const preds: Muc4Predictions = { templates: {}, extracts: {}, failed: [], words: 0, ms: 0 };
  const t0 = performance.now();
  for (let i = 0; i < gtt.length; i++) {
    const d = gtt[i];
    preds.words += d.doctext.split(/\s+/).filter(Boolean).length;
    let templates: Template[] = [];
    try {
      const { doc } = analyzeText(pipeline, d.doctext);
      templates = docToTemplates(doc, opts.adapter);
    } catch (e) {
      preds.failed.push({ docid: d.docid, message: (e as Error).message });
      log(`${d.docid}: pipeline failed: ${(e as Error).message}`);
    }
    preds.templates[d.docid] = templates;
    preds.extracts[d.docid] = templatesToExtracts(templates);
    if ((i + 1) % 100 === 0) log(`muc4 ${opts.split}: ${i + 1}/${gtt.length} documents`);
  }
  preds.ms = performance.now() - t0;

  const roleFillers = scoreRoleFillers(
    preds.extracts,
    Object.fromEntries(grit.map((d) => [d.docid, d.extracts])),
  );
  const templateScore = scoreTemplates(
    preds.templates,
    Object.fromEntries(gtt.map((d) => [d.docid, d.templates])),
  );
  if (opts.out) writeJson(opts.out, preds.extracts);
  if (opts.templatesOut) writeJson(opts.templatesOut, preds.templates);

  const scores: Record<string, number> = {
    role_filler_p: 100 * roleFillers.micro.p,
    role_filler_r: 100 * roleFillers.micro.r,
    role_filler_f1: 100 * roleFillers.micro.f1,
    template_p: 100 * templateScore.micro.p,
    template_r: 100 * templateScore.micro.r,
    template_f1: 100 * templateScore.micro.f1,
  };
  for (const r of ROLES) scores[`role_filler_f1.${r}`] = 100 * roleFillers.roles[r].f1;
  for (const s of TEMPLATE_SLOTS) scores[`template_f1.${s}`] = 100 * templateScore.slots[s].f1;
  scores.documents = gtt.length;
  scores.words_per_second = preds.ms > 0 ? Math.round(preds.words / (preds.ms / 1000)) : 0;

  const withTemplates = gtt.filter((d) => d.templates.length).length;
  const predictedTemplates = Object.values(preds.templates).reduce((n, t) => n + t.length, 0);
  const goldTemplates = gtt.reduce((n, d) => n + d.templates.length, 0);
  const lines = [
    `MUC-4 ${opts.split}: ${gtt.length} documents (${withTemplates} with templates), ${preds.words.toLocaleString("en")} words, ` +
      `pipeline ${(preds.ms / 1000).toFixed(1)} s (${scores.words_per_second.toLocaleString("en")} words/s)`,
    "",
    "Role-filler entities (GRIT CEAF-REE, strict match)",
    roleFillerTable(roleFillers),
    "",
    `Templates (GTT template F1; incident type scored as a sixth slot): ${predictedTemplates} predicted, ${goldTemplates} gold`,
    templateTable(templateScore),
  ];
  if (templateScore.approximatedDocs.length)
    lines.push(
      `(${templateScore.approximatedDocs.length} documents had too many templates for the exhaustive mapping; Kuhn–Munkres used)`,
    );
  if (preds.failed.length)
    lines.push(`${preds.failed.length} documents failed in the pipeline (scored as empty)`);
  if (opts.out) lines.push(`role fillers written to ${opts.out}`);
  if (opts.templatesOut) lines.push(`templates written to ${opts.templatesOut}`);
  return {
    task: "muc4",
    split: opts.split,
    scores,
    table: lines.join("\n"),
    roleFillers,
    templateScore,
    predictions: preds,
  };
}
