import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SitrepError } from "../../src/core/errors.js";
import type { Event } from "../../src/core/index.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import { analyzeText } from "../../src/services/analyze.js";
import { resolveIncidents } from "../../src/services/incident-resolver.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { eventToTemplate } from "../muc4/adapter.js";
import { bestMapping } from "../muc4/template-score.js";
import type { Template } from "../muc4/types.js";
import type { EvalOptions, EvalResult } from "../types.js";
import { type FullTemplateDoc, type GoldTemplate, goldClusters, goldTemplates } from "./gold.js";
import { bcubedScore, type PairwiseScore, type Prf, pairwiseScore } from "./scorer.js";

/**
 * Cross-document incident linking on MUC-4 (docs/incidents.md § Evaluation).
 *
 * Gold: the templates of `DATA/full_templates/SPLIT.jsonl` grouped by the rule in gold.ts.
 * Predicted: every document of the split (the lower-cased `doctext` of
 * `DATA/gtt_processed/SPLIT.json`, published on the date of the message's dateline) goes through
 * the production pipeline, is saved to a throwaway SQLite store and resolved, in file order.
 * Each document's predicted events are aligned one-to-one with its gold templates by the GTT
 * template mapping (eval/muc4/template-score.ts); a gold template's predicted incident is the
 * incident of its aligned event, or a singleton of its own when no event aligned.
 * Scores: pairwise (cross-document pairs) and B-cubed P/R/F1 over all gold templates, and
 * B-cubed over the templates of multi-document gold incidents only (the hard part).
 */

export interface Scores {
  pairwise: PairwiseScore;
  bcubed: Prf;
  /** B-cubed over the templates of gold incidents reported by several documents. */
  bcubedLinked: Prf;
  goldIncidents: number;
  multiDocIncidents: number;
  linkedItems: number;
  /** Gold cross-document pairs whose two templates both have an aligned event, and how many of them were linked. */
  alignedGoldPairs: number;
  alignedGoldPairsLinked: number;
}

const docOf = (key: string) => key.slice(0, key.indexOf("#"));

/** All scores of one predicted clustering against one gold clustering (same items). */
export function scoreAgainst(goldOf: Map<string, string>, predOf: Map<string, string>): Scores {
  const members = new Map<string, string[]>();
  for (const [k, g] of goldOf) members.set(g, [...(members.get(g) ?? []), k]);
  let alignedGoldPairs = 0;
  let alignedGoldPairsLinked = 0;
  for (const list of members.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        const pa = predOf.get(a) ?? "";
        const pb = predOf.get(b) ?? "";
        if (docOf(a) === docOf(b) || pa.startsWith("unaligned:") || pb.startsWith("unaligned:")) continue;
        alignedGoldPairs++;
        if (pa === pb) alignedGoldPairsLinked++;
      }
    }
  }
  const docs = new Map<string, Set<string>>();
  for (const [k, g] of goldOf) docs.set(g, (docs.get(g) ?? new Set()).add(docOf(k)));
  const linked = [...goldOf].filter(([, g]) => (docs.get(g)?.size ?? 0) > 1).map(([k]) => k);
  return {
    pairwise: pairwiseScore(goldOf, predOf, docOf),
    bcubed: bcubedScore(goldOf, predOf),
    bcubedLinked: bcubedScore(goldOf, predOf, linked),
    goldIncidents: docs.size,
    multiDocIncidents: [...docs.values()].filter((s) => s.size > 1).length,
    linkedItems: linked.length,
    alignedGoldPairs,
    alignedGoldPairsLinked,
  };
}

export interface LinkingRun extends EvalResult {
  pairwise: PairwiseScore;
  bcubed: Prf;
  bcubedLinked: Prf;
  /** The same against the relaxed gold rule (gold.ts). */
  relaxed: Scores;
  details: {
    documents: number;
    goldTemplates: number;
    goldIncidents: number;
    goldMultiDocIncidents: number;
    alignedTemplates: number;
    predictedIncidents: number;
    predictedMultiDocIncidents: number;
    resolveMsPerDocument: number;
    errors: { docid: string; message: string }[];
  };
}

