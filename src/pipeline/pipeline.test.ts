import { describe, expect, it } from "vitest";
import type { SitrepError } from "../core/index.js";
import { DEFAULT_PIPELINE_CONFIG } from "./config.js";
import { createDoc } from "./create-doc.js";
import { buildPipeline, createDefaultRegistry } from "./default-registry.js";
import type { AnalysisDoc } from "./doc.js";
import { type Component, Pipeline } from "./pipeline.js";

const boom: Component = {
  name: "boom.v1",
  requires: [],
  assigns: [],
  process(_doc: AnalysisDoc) {
    throw new Error("kaboom");
  },
};

describe("Pipeline", () => {
  it("refuses, when built, a component whose required layer nobody assigns", () => {
    const registry = createDefaultRegistry();
    expect(() => new Pipeline([registry.create("events.v1")])).toThrowError(/requires layer "tokens"/);
    try {
      new Pipeline([registry.create("claims.v1")]);
    } catch (e) {
      expect((e as SitrepError).code).toBe("E_PIPELINE");
    }
  });

  it("names the failing component and document, or records a warning when told to", () => {
    const doc = createDoc("text", { id: "doc:x", path: "a.txt" });
    expect(() => new Pipeline([boom]).run(doc)).toThrowError(/component "boom.v1" failed on a.txt: kaboom/);
    const warned = new Pipeline([boom], { onError: "warn" }).run(createDoc("text", {}));
    expect(warned.warnings).toEqual([{ component: "boom.v1", message: "kaboom" }]);
  });

  it("validates the config and rejects unknown components", () => {
    expect(() => buildPipeline({ components: [] })).toThrow();
    expect(() => buildPipeline({ components: [{ name: "nope.v9" }] })).toThrowError(
      /unknown component "nope.v9"/,
    );
    expect(() => buildPipeline({ components: [{ name: "text.tokenizer.v1", extra: 1 }] })).toThrow();
  });

  it("registers every component of the default config under a versioned name", () => {
    const names = createDefaultRegistry().names;
    for (const c of DEFAULT_PIPELINE_CONFIG.components) expect(names).toContain(c.name);
    for (const n of names) expect(n).toMatch(/\.v\d+$/);
  });
});
