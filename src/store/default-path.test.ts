import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDbPath } from "./default-path.js";

describe("defaultDbPath", () => {
  it("uses ./.sitrep/sitrep.db under the working directory by default", () => {
    expect(defaultDbPath({}, "/work/project")).toBe(join("/work/project", ".sitrep", "sitrep.db"));
  });

  it("prefers $SITREP_DB, resolved against the working directory", () => {
    expect(defaultDbPath({ SITREP_DB: "/data/intel.db" }, "/work/project")).toBe("/data/intel.db");
    expect(defaultDbPath({ SITREP_DB: "db/intel.db" }, "/work/project")).toBe("/work/project/db/intel.db");
    expect(defaultDbPath({ SITREP_DB: ":memory:" }, "/work/project")).toBe(":memory:");
  });

  it("ignores an empty $SITREP_DB", () => {
    expect(defaultDbPath({ SITREP_DB: "  " }, "/w")).toBe(join("/w", ".sitrep", "sitrep.db"));
  });
});
