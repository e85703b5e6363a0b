import { isSitrepError, type SitrepError, toSitrepError } from "../core/index.js";
import { collectPaths } from "../ingest/collect-paths.js";
import { readSource } from "../ingest/read-source.js";
import type { Pipeline } from "../pipeline/pipeline.js";
import type { Store } from "../store/store.js";
import { proposeMerges } from "./actors.js";
import { analyzeText } from "./analyze.js";
import { resolveIncidents } from "./incident-resolver.js";

export interface IngestFailure {
  path: string;
  code: string;
  message: string;
}

export interface IngestReport {
  ingested: { path: string; id: string; events: number; claims: number }[];
  unchanged: { path: string; id: string }[];
  failed: IngestFailure[];
  /**
   * Problems after a document was saved (it stays stored): e.g. incident resolution failing.
   * Absent when there were none.
   */
  warnings?: IngestFailure[];
  /** Actor merges the machine proposed after the batch (docs/actors.md), awaiting review. */
  proposedMerges?: { from: string; into: string; reason: string }[];
}

export interface IngestProgress {
  index: number;
  total: number;
  path: string;
  outcome: "ingested" | "unchanged" | "failed";
}

/**
 * Reads, analyses and stores every file under the given paths. One bad file never stops the
 * batch: it is reported in `failed` and the store is untouched for it (each save is one
 * transaction). Re-ingesting the same text is a no-op (`unchanged`).
 */
export async function ingestPaths(
  deps: { pipeline: Pipeline; store: Store },
  paths: string[],
  options: { maxBytes?: number; onProgress?: (p: IngestProgress) => void } = {},
): Promise<IngestReport> {
  const report: IngestReport = { ingested: [], unchanged: [], failed: [] };
  const { files, errors } = await collectPaths(paths);
  for (const e of errors) report.failed.push(failure(e));
  for (let i = 0; i < files.length; i++) {
    const path = files[i];
    let outcome: IngestProgress["outcome"] = "failed";
    try {
      const src = await readSource(
        path,
        options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {},
      );
      const { document, analysis } = analyzeText(deps.pipeline, src.text, {
        ...(src.title ? { title: src.title } : {}),
        ...(src.published ? { published: src.published } : {}),
        ...(src.source ? { source: src.source } : {}),
        ...(src.url ? { url: src.url } : {}),
        ...(src.tlp ? { tlp: src.tlp } : {}),
        ...(src.note ? { note: src.note } : {}),
        path,
      });
      const { inserted } = await deps.store.saveAnalysis({ document, analysis });
      if (inserted) {
        report.ingested.push({
          path,
          id: document.id,
          events: analysis.events.length,
          claims: analysis.claims.length,
        });
        outcome = "ingested";
        // Incident resolution runs after the save: its failure never loses the saved document.
        try {
          await resolveIncidents(deps.store, { document, analysis });
        } catch (e) {
          const err = toSitrepError(e, "E_STORE", { path });
          const warning = { path, code: err.code, message: `incident resolution failed: ${err.message}` };
          if (report.warnings) report.warnings.push(warning);
          else report.warnings = [warning];
        }
      } else {
        report.unchanged.push({ path, id: document.id });
        outcome = "unchanged";
      }
    } catch (e) {
      const err = toSitrepError(e, "E_COMPONENT", { path });
      report.failed.push(failure(err, path));
    }
    options.onProgress?.({ index: i + 1, total: files.length, path, outcome });
  }
  if (report.ingested.length) {
    try {
      const proposals = await proposeMerges(deps.store);
      if (proposals.length) {
        report.proposedMerges = proposals.map((p) => ({
          from: p.from.id,
          into: p.into.id,
          reason: p.reason,
        }));
      }
    } catch (e) {
      const err = toSitrepError(e, "E_STORE");
      report.warnings = report.warnings ?? [];
      report.warnings.push({
        path: "",
        code: err.code,
        message: `merge proposals failed: ${err.message}`,
      });
    }
  }
  return report;
}

function failure(e: SitrepError | unknown, path?: string): IngestFailure {
  if (isSitrepError(e)) {
    return { path: String(e.details.path ?? path ?? ""), code: e.code, message: e.message };
  }
  return { path: path ?? "", code: "E_COMPONENT", message: String(e) };
}
