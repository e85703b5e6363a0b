import { type Document, SitrepError, type Span } from "../core/index.js";

/**
 * Every stored span must quote the document text exactly at its offsets (shared by adapters, so
 * both reject the same spans with the same E_VALIDATION details).
 */
export function checkSpan(doc: Document, s: Span, what: string): void {
  const ok =
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end >= s.start &&
    s.end <= doc.text.length &&
    doc.text.slice(s.start, s.end) === s.text;
  if (!ok) {
    throw new SitrepError(
      "E_VALIDATION",
      `${what} [${s.start}, ${s.end}) "${s.text}" does not match the text of document ${doc.id}`,
      {
        documentId: doc.id,
        start: s.start,
        end: s.end,
        text: s.text,
        actual: s.start >= 0 && s.end >= s.start ? doc.text.slice(s.start, s.end) : undefined,
      },
    );
  }
}
