import { z } from "zod";

export const TlpSchema = z.enum(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]);
export type Tlp = z.infer<typeof TlpSchema>;

/** ISO date or date-time as written in metadata. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "expected an ISO date such as 2024-03-29");

/** Sidecar metadata (`article.txt.meta.json`) or CLI flags describing a document. */
export const DocumentMetaSchema = z
  .object({
    title: z.string().optional(),
    published: IsoDateSchema.optional(),
    source: z.string().optional(),
    url: z.string().optional(),
    language: z.string().optional(),
    tlp: TlpSchema.optional(),
    note: z.string().optional(),
  })
  .strict();
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const DocumentSchema = z.object({
  /** sha256 of the normalised text, prefixed "doc:". */
  id: z.string(),
  text: z.string(),
  title: z.string().optional(),
  published: z.string().optional(),
  source: z.string().optional(),
  url: z.string().optional(),
  path: z.string().optional(),
  language: z.string().default("en"),
  tlp: TlpSchema.default("CLEAR"),
  note: z.string().optional(),
});
export type Document = z.infer<typeof DocumentSchema>;
