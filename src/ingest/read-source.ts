import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { SitrepError, type Tlp } from "../core/index.js";
import { htmlToText } from "./html-to-text.js";
import { pdfToText } from "./pdf-to-text.js";
import { readSidecar } from "./sidecar.js";
import { decodeUtf8, lineAt, looksBinary, startsWithBytes, utf16Bom } from "./text-bytes.js";

export type IngestFormat = "txt" | "html" | "pdf" | "md";

/** A file read from disk: its text as extracted (not yet normalised) plus what is known about it. */
export interface IngestedText {
  path: string;
  text: string;
  format: IngestFormat;
  title?: string;
  published?: string;
  source?: string;
  url?: string;
  language?: string;
  tlp?: Tlp;
  note?: string;
  /** Things the reader did that the user may want to know (e.g. HTML found in a .txt file). */
  warnings: string[];
}

export interface ReadSourceOptions {
  /** Files larger than this are refused before they are read. Default 20 MB. */
  maxBytes?: number;
  /** Read as plain UTF-8 text whatever the extension or content looks like. */
  asText?: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const EXTENSION_FORMATS: Record<string, IngestFormat> = {
  ".txt": "txt",
  ".text": "txt",
  "": "txt",
  ".md": "md",
  ".markdown": "md",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".pdf": "pdf",
};

/**
 * Reads one source file into text. The format comes from the extension (.txt/.md/none → text,
 * .html/.htm → HTML, .pdf → PDF; anything else is read as text if its content is text), then
 * the content is checked: missing (E_NOT_FOUND), unreadable (E_UNREADABLE), too large
 * (E_TOO_LARGE, checked on the size before reading), binary (E_BINARY), not UTF-8
 * (E_ENCODING, with the byte offset), empty or blank (E_EMPTY), JSON in a text file (E_FORMAT).
 * HTML in a text file is parsed as HTML, with a warning; so is a PDF with another extension.
 * Metadata from `<path>.meta.json` (validated, E_METADATA) overrides what the file itself says.
 * Every error is a SitrepError with `details.path`.
 */
export async function readSource(path: string, options: ReadSourceOptions = {}): Promise<IngestedText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await statOrThrow(path);
  if (info.isDirectory()) {
    throw new SitrepError("E_FORMAT", `${path} is a folder, not a file`, { path });
  }
  if (!info.isFile()) {
    throw new SitrepError("E_UNREADABLE", `${path} is not a regular file`, { path });
  }
  if (info.size > maxBytes) {
    throw new SitrepError(
      "E_TOO_LARGE",
      `${path} is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit`,
      { path, size: info.size, maxBytes },
    );
  }
  if (info.size === 0) throw new SitrepError("E_EMPTY", `${path} is empty`, { path });

  const meta = await readSidecar(path);
  const bytes = await readBytes(path, maxBytes);
  const extracted = await extract(path, bytes, options.asText === true);
  const result: IngestedText = { path, ...extracted };
  if (meta) {
    for (const key of ["title", "published", "source", "url", "language", "tlp", "note"] as const) {
      if (meta[key] !== undefined) (result as unknown as Record<string, unknown>)[key] = meta[key];
    }
  }
  return result;
}

type Extracted = Omit<IngestedText, "path">;

async function extract(path: string, bytes: Uint8Array, asText: boolean): Promise<Extracted> {
  const declared = asText ? "txt" : (EXTENSION_FORMATS[extname(path).toLowerCase()] ?? "txt");
  const isPdf = startsWithBytes(bytes, "%PDF-");

  if (declared === "pdf") {
    if (!isPdf) throw new SitrepError("E_FORMAT", `${path} is not a PDF (no %PDF- header)`, { path });
    return fromPdf(path, bytes, []);
  }
  if (isPdf && !asText) {
    return fromPdf(path, bytes, [`${path} is a PDF despite its extension; read as PDF`]);
  }

  const text = decodeText(path, bytes);
  if (declared === "html") return fromHtml(path, text, []);

  if (!asText) {
    const head = text.trimStart();
    if ((head.startsWith("{") || head.startsWith("[")) && isJson(text)) {
      throw new SitrepError(
        "E_FORMAT",
        `${path} looks like JSON, not article text; Sitrep reads .txt, .md, .html and .pdf (use asText to force)`,
        { path, detected: "json" },
      );
    }
    if (/^(<!doctype\s+html|<html[\s>])/i.test(head)) {
      return fromHtml(path, text, [`${path} contains HTML; parsed as HTML`]);
    }
  }
  const result: Extracted = { text, format: declared === "md" ? "md" : "txt", warnings: [] };
  if (declared === "md") {
    const title = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1]?.trim();
    if (title) result.title = title;
  }
  return result;
}

