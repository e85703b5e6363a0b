import { extractText, getDocumentProxy, getMeta } from "unpdf";

export interface PdfExtract {
  text: string;
  title?: string;
  pages: number;
}

/** Titles that PDF writers put in by default and that say nothing about the document. */
const JUNK_TITLE = /^(untitled|microsoft word - .*|.*\.(docx?|odt|rtf|pdf))$/i;

/**
 * Extracts the text layer of a PDF (pages separated by blank lines) and its Title metadata.
 * Runs PDF.js in-process (unpdf's serverless build): no worker, no network. Throws what PDF.js
 * throws for a damaged or encrypted file; the caller turns that into a coded error.
 */
export async function pdfToText(bytes: Uint8Array): Promise<PdfExtract> {
  // PDF.js may take ownership of the buffer it is given: pass a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    let title: string | undefined;
    try {
      const { info } = await getMeta(pdf);
      const t = typeof info?.Title === "string" ? info.Title.replace(/\s+/g, " ").trim() : "";
      if (t && !JUNK_TITLE.test(t)) title = t;
    } catch {
      // Metadata is optional; a PDF with a broken Info dictionary still has text.
    }
    return {
      text: text
        .map((page) => page.trim())
        .filter(Boolean)
        .join("\n\n"),
      title,
      pages: totalPages,
    };
  } finally {
    await pdf.destroy();
  }
}
