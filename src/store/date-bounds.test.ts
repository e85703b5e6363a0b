import { describe, expect, it } from "vitest";
import { boundDay, dateBounds } from "./date-bounds.js";

describe("dateBounds", () => {
  it("spans the whole period of year, month and day values", () => {
    expect(dateBounds("2024")).toEqual({ start: "2024-01-01", end: "2024-12-31" });
    expect(dateBounds("2024-02")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(dateBounds("2023-02")).toEqual({ start: "2023-02-01", end: "2023-02-28" });
    expect(dateBounds("2024-03-15")).toEqual({ start: "2024-03-15", end: "2024-03-15" });
    expect(dateBounds("2024-03-15T10:00:00Z")).toEqual({ start: "2024-03-15", end: "2024-03-15" });
    expect(dateBounds("2010", "decade")).toEqual({ start: "2010-01-01", end: "2019-12-31" });
  });

  it("returns undefined for values that are not ISO dates", () => {
    expect(dateBounds("March 2024")).toBeUndefined();
    expect(boundDay("yesterday", "start")).toBeUndefined();
    expect(boundDay("2024-06", "end")).toBe("2024-06-30");
  });
});
