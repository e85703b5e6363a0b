import { describe, expect, it } from "vitest";
import { normalizeString } from "./normalize.js";

describe("normalizeString (GRIT/GTT normalize_string)", () => {
  it("lower-cases, drops punctuation and articles, collapses spaces", () => {
    expect(normalizeString("The  FMLN's Urban Commandos")).toBe("fmlns urban commandos");
    expect(normalizeString('"Santo Tomas" presidential farm')).toBe("santo tomas presidential farm");
    expect(normalizeString("a car bomb and an explosive")).toBe("car bomb and explosive");
  });
  it("removes punctuation before articles, so hyphenated words are joined first", () => {
    expect(normalizeString("an-der")).toBe("ander");
    expect(normalizeString("a.k.a. the man")).toBe("aka man");
    expect(normalizeString("81-mm mortars")).toBe("81mm mortars");
  });
  it("keeps words that merely contain an article", () => {
    expect(normalizeString("theatre anthem")).toBe("theatre anthem");
    expect(normalizeString("the")).toBe("");
  });
  it("treats non-ASCII letters as word characters, as Python's Unicode regex does", () => {
    expect(normalizeString("éa the")).toBe("éa");
  });
});
