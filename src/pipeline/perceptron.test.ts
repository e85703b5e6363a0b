import { describe, expect, it } from "vitest";
import {
  AveragedPerceptron,
  addRows,
  featureId,
  HashIndex,
  hashString,
  PackedWeights,
  pruneRows,
  seededRandom,
} from "./perceptron.js";

describe("perceptron helpers", () => {
  it("maps hashed keys to rows and misses unknown keys", () => {
    const keys = new Uint32Array([hashString("a"), hashString("b"), hashString("c")]);
    const idx = HashIndex.fromKeys(keys);
    expect(idx.get(keys[1])).toBe(1);
    expect(idx.get(hashString("zzz"))).toBe(-1);
    for (let i = 0; i < 1000; i++) idx.set(featureId(7, i), i + 3);
    expect(idx.get(featureId(7, 500))).toBe(503);
    expect(featureId(0, 0)).not.toBe(0);
  });

  it("averages weights over the updates (w − u / c)", () => {
    const p = new AveragedPerceptron(2);
    const keys = new Uint32Array([11]);
    p.update(keys, 0, 1, 1, 1); // at c = 1
    p.c++;
    p.c++; // two more examples without updates
    const avg = p.averaged();
    // weight 1 held for the examples after the update: 1 − 1/3
    expect(avg.weights[1]).toBeCloseTo(2 / 3);
    expect(avg.table.row(11)).toBe(0);
  });

  it("packs weights as int16 and scores the same up to rounding", () => {
    const keys = new Uint32Array([featureId(1, 5), featureId(1, 6), featureId(2, 9)]);
    const w = new Float32Array([0.5, -1, 0.01, 0.002, 2, 0]);
    const pr = pruneRows(keys, w, 2, 0.02);
    expect([...pr.keys]).toEqual([keys[0], keys[2]]); // the row whose largest |w| is 0.01 goes
    const { bin, scale } = PackedWeights.encode(keys, w, 2);
    const packed = new PackedWeights(bin, 3, 2, scale);
    const scores = new Float64Array(2);
    addRows(packed, keys, 0, 3, scores);
    expect(scores[0] * scale).toBeCloseTo(2.51, 3);
    expect(scores[1] * scale).toBeCloseTo(-0.998, 3);
    expect(() => new PackedWeights(bin.subarray(0, 4), 3, 2, scale)).toThrow(/bytes/);
  });

  it("draws the same numbers from the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
