import { readFile } from "node:fs/promises";
import { type DocumentMeta, DocumentMetaSchema, SitrepError } from "../core/index.js";

/** Sidecar metadata lives next to the file it describes: `article.txt` → `article.txt.meta.json`. */
export const SIDECAR_SUFFIX = ".meta.json";

export function sidecarPath(path: string): string {
  return `${path}${SIDECAR_SUFFIX}`;
}

/**
 * Reads and validates the sidecar of `path`, if there is one. A sidecar that is unreadable, not
 * JSON or not valid DocumentMeta is an E_METADATA error naming the sidecar and the field.
 */
export async function readSidecar(path: string): Promise<DocumentMeta | undefined> {
  const file = sidecarPath(path);
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new SitrepError(
      "E_METADATA",
      `${file}: cannot read sidecar metadata (${code ?? "error"})`,
      {
        path: file,
        source: path,
      },
      { cause: e },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new SitrepError(
      "E_METADATA",
      `${file}: sidecar metadata is not valid JSON: ${(e as Error).message}`,
      {
        path: file,
        source: path,
      },
      { cause: e },
    );
  }
  const parsed = DocumentMetaSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const field = [...issue.path.map(String), ...keys].join(".") || "(root)";
    const message =
      issue.code === "unrecognized_keys"
        ? `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    throw new SitrepError("E_METADATA", `${file}: field "${field}": ${message}`, {
      path: file,
      source: path,
      field,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })),
    });
  }
  return parsed.data;
}
