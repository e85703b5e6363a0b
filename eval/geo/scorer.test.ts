import { describe, expect, it } from "vitest";
import {
  aggregateGeo,
  distanceKm,
  errorAuc,
  MAX_ERROR_KM,
  type ScoredGold,
  scoreGeo,
  scoreGeoArticle,
} from "./scorer.js";

describe("distanceKm", () => {
  it("gives great-circle distances", () => {
    // one degree of longitude on the equator = 2πR/360 with R = 6371.0088 km
    expect(distanceKm(0, 0, 0, 1)).toBeCloseTo((2 * Math.PI * 6371.0088) / 360, 6);
    expect(distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeCloseTo(343.56, 1); // London–Paris
    expect(distanceKm(10, 20, 10, 20)).toBe(0);
  });
});

describe("errorAuc", () => {
  it("integrates the sorted ln(1+error) curve over [0,1], normalised by ln(20039)", () => {
    // sorted logs 0, ln 162, ln 20040: trapezoids (0 + ln162)/2 + (ln162 + ln20040)/2 over 2 steps
    const expected = ((0 + Math.log(162)) / 2 + (Math.log(162) + Math.log(20040)) / 2) / 2 / Math.log(20039);
    expect(errorAuc([20039, 0, 161])).toBeCloseTo(expected, 12);
    expect(errorAuc([20039, 0, 161])).toBeCloseTo(0.5068, 3);
    expect(errorAuc([0, 0])).toBe(0);
    expect(errorAuc([MAX_ERROR_KM])).toBeCloseTo(Math.log(20040) / Math.log(20039), 12);
    expect(errorAuc([])).toBe(0);
  });
});

const g = (start: number, text: string, lat?: number, lon?: number): ScoredGold => ({
  start,
  end: start + text.length,
  text,
  ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
  gold: lat !== undefined,
});

describe("scoreGeoArticle", () => {
  it("matches equal strings ignoring case with midpoints under 10 characters apart, one to one", () => {
    const gold = [g(0, "Leeds", 53.8, -1.55), g(20, "Leeds", 53.8, -1.55), g(40, "York", 53.96, -1.08)];
    const preds = [
      { start: 1, end: 6, text: "LEEDS", lat: 53.8, lon: -1.55 }, // midpoint 1 away from gold 1
      { start: 9, end: 14, text: "Leeds", lat: 53.8, lon: -1.55 }, // 9 from gold 1 (taken), 11 from gold 2
      { start: 40, end: 48, text: "New York", lat: 40.7, lon: -74 }, // other string
    ];
    const r = scoreGeoArticle(gold, preds);
    expect(r.matches.map((m) => m.gold.start)).toEqual([0]);
    expect(r.missed.map((m) => m.start)).toEqual([20, 40]);
    expect(r.spurious.map((p) => p.start)).toEqual([9, 40]);
  });

  it("pairs nearest midpoints first", () => {
    const gold = [g(0, "Bath", 51.38, -2.36), g(8, "Bath", 51.38, -2.36)];
    const preds = [{ start: 7, end: 11, text: "Bath", lat: 0, lon: 0 }];
    const r = scoreGeoArticle(gold, preds);
    expect(r.matches[0].gold.start).toBe(8);
  });

  it("does not count annotations without coordinates as gold; predictions on them are ignorable", () => {
    const gold = [g(0, "Main Street"), g(20, "Leeds", 53.8, -1.55)];
    const preds = [
      { start: 0, end: 11, text: "Main Street", lat: 1, lon: 1 },
      { start: 20, end: 25, text: "Leeds", lat: 53.8, lon: -1.55 },
    ];
    const r = scoreGeoArticle(gold, preds);
    expect(r.matches).toHaveLength(1);
    expect(r.missed).toHaveLength(0);
    expect(r.spurious.map((p) => p.text)).toEqual(["Main Street"]);
    expect(r.ignorable.map((p) => p.text)).toEqual(["Main Street"]);
  });

  it("gives the maximal error to a recognised toponym predicted without coordinates", () => {
    const r = scoreGeoArticle([g(0, "Leeds", 53.8, -1.55)], [{ start: 0, end: 5, text: "Leeds" }]);
    expect(r.matches[0].errorKm).toBe(MAX_ERROR_KM);
  });
});

describe("scoreGeo", () => {
  it("aggregates recognition and resolution over articles (hand-worked)", () => {
    // article a: 2 gold, both found; one resolved exactly, one 1 degree of longitude off (111.2 km)
    // article b: 2 gold (+1 without coordinates), 1 found 3 degrees of longitude off on the equator
    //   (333.6 km), 1 missed, 1 spurious, 1 prediction on the annotation without coordinates
    const gold = {
      a: [g(0, "Quito", 0, 10), g(10, "Macapá", 0, 20)],
      b: [g(0, "Pontianak", 0, 30), g(20, "Kampala", 0, 40), g(40, "Equator Road")],
    };
    const preds = {
      a: [
        { start: 0, end: 5, text: "quito", lat: 0, lon: 10 },
        { start: 10, end: 16, text: "Macapá", lat: 0, lon: 21 },
      ],
      b: [
        { start: 0, end: 9, text: "Pontianak", lat: 0, lon: 33 },
        { start: 60, end: 65, text: "Lagos", lat: 6, lon: 3 },
        { start: 40, end: 52, text: "Equator Road", lat: 0, lon: 0 },
      ],
      c: [{ start: 0, end: 4, text: "Oslo", lat: 60, lon: 10 }],
    };
    const s = scoreGeo(gold, preds);
    expect(s.gold).toBe(4);
    expect(s.predicted).toBe(6);
    expect(s.correct).toBe(3);
    expect(s.precision).toBeCloseTo(3 / 6, 12);
    expect(s.recall).toBeCloseTo(3 / 4, 12);
    expect(s.f1).toBeCloseTo((2 * 0.5 * 0.75) / 1.25, 12);
    expect(s.precisionLenient).toBeCloseTo(3 / 5, 12);
    const deg = distanceKm(0, 0, 0, 1);
    expect(s.acc161).toBeCloseTo(2 / 3, 12);
    expect(s.meanErrorKm).toBeCloseTo((0 + deg + distanceKm(0, 30, 0, 33)) / 3, 9);
    expect(s.medianErrorKm).toBeCloseTo(deg, 9);
    expect(s.articles.c.spurious).toHaveLength(1);
  });

  it("scores nothing predicted as zeros", () => {
    const s = aggregateGeo([]);
    expect([s.precision, s.recall, s.f1, s.acc161, s.auc]).toEqual([0, 0, 0, 0, 0]);
  });
});
