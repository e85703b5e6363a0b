import { z } from "zod";

/** Admiralty (NATO) source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const SourceReliabilitySchema = z.enum(["A", "B", "C", "D", "E", "F"]);
export type SourceReliability = z.infer<typeof SourceReliabilitySchema>;

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const InformationCredibilitySchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
]);
export type InformationCredibility = z.infer<typeof InformationCredibilitySchema>;

/** STIX 2.1 confidence for an Admiralty credibility grade (field-standards.md); 6 has no mapping. */
export function credibilityToConfidence(c: InformationCredibility): number | undefined {
  return ({ 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 } as Record<number, number>)[c];
}

/** Who published a document: an outlet, agency or author, with its grade. */
export const SourceSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  url: z.string().optional(),
  reliability: SourceReliabilitySchema.default("F"),
  /** local | national | regional | international (ACLED source scale) */
  scale: z.enum(["local", "national", "regional", "international"]).optional(),
});
export type Source = z.infer<typeof SourceSchema>;
