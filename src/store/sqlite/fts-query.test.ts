import { describe, expect, it } from "vitest";
import { toFtsQuery } from "./fts-query.js";

describe("toFtsQuery", () => {
  it("quotes every word so punctuation cannot break the FTS5 syntax", () => {
    expect(toFtsQuery("ISIS-K attack")).toBe('"ISIS-K" "attack"');
    expect(toFtsQuery("al-Shabaab's")).toBe(`"al-Shabaab's"`);
    expect(toFtsQuery('say "hi')).toBe('"say" """hi"');
  });

  it("keeps quoted phrases and trailing-star prefixes", () => {
    expect(toFtsQuery('"Islamic State" Khora*')).toBe('"Islamic State" "Khora"*');
  });

  it("drops terms without letters or digits", () => {
    expect(toFtsQuery('( ) * - "" ^')).toBe("");
    expect(toFtsQuery("")).toBe("");
  });
});
