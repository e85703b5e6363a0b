import { writeFileSync } from "node:fs";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import { analyzeText } from "../../src/services/analyze.js";
import { alignNormalized } from "../geo/align.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { tokenIndexIn, wikieventsArguments } from "./adapter.js";
import { readKairosOntology, readWikievents, readWikieventsCoref, rebuildText } from "./reader.js";
import { type Prf, scoreWikievents, type WikieventsPredictions } from "./scorer.js";

function fmt(p: Prf): string {
  return `P ${(100 * p.precision).toFixed(2)}  R ${(100 * p.recall).toFixed(2)}  F1 ${(100 * p.f1).toFixed(2)}`;
}

/**
 * `sitrep eval wikievents --data DIR --split NAME [--out FILE]`: for each gold event mention
 * (trigger given) derives arguments from the production pipeline's analysis of the document
 * (eval/wikievents/adapter.ts) and scores Arg-I/Arg-C as gen-arg does (eval/wikievents/scorer.ts).
 */
export async function runWikievents(opts: EvalOptions): Promise<EvalResult> {
  const log = opts.log ?? (() => {});
  let docs = readWikievents(opts.data, opts.split);
  if (opts.limit !== undefined) docs = docs.slice(0, opts.limit);
  const coref = readWikieventsCoref(opts.data, opts.split);
  const ontology = readKairosOntology(opts.data);
  if (!ontology) log(`wikievents: no ontology/event_role_KAIROS.json under ${opts.data}; no event is scored`);
  const pipeline = buildPipeline(opts.pipeline ?? DEFAULT_PIPELINE_CONFIG);

  const preds: WikieventsPredictions = {};
  const t0 = Date.now();
  for (const [k, we] of docs.entries()) {
    const rebuilt = rebuildText(we);
    const { doc } = analyzeText(pipeline, rebuilt.text);
    const map = alignNormalized(rebuilt.text, doc.text);
    const index = tokenIndexIn(map, doc.text.length, rebuilt.tokenStarts, rebuilt.tokenEnds);
    preds[we.doc_id] = wikieventsArguments({ we, doc, index, ...(ontology ? { ontology } : {}) });
    if ((k + 1) % 10 === 0) log(`wikievents: ${k + 1}/${docs.length} documents`);
  }
  const secs = (Date.now() - t0) / 1000;
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(preds, null, 1)}\n`);

  const base = { ...(ontology ? { ontology } : {}) };
  const exact = scoreWikievents(docs, preds, { ...base, ...(coref ? { coref } : {}) });
  const head = scoreWikievents(docs, preds, { ...base, head: true, ...(coref ? { coref } : {}) });

  const roles = Object.entries(exact.perRole).sort(
    (a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]),
  );
  const types = Object.entries(exact.perType).sort(
    (a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]),
  );
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const lines = [
    `wikievents ${opts.split}: ${docs.length} documents, ${exact.events} event mentions scored (${exact.skippedEvents} skipped: type not in the ontology), ${exact.gold} gold arguments, ${exact.predicted} predicted`,
    "",
    "exact span (token offsets):",
    `  Arg-I ${fmt(exact.argI)}`,
    `  Arg-C ${fmt(exact.argC)}`,
    ...(coref
      ? [
          "exact span, coreferent mentions credited:",
          `  Arg-I ${fmt(exact.argICoref)}`,
          `  Arg-C ${fmt(exact.argCCoref)}`,
        ]
      : ["(no coref file: coreference credit not computed)"]),
    "head word match (rule-based heads):",
    `  Arg-I ${fmt(head.argI)}`,
    `  Arg-C ${fmt(head.argC)}`,
    ...(coref ? [`  with coref: Arg-I ${fmt(head.argICoref)} | Arg-C ${fmt(head.argCCoref)}`] : []),
    "",
    `per role (exact span${coref ? " + coref" : ""}): role, gold, predicted, identified, correct`,
    ...roles.map(
      ([r, c]) =>
        `  ${pad(r, 22)} ${pad(c.gold, 5)} ${pad(c.predicted, 5)} ${pad(c.identified, 5)} ${c.correct}`,
    ),
    "",
    "per event type: type, gold args, predicted, correct",
    ...types.map(([t, c]) => `  ${pad(t, 55)} ${pad(c.gold, 5)} ${pad(c.predicted, 5)} ${c.correct}`),
    "",
    `speed: ${docs.length} documents in ${secs.toFixed(1)} s`,
  ];
  return {
    task: "wikievents",
    split: opts.split,
    scores: {
      argI_f1: exact.argI.f1,
      argC_f1: exact.argC.f1,
      argI_precision: exact.argI.precision,
      argI_recall: exact.argI.recall,
      argC_precision: exact.argC.precision,
      argC_recall: exact.argC.recall,
      ...(coref ? { argI_coref_f1: exact.argICoref.f1, argC_coref_f1: exact.argCCoref.f1 } : {}),
      argI_head_f1: head.argI.f1,
      argC_head_f1: head.argC.f1,
      ...(coref ? { argI_head_coref_f1: head.argICoref.f1, argC_head_coref_f1: head.argCCoref.f1 } : {}),
      events: exact.events,
      gold: exact.gold,
      predicted: exact.predicted,
    },
    table: lines.join("\n"),
  };
}
