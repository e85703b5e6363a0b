import { describe, expect, it } from "vitest";
import { greatCircleKm } from "./geo.js";

describe("greatCircleKm", () => {
  it("measures great-circle distances", () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 0 })).toBe(0);
    // one degree of latitude is about 111.2 km
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19, 1);
    // Paris to Moscow, about 2,487 km
    expect(greatCircleKm({ lat: 48.8566, lon: 2.3522 }, { lat: 55.7558, lon: 37.6173 })).toBeCloseTo(
      2487,
      -1,
    );
  });
});
