import { describe, expect, it } from "vitest";
import { maxAssignment } from "./assignment.js";

describe("maxAssignment (Kuhn–Munkres, maximising)", () => {
  it("assigns each row and column at most once", () => {
    expect(
      maxAssignment([
        [1, 0],
        [1, 0],
      ]).total,
    ).toBe(1);
    expect(
      maxAssignment([
        [1, 1],
        [1, 0],
      ]),
    ).toEqual({
      pairs: [
        [0, 1],
        [1, 0],
      ],
      total: 2,
    });
  });
  it("prefers the global optimum to the greedy choice", () => {
    // greedy takes (0,0)=3 then (1,1)=0; the optimum is (0,1)+(1,0) = 2+2
    expect(
      maxAssignment([
        [3, 2],
        [2, 0],
      ]).total,
    ).toBe(4);
  });
  it("handles rectangular matrices in both orientations and empty ones", () => {
    expect(maxAssignment([[0, 1, 0]]).pairs).toEqual([[0, 1]]);
    expect(maxAssignment([[0], [1], [0.5]])).toEqual({ pairs: [[1, 0]], total: 1 });
    expect(maxAssignment([])).toEqual({ pairs: [], total: 0 });
    expect(maxAssignment([[], []])).toEqual({ pairs: [], total: 0 });
  });
  it("matches brute force on a 4x5 matrix", () => {
    const m = [
      [0.2, 0.9, 0.1, 0.4, 0.3],
      [0.8, 0.7, 0.6, 0.1, 0.0],
      [0.5, 0.9, 0.2, 0.3, 0.9],
      [0.1, 0.2, 0.3, 0.4, 0.5],
    ];
    let best = 0;
    const perm = (row: number, used: Set<number>, acc: number) => {
      if (row === m.length) {
        best = Math.max(best, acc);
        return;
      }
      for (let c = 0; c < 5; c++) if (!used.has(c)) perm(row + 1, new Set([...used, c]), acc + m[row][c]);
    };
    perm(0, new Set(), 0);
    expect(maxAssignment(m).total).toBeCloseTo(best, 10);
  });
});
