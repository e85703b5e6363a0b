import { createHash } from "node:crypto";

/** Document id: "doc:" + SHA-256 (hex) of the normalised text's UTF-8 bytes. */
export function contentHash(normalisedText: string): string {
  return `doc:${createHash("sha256").update(normalisedText, "utf8").digest("hex")}`;
}
