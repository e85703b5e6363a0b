import { AnalysisDoc, type DocMeta } from "./doc.js";
import { normalizeText } from "./normalize.js";

/** Normalises raw text and wraps it in an AnalysisDoc. */
export function createDoc(raw: string, meta: Omit<DocMeta, "id"> & { id?: string }): AnalysisDoc {
  const text = normalizeText(raw);
  return new AnalysisDoc(text, { ...meta, id: meta.id ?? "doc:unsaved" });
}
