import { describe, expect, it } from "vitest";
import { fnv1a64, makeId, slugify } from "./ids.js";

describe("ids", () => {
  it("are deterministic and differ when any part differs", () => {
    expect(makeId("event", "doc:1", 10, "attack")).toBe(makeId("event", "doc:1", 10, "attack"));
    expect(makeId("event", "doc:1", 10, "attack")).not.toBe(makeId("event", "doc:1", 11, "attack"));
    expect(makeId("event", "a", "bc")).not.toBe(makeId("event", "ab", "c"));
    expect(fnv1a64("x")).toMatch(/^[0-9a-f]{16}$/);
  });
  it("slugify folds accents and punctuation", () => {
    expect(slugify("Farabundo Martí National Liberation Front")).toBe(
      "farabundo-marti-national-liberation-front",
    );
    expect(slugify("  ISIS-K’s  ")).toBe("isis-k-s");
  });
});
