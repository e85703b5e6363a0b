import { z } from "zod";
import { SpanSchema } from "./span.js";

export const EntityKindSchema = z.enum([
  "armed_group",
  "state",
  "government",
  "agency",
  "organisation",
  "person",
  "place",
  "facility",
  "named_event",
]);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/** How precisely a place is known, after GTD's geocoding specificity (1 = the town itself). */
export const GeoPrecisionSchema = z.enum(["point", "city", "admin", "country", "region"]);
export type GeoPrecision = z.infer<typeof GeoPrecisionSchema>;

export const GeoSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  country: z.string().optional(),
  precision: GeoPrecisionSchema.optional(),
  geonamesId: z.number().int().optional(),
});
export type Geo = z.infer<typeof GeoSchema>;

/** A mention is what the text said; `entity` is who we think it is (FollowTheMoney's Mention). */
export const MentionSchema = SpanSchema.extend({
  entity: z.string().optional(),
});
export type Mention = z.infer<typeof MentionSchema>;

export const EntitySchema = z.object({
  id: z.string(),
  kind: EntityKindSchema,
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  parent: z.string().optional(),
  parentRelation: z.string().optional(),
  countries: z.array(z.string()).optional(),
  geo: GeoSchema.optional(),
  externalIds: z.record(z.string(), z.string()).optional(),
  mentions: z.array(SpanSchema).default([]),
});
export type Entity = z.infer<typeof EntitySchema>;