function decodeText(path: string, bytes: Uint8Array): string {
  const bom = utf16Bom(bytes);
  if (bom) {
    throw new SitrepError("E_ENCODING", `${path} is ${bom.toUpperCase()} text; save it as UTF-8`, {
      path,
      encoding: bom,
    });
  }
  if (looksBinary(bytes)) {
    throw new SitrepError("E_BINARY", `${path} is a binary file, not text`, { path });
  }
  const decoded = decodeUtf8(bytes);
  if ("invalidAt" in decoded) {
    const offset = decoded.invalidAt;
    const line = lineAt(bytes, offset);
    throw new SitrepError(
      "E_ENCODING",
      `${path} is not valid UTF-8: bad byte 0x${bytes[offset]?.toString(16).padStart(2, "0")} at byte offset ${offset} (line ${line}); re-save it as UTF-8`,
      { path, offset, line },
    );
  }
  assertNotBlank(path, decoded.text, "has no text (only whitespace)");
  return decoded.text;
}

function fromHtml(path: string, html: string, warnings: string[]): Extracted {
  const page = htmlToText(html);
  assertNotBlank(path, page.text, "has no text once the markup is removed");
  return { ...page, format: "html", warnings };
}

async function fromPdf(path: string, bytes: Uint8Array, warnings: string[]): Promise<Extracted> {
  let pdf: Awaited<ReturnType<typeof pdfToText>>;
  try {
    pdf = await pdfToText(bytes);
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "PasswordException") {
      throw new SitrepError("E_UNREADABLE", `${path} is a password-protected PDF`, { path }, { cause: e });
    }
    throw new SitrepError(
      "E_FORMAT",
      `${path} is a damaged PDF: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
  assertNotBlank(path, pdf.text, "has no text layer (a scanned PDF? OCR is not supported)");
  const result: Extracted = { text: pdf.text, format: "pdf", warnings };
  if (pdf.title) result.title = pdf.title;
  return result;
}

function assertNotBlank(path: string, text: string, why: string): void {
  if (/^[\s\u200B-\u200D\u2060\uFEFF]*$/.test(text)) {
    throw new SitrepError("E_EMPTY", `${path} ${why}`, { path });
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (e) {
    throw fsError(e, path);
  }
}

/** Reads at most maxBytes + 1 bytes, so a file that grew after stat is still refused. */
async function readBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) {
        throw new SitrepError("E_TOO_LARGE", `${path} is over the ${formatBytes(maxBytes)} limit`, {
          path,
          maxBytes,
        });
      }
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw fsError(e, path);
  } finally {
    await handle?.close();
  }
}

/** Maps a Node file-system error to a coded error. */
export function fsError(e: unknown, path: string): SitrepError {
  if (e instanceof SitrepError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new SitrepError("E_NOT_FOUND", `${path} does not exist`, { path }, { cause: e });
  }
  if (code === "ELOOP") {
    return new SitrepError("E_UNREADABLE", `${path} is a symbolic link loop`, { path }, { cause: e });
  }
  const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : (e as Error).message;
  return new SitrepError(
    "E_UNREADABLE",
    `${path} cannot be read: ${reason}`,
    { path, errno: code },
    { cause: e },
  );
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, "")} KB`;
  return `${n} bytes`;
}
