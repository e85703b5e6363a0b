import { createActorGazetteer } from "./components/actor-gazetteer.js";
import { createClaimExtractor } from "./components/claims.js";
import { createDateExtractor } from "./components/dates.js";
import { createEventRoleTagger } from "./components/event-roles.js";
import { createEventExtractor } from "./components/events.js";
import { createNamedEvents } from "./components/named-events.js";
import { createNerMentions } from "./components/ner-mentions.js";
import { createNerTagger } from "./components/ner-tagger.js";
import { createPlaceGazetteer } from "./components/place-gazetteer.js";
import { createQuantityExtractor } from "./components/quantities.js";
import { createStateForces } from "./components/state-forces.js";
import { createTokenizer, Tokenizer } from "./components/tokenizer.js";
import { type PipelineConfig, PipelineConfigSchema } from "./config.js";
import { Pipeline } from "./pipeline.js";
import { Registry } from "./registry.js";

/** A registry holding every built-in component under its versioned name. */
export function createDefaultRegistry(): Registry {
  // One tokenizer compiles every gazetteer's keys (one wink model in memory, not three); it is
  // owned by this registry instance, not the module.
  let keyTokenizer: Tokenizer | undefined;
  const keys = () => {
    keyTokenizer ??= new Tokenizer();
    return keyTokenizer;
  };
  return new Registry()
    .register("text.tokenizer.v1", (o) => createTokenizer(o))
    .register("actors.gazetteer.v1", (o) => createActorGazetteer({ tokenizer: keys(), ...o }))
    .register("places.gazetteer.v1", (o) => createPlaceGazetteer({ tokenizer: keys(), ...o }))
    .register("named-events.v1", () => createNamedEvents())
    .register("ner.perceptron.v1", (o) => createNerTagger(o))
    .register("ner.mentions.v1", () => createNerMentions())
    .register("actors.forces.v1", () => createStateForces())
    .register("dates.v1", (o) => createDateExtractor(o))
    .register("quantities.v1", (o) => createQuantityExtractor(o))
    .register("event-roles.v1", (o) => createEventRoleTagger(o))
    .register("events.v1", () => createEventExtractor())
    .register("claims.v1", () => createClaimExtractor());
}

/** Validates a config and builds its pipeline; a missing layer fails here, not mid-corpus. */
export function buildPipeline(config: unknown, registry: Registry = createDefaultRegistry()): Pipeline {
  const cfg: PipelineConfig = PipelineConfigSchema.parse(config);
  return new Pipeline(
    cfg.components.map((c) => registry.create(c.name, c.options)),
    { onError: cfg.onError },
  );
}
