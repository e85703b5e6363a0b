import { describe, expect, it } from "vitest";
import { scoreActorResolution } from "./scorer.js";

const parents: Record<string, string> = { "isis-k": "islamic-state", "is-sahel": "islamic-state" };
const parentOf = (id: string) => parents[id];

describe("scoreActorResolution", () => {
  it("counts own, parent, child, sibling, other and unresolved outcomes", () => {
    const s = scoreActorResolution(
      [
        { expected: "isis-k", alias: "ISKP", resolved: "isis-k" },
        { expected: "isis-k", alias: "ISIS", resolved: "islamic-state" },
        { expected: "islamic-state", alias: "IS-K", resolved: "isis-k" },
        { expected: "isis-k", alias: "ISGS", resolved: "is-sahel" },
        { expected: "isis-k", alias: "FARC", resolved: "farc" },
        { expected: "isis-k", alias: "Wilayat Khurasan" },
      ],
      parentOf,
    );
    expect(s.outcomes).toEqual({ own: 1, parent: 1, child: 1, sibling: 1, other: 1, unresolved: 1 });
    expect(s.precision).toBeCloseTo(1 / 5);
    expect(s.recall).toBeCloseTo(1 / 6);
    expect(s.familyErrors.map((c) => c.alias)).toEqual(["ISIS", "IS-K", "ISGS"]);
  });
});
