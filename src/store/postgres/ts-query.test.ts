import { describe, expect, it } from "vitest";
import { SEARCH_CONFIG, toTsQuery } from "./ts-query.js";

describe("toTsQuery", () => {
  it("makes each word or quoted phrase a phrase query and ANDs them", () => {
    expect(toTsQuery('ISIS-K "military base"')).toEqual({
      sql: `(phraseto_tsquery('${SEARCH_CONFIG}', ?) && phraseto_tsquery('${SEARCH_CONFIG}', ?))`,
      params: ["ISIS-K", "military base"],
    });
  });

  it("quotes a prefix word as a tsquery literal", () => {
    expect(toTsQuery("Mogad*")).toEqual({ sql: `to_tsquery('${SEARCH_CONFIG}', ?)`, params: ["'Mogad':*"] });
    expect(toTsQuery("al-Shabaab's*")?.params).toEqual(["'al-Shabaab''s':*"]);
    expect(toTsQuery("a\\b*")?.params).toEqual(["'a\\\\b':*"]);
  });

  it("passes user text only as parameters", () => {
    const q = toTsQuery("x') || pg_sleep(10) --");
    expect(q?.sql).not.toContain("pg_sleep");
  });

  it("has nothing to search for without letters or digits", () => {
    expect(toTsQuery('( ) * - "" ^')).toBeUndefined();
    expect(toTsQuery("")).toBeUndefined();
  });
});
