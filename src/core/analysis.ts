import { z } from "zod";
import { ClaimSchema } from "./claim.js";
import { EntitySchema } from "./entity.js";
import { EventSchema } from "./event.js";

/** The document analysis JSON (`sitrep extract FILE --json`), contract in docs/architecture.md. */
export const AnalysisSchema = z.object({
  document: z.object({
    id: z.string(),
    title: z.string().optional(),
    published: z.string().optional(),
    source: z.string().optional(),
    path: z.string().optional(),
  }),
  entities: z.array(EntitySchema),
  events: z.array(EventSchema),
  claims: z.array(ClaimSchema),
  dates: z
    .array(
      z.object({
        start: z.number(),
        end: z.number(),
        text: z.string(),
        value: z.string().optional(),
        precision: z.string(),
        relative: z.boolean(),
        resolved: z.boolean(),
      }),
    )
    .default([]),
  quantities: z
    .array(
      z.object({
        start: z.number(),
        end: z.number(),
        text: z.string(),
        min: z.number().optional(),
        max: z.number().optional(),
        approx: z.string().optional(),
        unit: z.string().optional(),
      }),
    )
    .default([]),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
