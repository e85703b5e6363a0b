import { z } from "zod";

/**
 * The pipeline configuration: which registered components run, in order, with what options.
 * Validated when the pipeline is built; the default is below and in docs/pipeline.md.
 */
export const PipelineConfigSchema = z
  .object({
    components: z
      .array(
        z
          .object({
            name: z.string().min(1),
            options: z.record(z.string(), z.unknown()).default({}),
          })
          .strict(),
      )
      .min(1),
    onError: z.enum(["raise", "warn"]).default("raise"),
  })
  .strict();
export type PipelineConfig = z.infer<typeof PipelineConfigSchema>;

export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = {
  components: [
    // sentences and tokens (wink-nlp); `pos: true` adds POS tags (2x slower; target phrases are bounded by stop words without them)
    { name: "text.tokenizer.v1", options: { pos: false } },
    // armed groups, agencies, international organisations: run before places so names win
    { name: "actors.gazetteer.v1", options: {} },
    // countries, demonyms, regions, cities (GeoNames), governments
    { name: "places.gazetteer.v1", options: {} },
    // "Paris Olympics", "Crocus City Hall"
    { name: "named-events.v1", options: {} },
    // people and organisations the gazetteers do not list (averaged perceptron, CoNLL-2003)
    { name: "ner.perceptron.v1", options: {} },
    // its people and organisations become mentions where no gazetteer name overlaps
    { name: "ner.mentions.v1", options: {} },
    // absolute and relative dates against the publication date
    { name: "dates.v1", options: {} },
    // ranges and approximations with units
    { name: "quantities.v1", options: {} },
    // perpetrators, targets, victims and weapons of incidents (averaged perceptron, MUC-4 train)
    { name: "event-roles.v1", options: {} },
    // state forces ("the army", "the national police", "honduran army troops") as actors of one
    // country; after the role tagger, whose features were trained without them
    { name: "actors.forces.v1", options: {} },
    { name: "events.v1", options: {} },
    { name: "claims.v1", options: {} },
  ],
  onError: "raise",
};
