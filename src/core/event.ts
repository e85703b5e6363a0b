import { z } from "zod";
import { SpanSchema } from "./span.js";

/**
 * Sitrep's event taxonomy (docs/taxonomy.md maps it onto GTD attack types, ACLED event types and
 * MUC-4 incident types). `type` is the family, `subtype` the kind of act.
 */
export const EventTypeSchema = z.enum([
  "attack",
  "plot",
  "arrest",
  "clash",
  "claim_of_responsibility",
  "threat",
]);
export type EventType = z.infer<typeof EventTypeSchema>;

export const AttackSubtypeSchema = z.enum([
  "bombing",
  "suicide_attack",
  "armed_assault",
  "assassination",
  "hostage_taking",
  "kidnapping",
  "aviation_bombing",
  "arson",
  "facility_attack",
  "unarmed_assault",
  "unknown",
]);
export type AttackSubtype = z.infer<typeof AttackSubtypeSchema>;

export const DatePrecisionSchema = z.enum(["day", "month", "year", "decade", "unknown"]);
export type DatePrecision = z.infer<typeof DatePrecisionSchema>;

/** A date as resolved from text: `value` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) when resolved. */
export const EventDateSchema = z.object({
  value: z.string().optional(),
  precision: DatePrecisionSchema,
  text: z.string().optional(),
  resolved: z.boolean().default(true),
});
export type EventDate = z.infer<typeof EventDateSchema>;

/** GTD's 22 target types, snake-cased. */
export const TargetTypeSchema = z.enum([
  "business",
  "government_general",
  "police",
  "military",
  "abortion_related",
  "airports_aircraft",
  "government_diplomatic",
  "educational_institution",
  "food_water_supply",
  "journalists_media",
  "maritime",
  "ngo",
  "other",
  "private_citizens_property",
  "religious_figures_institutions",
  "telecommunication",
  "terrorists_non_state_militia",
  "tourists",
  "transportation",
  "unknown",
  "utilities",
  "violent_political_party",
]);
export type TargetType = z.infer<typeof TargetTypeSchema>;

export const AttributionStatusSchema = z.enum([
  "claimed",
  "attributed",
  "suspected",
  "disputed",
  "denied",
  "unknown",
]);
export type AttributionStatus = z.infer<typeof AttributionStatusSchema>;

export const TargetSchema = z.object({
  entity: z.string().optional(),
  text: z.string(),
  type: TargetTypeSchema.optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type Target = z.infer<typeof TargetSchema>;

export const RangeSchema = z.object({
  min: z.number().optional(),
  max: z.number().optional(),
  approx: z.boolean().optional(),
  text: z.string().optional(),
});
export type Range = z.infer<typeof RangeSchema>;

export const EventSchema = z.object({
  id: z.string(),
  type: EventTypeSchema,
  subtype: z.string().optional(),
  label: z.string().optional(),
  date: EventDateSchema.optional(),
  place: z.string().optional(),
  country: z.string().optional(),
  perpetrators: z.array(z.string()).default([]),
  targets: z.array(TargetSchema).default([]),
  weapons: z.array(z.string()).default([]),
  /** People harmed, as the text names or describes them ("Mohammad Dawood Muzammil", "two embassy staff"). */
  victims: z
    .array(
      z.object({
        text: z.string(),
        entity: z.string().optional(),
        start: z.number().int(),
        end: z.number().int(),
      }),
    )
    .optional(),
  /** Individual perpetrators as described ("gunmen", "a suicide bomber"), beside the groups in `perpetrators`. */
  attackers: z
    .array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int() }))
    .optional(),
  attribution: z
    .object({
      status: AttributionStatusSchema,
      by: z.string().optional(),
      disputedBy: z.array(z.string()).optional(),
    })
    .optional(),
  casualties: z.object({ killed: RangeSchema.optional(), wounded: RangeSchema.optional() }).optional(),
  evidence: z.array(SpanSchema).min(1),
  confidence: z.number().min(0).max(1).optional(),
});
export type Event = z.infer<typeof EventSchema>;
