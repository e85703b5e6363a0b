import { z } from "zod";
import { SpanSchema } from "./span.js";

export const ClaimPropertySchema = z.enum([
  "strength",
  "founded",
  "parent",
  "area_of_operation",
  "stronghold",
  "adversary",
  "intended_target",
  "assessment",
  "attribution",
]);
export type ClaimProperty = z.infer<typeof ClaimPropertySchema>;

export const StanceSchema = z.enum(["asserted", "reported", "denied", "disputed", "possible"]);
export type Stance = z.infer<typeof StanceSchema>;

export const ClaimSchema = z.object({
  id: z.string(),
  subject: z.string(),
  property: ClaimPropertySchema,
  /** Literal value: "4000-6000", "2015", "naïve and embryonic"; or an entity id for object claims. */
  value: z.string(),
  object: z.string().optional(),
  qualifiers: z
    .object({
      min: z.number().optional(),
      max: z.number().optional(),
      unit: z.string().optional(),
      approx: z.boolean().optional(),
      time: z.string().optional(),
      precision: z.string().optional(),
      resolved: z.boolean().optional(),
      relation: z.string().optional(),
      topic: z.string().optional(),
    })
    .optional(),
  stance: StanceSchema.optional(),
  heldBy: z.string().optional(),
  evidence: z.array(SpanSchema).min(1),
  confidence: z.number().min(0).max(1).optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;
