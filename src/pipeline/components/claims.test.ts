import { describe, expect, it } from "vitest";
import { handDoc } from "../../../test/support/hand-doc.js";
import { ClaimExtractor } from "./claims.js";

const extractor = new ClaimExtractor();

function claimsOf(doc: ReturnType<typeof handDoc>, property: string) {
  return doc.claims.filter((c) => c.property === property);
}

describe("claims.v1", () => {
  const seedLike = handDoc(
    "ISIS-K poses a threat. Established nine years ago as an autonomous province of the Islamic State, ISIS-K has proven resilient. " +
      "With a reported strength of 4,000 to 6,000 fighters, the group has demonstrated its capability to launch attacks not only in Afghanistan but also in neighboring countries like Pakistan, Iran, and central Asia. " +
      "Despite efforts by the Taliban and the United States to eliminate ISIS-K from its safe havens, the group continues to adapt. " +
      "The threat of ISIS-K extends beyond South Asia, with ambitions to target Russia, Western Europe, and the United States. " +
      "While the threat in Europe has been described as “naïve and embryonic,” experts caution against underestimating it.",
    {
      published: "2024-03-29",
      mentions: [
        { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
        { text: "Islamic State", kind: "armed_group", id: "islamic-state" },
        { text: "ISIS-K", nth: 1, kind: "armed_group", id: "isis-k" },
        { text: "Afghanistan", kind: "state", id: "country:AF", precision: "country" },
        { text: "Pakistan", kind: "state", id: "country:PK", precision: "country" },
        { text: "Iran", kind: "state", id: "country:IR", precision: "country" },
        { text: "central Asia", kind: "place", id: "region:central-asia", precision: "region" },
        { text: "Taliban", kind: "armed_group", id: "taliban" },
        { text: "United States", kind: "state", id: "country:US", precision: "country" },
        { text: "ISIS-K", nth: 2, kind: "armed_group", id: "isis-k" },
        { text: "ISIS-K", nth: 3, kind: "armed_group", id: "isis-k" },
        { text: "South Asia", kind: "place", id: "region:south-asia", precision: "region" },
        { text: "Russia", kind: "state", id: "country:RU", precision: "country" },
        { text: "Western Europe", kind: "place", id: "region:western-europe", precision: "region" },
        { text: "United States", nth: 1, kind: "state", id: "country:US", precision: "country" },
        { text: "Europe", nth: 1, kind: "place", id: "region:europe", precision: "region" },
      ],
      dates: [{ text: "nine years ago", value: "2015", precision: "year", relative: true, resolved: true }],
      quantities: [{ text: "4,000 to 6,000", min: 4000, max: 6000, approx: "range", unit: "fighter" }],
    },
  );
  extractor.process(seedLike);

  it("reads a strength estimate as a range with unit and stance", () => {
    const [c] = claimsOf(seedLike, "strength");
    expect(c).toMatchObject({ subject: "isis-k", value: "4000-6000", stance: "reported" });
    expect(c.qualifiers).toMatchObject({ min: 4000, max: 6000, unit: "fighters" });
    expect(c.evidence[0].text).toBe("4,000 to 6,000 fighters");
  });

  it("reads founding and parent, choosing the main-clause group as subject", () => {
    expect(claimsOf(seedLike, "founded")[0]).toMatchObject({ subject: "isis-k", value: "2015" });
    expect(claimsOf(seedLike, "parent")[0]).toMatchObject({
      subject: "isis-k",
      object: "islamic-state",
      qualifiers: { relation: "province" },
    });
  });

  it("reads areas of operation from where the group launches attacks", () => {
    expect(claimsOf(seedLike, "area_of_operation").map((c) => c.object)).toEqual([
      "country:AF",
      "country:PK",
      "country:IR",
      "region:central-asia",
    ]);
  });

  it("reads adversaries from efforts against the group", () => {
    const adv = claimsOf(seedLike, "adversary");
    const pairs = adv.map((c) => [c.subject, c.object]);
    expect(pairs).toContainEqual(["isis-k", "taliban"]);
    expect(pairs).toContainEqual(["isis-k", "country:US"]);
    expect(pairs).toContainEqual(["taliban", "isis-k"]);
    expect(pairs.filter(([s]) => s === "country:US")).toEqual([]);
  });

  it("reads stated targets but not regions the threat merely extends beyond", () => {
    const targets = claimsOf(seedLike, "intended_target").map((c) => c.object);
    expect(targets).toEqual(["country:RU", "region:western-europe", "country:US"]);
  });

  it("reads a quoted assessment without inventing a holder", () => {
    const [a] = claimsOf(seedLike, "assessment");
    expect(a.value).toBe("naïve and embryonic");
    expect(a.heldBy).toBeUndefined();
    expect(a.qualifiers?.topic).toContain("threat in Europe");
  });

  it("keeps every evidence span exact", () => {
    for (const c of seedLike.claims)
      for (const e of c.evidence) expect(seedLike.text.slice(e.start, e.end)).toBe(e.text);
  });

  it("leaves founding unresolved without a publication date", () => {
    const doc = handDoc("Established nine years ago, ISIS-K has proven resilient.", {
      mentions: [{ text: "ISIS-K", kind: "armed_group", id: "isis-k" }],
      dates: [{ text: "nine years ago", precision: "year", relative: true, resolved: false }],
    });
    extractor.process(doc);
    expect(claimsOf(doc, "founded")[0]).toMatchObject({
      value: "nine years ago",
      qualifiers: { resolved: false },
    });
  });
});

describe("claims.v1 strength, negative cases", () => {
  it("does not read casualty counts of other parties as the group's strength", () => {
    const doc = handDoc(
      "ISIS-K claimed the bombing, which killed about 170 Afghans and 13 US service members.",
      {
        mentions: [{ text: "ISIS-K", kind: "armed_group", id: "isis-k" }],
        quantities: [
          { text: "about 170 Afghans", min: 170, max: 170, approx: "about", unit: "afghan" },
          { text: "13 US service members", min: 13, max: 13, approx: "exact", unit: "member" },
        ],
      },
    );
    new ClaimExtractor().process(doc);
    expect(doc.claims.filter((c) => c.property === "strength")).toEqual([]);
  });
});
