import { describe, expect, it } from "vitest";
import { parseSearchTerms } from "./search-terms.js";

describe("parseSearchTerms", () => {
  it("splits words and keeps quoted phrases whole", () => {
    expect(parseSearchTerms('ISIS-K "Islamic State" al-Shabaab\'s')).toEqual([
      { text: "ISIS-K", prefix: false },
      { text: "Islamic State", prefix: false },
      { text: "al-Shabaab's", prefix: false },
    ]);
  });

  it("turns a trailing star into a prefix search", () => {
    expect(parseSearchTerms("Mogad** Kabul")).toEqual([
      { text: "Mogad", prefix: true },
      { text: "Kabul", prefix: false },
    ]);
  });

  it("drops terms without a letter or digit, including a lone star", () => {
    expect(parseSearchTerms('( ) * - "" ^ "')).toEqual([]);
    expect(parseSearchTerms("   ")).toEqual([]);
  });

  it("reads an unbalanced quote as part of a word", () => {
    expect(parseSearchTerms('say "hi')).toEqual([
      { text: "say", prefix: false },
      { text: '"hi', prefix: false },
    ]);
  });
});
