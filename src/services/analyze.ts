import { type Analysis, AnalysisSchema, type Document, type DocumentMeta } from "../core/index.js";
import { contentHash } from "../ingest/content-hash.js";
import { createDoc } from "../pipeline/create-doc.js";
import type { AnalysisDoc } from "../pipeline/doc.js";
import type { Pipeline } from "../pipeline/pipeline.js";

export interface AnalyzeResult {
  document: Document;
  analysis: Analysis;
  doc: AnalysisDoc;
}

/** Runs the pipeline over one text and returns the document record and its analysis JSON. */
export function analyzeText(
  pipeline: Pipeline,
  raw: string,
  meta: DocumentMeta & { path?: string } = {},
): AnalyzeResult {
  const draft = createDoc(raw, {});
  const id = contentHash(draft.text);
  const doc = createDoc(raw, {
    id,
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.published ? { published: meta.published.slice(0, 10) } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.path ? { path: meta.path } : {}),
  });
  pipeline.run(doc);
  const document: Document = {
    id,
    text: doc.text,
    language: meta.language ?? "en",
    tlp: meta.tlp ?? "CLEAR",
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.published ? { published: meta.published.slice(0, 10) } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.url ? { url: meta.url } : {}),
    ...(meta.path ? { path: meta.path } : {}),
    ...(meta.note ? { note: meta.note } : {}),
  };
  const analysis = AnalysisSchema.parse({
    document: {
      id,
      ...(document.title ? { title: document.title } : {}),
      ...(document.published ? { published: document.published } : {}),
      ...(document.source ? { source: document.source } : {}),
      ...(document.path ? { path: document.path } : {}),
    },
    entities: doc.entityList(),
    events: doc.events,
    claims: doc.claims,
    dates: doc.dates.map((d) => ({ ...d })),
    quantities: doc.quantities.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      ...(q.min !== undefined ? { min: q.min } : {}),
      ...(q.max !== undefined ? { max: q.max } : {}),
      approx: q.approx,
      ...(q.unit ? { unit: q.unit } : {}),
    })),
  });
  return { document, analysis, doc };
}