const MONTHS: Record<string, string> = {
  JAN: "01",
  FEB: "02",
  MAR: "03",
  APR: "04",
  MAY: "05",
  JUN: "06",
  JUL: "07",
  AUG: "08",
  SEP: "09",
  OCT: "10",
  NOV: "11",
  DEC: "12",
};

/** "GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] …" → "1990-02-04". */
export function datelineDate(text: string): string | undefined {
  const head = text.slice(0, Math.max(0, text.indexOf("--")) || 200);
  const m = /\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b/.exec(head);
  if (!m) return undefined;
  return `19${m[3]}-${MONTHS[m[2]]}-${m[1].padStart(2, "0")}`;
}

function readJsonl<T>(path: string): T[] {
  if (!existsSync(path)) throw new SitrepError("E_NOT_FOUND", `no file ${path}`, { path });
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function fmt(x: number): string {
  return (100 * x).toFixed(1);
}

export async function runLinking(
  opts: EvalOptions & { threshold?: number /** keep the store here (default: in memory) */; db?: string },
): Promise<LinkingRun> {
  const log = opts.log ?? (() => {});
  let docs = readJsonl<FullTemplateDoc>(join(opts.data, "full_templates", `${opts.split}.jsonl`));
  if (opts.limit !== undefined) docs = docs.slice(0, opts.limit);
  const gttPath = join(opts.data, "gtt_processed", `${opts.split}.json`);
  const lower = new Map(
    existsSync(gttPath)
      ? readJsonl<{ docid: string; doctext: string }>(gttPath).map((d) => [d.docid, d.doctext] as const)
      : [],
  );

  const gold: GoldTemplate[] = docs.flatMap(goldTemplates);
  const goldOf = goldClusters(gold);
  const goldByDoc = new Map<string, GoldTemplate[]>();
  for (const t of gold) goldByDoc.set(t.docid, [...(goldByDoc.get(t.docid) ?? []), t]);

  const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);
  const store = openSqliteStore(opts.db ?? ":memory:");
  const aligned = new Map<string, { documentId: string; eventId: string }>();
  const errors: { docid: string; message: string }[] = [];
  let resolveMs = 0;
  try {
    for (const [i, d] of docs.entries()) {
      try {
        const text = lower.get(d.docid) ?? d.text;
        const published = datelineDate(d.text);
        const r = analyzeText(pipeline, text, { title: d.docid, ...(published ? { published } : {}) });
        // One stored document per message, even when two messages share a text.
        const id = `muc:${d.docid}`;
        const document = { ...r.document, id };
        const analysis = { ...r.analysis, document: { ...r.analysis.document, id } };
        await store.saveAnalysis({ document, analysis });
        const t0 = performance.now();
        await resolveIncidents(
          store,
          { document, analysis },
          opts.threshold !== undefined ? { threshold: opts.threshold } : {},
        );
        resolveMs += performance.now() - t0;

        const golds = goldByDoc.get(d.docid) ?? [];
        if (golds.length) {
          const preds: { ev: Event; t: Template }[] = [];
          for (const ev of analysis.events) {
            const t = eventToTemplate(r.doc, ev);
            if (t) preds.push({ ev, t });
          }
          if (preds.length) {
            const { mapping } = bestMapping(
              preds.map((p) => p.t),
              golds.map((g) => g.template),
              200_000,
            );
            mapping.forEach((j, k) => {
              if (j >= 0) aligned.set(golds[j].key, { documentId: id, eventId: preds[k].ev.id });
            });
          }
        }
      } catch (e) {
        errors.push({ docid: d.docid, message: (e as Error).message });
        log(`${d.docid}: ${(e as Error).message}`);
      }
      if ((i + 1) % 200 === 0) log(`linking ${opts.split}: ${i + 1}/${docs.length} documents`);
    }

    const incidentOf = new Map<string, string>();
    for (const d of docs) {
      for (const m of await store.listIncidentMembers({ documentId: `muc:${d.docid}` })) {
        incidentOf.set(`${m.documentId}\u0000${m.eventId}`, m.incidentId);
      }
    }
    const predOf = new Map<string, string>();
    for (const t of gold) {
      const a = aligned.get(t.key);
      const inc = a ? incidentOf.get(`${a.documentId}\u0000${a.eventId}`) : undefined;
      predOf.set(t.key, inc ?? `unaligned:${t.key}`);
    }
    const strict = scoreAgainst(goldOf, predOf);
    const relaxed = scoreAgainst(goldClusters(gold, "relaxed"), predOf);
    const { pairwise, bcubed, bcubedLinked } = strict;
    const incidents = await store.listIncidents();

    const details = {
      documents: docs.length,
      goldTemplates: gold.length,
      goldIncidents: strict.goldIncidents,
      goldMultiDocIncidents: strict.multiDocIncidents,
      alignedTemplates: aligned.size,
      predictedIncidents: incidents.length,
      predictedMultiDocIncidents: incidents.filter((x) => x.documentCount > 1).length,
      resolveMsPerDocument: docs.length ? resolveMs / docs.length : 0,
      errors,
    };
    const row = (name: string, s: Prf) =>
      `  ${name.padEnd(40)} ${fmt(s.precision).padStart(6)} ${fmt(s.recall).padStart(6)} ${fmt(s.f1).padStart(6)}`;
    const table = [
      `Incident linking, MUC-4 ${opts.split}: ${details.documents} documents, ${details.goldTemplates} gold templates`,
      `aligned templates ${details.alignedTemplates}/${details.goldTemplates}; predicted incidents ${details.predictedIncidents} (${details.predictedMultiDocIncidents} across documents); resolution ${details.resolveMsPerDocument.toFixed(2)} ms/document`,
      ...[
        ["strict gold rule", strict],
        ["relaxed gold rule", relaxed],
      ].flatMap(([name, sc]) => {
        const x = sc as Scores;
        return [
          `${name}: ${x.goldIncidents} gold incidents, ${x.multiDocIncidents} reported by several documents (${x.linkedItems} templates); gold pairs with both templates aligned: ${x.alignedGoldPairs}, linked ${x.alignedGoldPairsLinked}`,
          `  ${"".padEnd(40)} ${"P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)}`,
          row(
            `pairwise (${x.pairwise.correctPairs}/${x.pairwise.predictedPairs} pred, ${x.pairwise.goldPairs} gold)`,
            x.pairwise,
          ),
          row("B-cubed, all gold templates", x.bcubed),
          row("B-cubed, multi-document incidents", x.bcubedLinked),
        ];
      }),
    ].join("\n");
    if (opts.out) {
      mkdirSync(dirname(opts.out), { recursive: true });
      writeFileSync(
        opts.out,
        `${JSON.stringify({
          gold: Object.fromEntries(goldOf),
          predicted: Object.fromEntries(predOf),
          templates: Object.fromEntries(
            gold.map((t) => [
              t.key,
              { types: t.types, dates: t.dates, locations: t.locations, names: t.names },
            ]),
          ),
        })}\n`,
      );
    }
    return {
      task: "linking",
      split: opts.split,
      scores: {
        bcubed_f1: bcubed.f1,
        bcubed_p: bcubed.precision,
        bcubed_r: bcubed.recall,
        pairwise_f1: pairwise.f1,
        pairwise_p: pairwise.precision,
        pairwise_r: pairwise.recall,
        "bcubed_linked.f1": bcubedLinked.f1,
        "bcubed_linked.p": bcubedLinked.precision,
        "bcubed_linked.r": bcubedLinked.recall,
        "relaxed.bcubed_f1": relaxed.bcubed.f1,
        "relaxed.pairwise_f1": relaxed.pairwise.f1,
        "relaxed.pairwise_p": relaxed.pairwise.precision,
        "relaxed.pairwise_r": relaxed.pairwise.recall,
        "relaxed.bcubed_linked.f1": relaxed.bcubedLinked.f1,
      },
      table,
      pairwise,
      bcubed,
      bcubedLinked,
      relaxed,
      details,
    };
  } finally {
    await store.close();
  }
}
