import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_CONFIG } from "../config.js";
import { createDoc } from "../create-doc.js";
import { buildPipeline } from "../default-registry.js";
import {
  allowedTag,
  decodeRoles,
  EventRoleTagger,
  eventRoleSpans,
  hasEventRoles,
  ROLE_TAGS,
  RoleFeaturizer,
  roleSpans,
} from "./event-roles.js";

const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);
const upTo = DEFAULT_PIPELINE_CONFIG.components.findIndex((c) => c.name === "event-roles.v1");
const before = buildPipeline({
  ...DEFAULT_PIPELINE_CONFIG,
  components: DEFAULT_PIPELINE_CONFIG.components.slice(0, upTo),
});

const MUC =
  "san salvador, 12 jan 90 -- urban guerrillas of the farabundo marti national liberation front (fmln) killed mayor jose antonio lopez with a car bomb in the town of apopa yesterday. the fmln also dynamited a power tower.";

describe("event-roles.v1", () => {
  it("tags perpetrators, victims, weapons and targets in lower-case wire copy, with exact offsets", () => {
    const doc = createDoc(MUC, {});
    pipeline.run(doc);
    expect(hasEventRoles(doc)).toBe(true);
    const spans = eventRoleSpans(doc);
    for (const s of spans) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    const has = (role: string, text: string) => spans.some((s) => s.role === role && s.text === text);
    expect(has("PerpOrg", "fmln")).toBe(true);
    expect(has("Victim", "jose antonio lopez")).toBe(true);
    expect(has("Weapon", "car bomb")).toBe(true);
  });

  it("tags upper-case copy the same way (caseless features)", () => {
    const doc = createDoc(MUC.toUpperCase(), {});
    pipeline.run(doc);
    const spans = eventRoleSpans(doc);
    expect(spans.some((s) => s.role === "PerpOrg" && s.text === "FMLN")).toBe(true);
    expect(spans.some((s) => s.role === "Weapon" && s.text === "CAR BOMB")).toBe(true);
  });

  it("tags nothing in a text without an incident word", () => {
    const doc = createDoc("The minister opened a new school in the capital on Tuesday.", {});
    pipeline.run(doc);
    expect(eventRoleSpans(doc)).toEqual([]);
  });

  it("decodes with its word caches exactly as the reference decoder", () => {
    const tagger = new EventRoleTagger();
    const doc = createDoc(MUC.toUpperCase(), {});
    before.run(doc);
    const fx = new RoleFeaturizer();
    const ref = decodeRoles(fx, tagger.model.weights, doc, fx.prepare(doc));
    const refSpans = roleSpans(doc, ref.tags).map((s) => `${s.role}:${s.start}`);
    // the tagger's spans (before its clean-up) come from the cached decoder
    const tagged = tagger.tag(doc).map((s) => `${s.role}:${s.start}`);
    for (const t of tagged) expect(refSpans).toContain(t);
  });

  it("reads BIO tags as spans and forbids I- after another role", () => {
    const doc = createDoc("the fmln attacked the bridge", {});
    before.run(doc);
    const tags = new Int32Array(doc.tokens.length);
    tags[1] = ROLE_TAGS.indexOf("B-PerpOrg");
    tags[4] = ROLE_TAGS.indexOf("B-Target");
    const spans = roleSpans(doc, tags);
    expect(spans.map((s) => [s.role, s.text])).toEqual([
      ["PerpOrg", "fmln"],
      ["Target", "bridge"],
    ]);
    expect(allowedTag(ROLE_TAGS.indexOf("B-PerpOrg"), ROLE_TAGS.indexOf("I-PerpOrg"))).toBe(true);
    expect(allowedTag(ROLE_TAGS.indexOf("B-Target"), ROLE_TAGS.indexOf("I-PerpOrg"))).toBe(false);
    expect(allowedTag(ROLE_TAGS.length, ROLE_TAGS.indexOf("I-Victim"))).toBe(false);
  });
});
