import { describe, expect, it } from "vitest";
import { credibilityToConfidence, SourceSchema } from "./source.js";

describe("Source", () => {
  it("defaults reliability to F (cannot be judged) and rejects unknown grades", () => {
    expect(SourceSchema.parse({ id: "src:wire", name: "Demo wire" }).reliability).toBe("F");
    expect(() => SourceSchema.parse({ id: "s", name: "x", reliability: "G" })).toThrow();
  });
  it("maps Admiralty credibility to STIX confidence as the standard says", () => {
    expect([1, 2, 3, 4, 5].map((c) => credibilityToConfidence(c as 1))).toEqual([90, 70, 50, 30, 10]);
    expect(credibilityToConfidence(6)).toBeUndefined();
  });
});
