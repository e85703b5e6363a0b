import { describe, expect, it } from "vitest";
import { createDoc } from "../create-doc.js";
import type { AnalysisDoc } from "../doc.js";
import { DateExtractor } from "./dates.js";
import {
  createQuantityExtractor,
  type QuantityDetail,
  QuantityExtractor,
  singularize,
} from "./quantities.js";
import { Tokenizer } from "./tokenizer.js";

const tokenizer = new Tokenizer();
const extractor = new QuantityExtractor();

function run(text: string): AnalysisDoc {
  const doc = createDoc(text, {});
  tokenizer.process(doc);
  extractor.process(doc);
  for (const q of doc.quantities) expect(doc.text.slice(q.start, q.end)).toBe(q.text);
  return doc;
}

function qs(text: string): QuantityDetail[] {
  return run(text).quantities as QuantityDetail[];
}

function one(text: string): QuantityDetail {
  const all = qs(text);
  expect(all, `quantities in ${JSON.stringify(text)}: ${JSON.stringify(all)}`).toHaveLength(1);
  return all[0];
}

describe("QuantityExtractor — seed sentence", () => {
  it("reads '4,000 to 6,000 fighters' as a range of fighters", () => {
    const text = "With a reported strength of 4,000 to 6,000 fighters";
    expect(one(text)).toEqual({
      start: 28,
      end: 51,
      text: "4,000 to 6,000 fighters",
      min: 4000,
      max: 6000,
      approx: "range",
      unit: "fighter",
    });
  });

  it("finds no quantity in 'Established nine years ago ...'", () => {
    expect(qs("Established nine years ago as an autonomous province of the Islamic State")).toEqual([]);
  });
});

describe("QuantityExtractor — ranges and qualifiers", () => {
  const cases: [string, Partial<QuantityDetail>][] = [
    [
      "between 4,000 and 6,000 members",
      { text: "between 4,000 and 6,000 members", min: 4000, max: 6000, approx: "range", unit: "member" },
    ],
    [
      "a force of 4,000-6,000 fighters",
      { text: "4,000-6,000 fighters", min: 4000, max: 6000, approx: "range", unit: "fighter" },
    ],
    [
      "a force of 4,000 – 6,000 fighters",
      { text: "4,000 – 6,000 fighters", min: 4000, max: 6000, approx: "range" },
    ],
    ["two or three people", { min: 2, max: 3, approx: "range", unit: "people" }],
    ["4 to 5 million people", { min: 4_000_000, max: 5_000_000, approx: "range", unit: "people" }],
    [
      "at least 137 killed",
      { text: "at least 137 killed", min: 137, approx: "at-least", unit: "killed", effect: "killed" },
    ],
    ["more than 140", { text: "more than 140", min: 140, approx: "more-than" }],
    ["well over 100 civilians", { min: 100, approx: "more-than", unit: "civilian" }],
    ["fewer than 20 soldiers", { max: 20, approx: "fewer-than", unit: "soldier" }],
    ["no more than 30 fighters", { max: 30, approx: "at-most", unit: "fighter" }],
    ["up to 200 militants", { max: 200, approx: "up-to", unit: "militant" }],
    ["as many as 200 militants", { max: 200, approx: "up-to", unit: "militant" }],
    ["nearly 200 wounded", { min: 200, max: 200, approx: "about", unit: "wounded", effect: "wounded" }],
    [
      "some 3,000 troops",
      { text: "some 3,000 troops", min: 3000, max: 3000, approx: "about", unit: "troop" },
    ],
    ["about 50 hostages", { min: 50, max: 50, approx: "about", unit: "hostage", effect: "hostages" }],
    [
      "an estimated 1,500 ISIS-K fighters",
      { text: "an estimated 1,500 ISIS-K fighters", min: 1500, approx: "about", unit: "fighter" },
    ],
    ["200+ people", { text: "200+ people", min: 200, approx: "at-least", unit: "people" }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      expect(one(text)).toMatchObject(expected);
    });
  }
});

describe("QuantityExtractor — vague counts and spelled-out numbers", () => {
  const cases: [string, Partial<QuantityDetail>][] = [
    [
      "dozens of civilians",
      { text: "dozens of civilians", min: 24, max: 99, approx: "about", vague: true, unit: "civilian" },
    ],
    [
      "hundreds were wounded",
      { text: "hundreds", min: 200, max: 999, approx: "about", vague: true, effect: "wounded" },
    ],
    ["thousands of refugees", { min: 2000, max: 9999, approx: "about", unit: "refugee" }],
    ["tens of thousands of people", { min: 20_000, max: 99_999, approx: "about", unit: "people" }],
    ["hundreds of thousands of spectators", { min: 200_000, max: 999_999, unit: "spectator" }],
    ["several hundred fighters", { min: 300, max: 900, approx: "about", unit: "fighter" }],
    ["a few thousand supporters", { min: 2000, max: 5000, approx: "about", unit: "supporter" }],
    ["a dozen villagers", { min: 12, max: 12, approx: "about", unit: "villager" }],
    ["nine men", { min: 9, max: 9, approx: "exact", unit: "man" }],
    ["twenty-two soldiers", { text: "twenty-two soldiers", min: 22, max: 22, unit: "soldier" }],
    ["TWENTY-TWO SOLDIERS", { min: 22, unit: "soldier" }],
    ["two thousand troops", { min: 2000, max: 2000, unit: "troop" }],
    ["one hundred and fifty-six hostages", { min: 156, unit: "hostage", effect: "hostages" }],
    ["1.5 million people", { min: 1_500_000, max: 1_500_000, unit: "people" }],
    ["one soldier was killed", { min: 1, unit: "soldier", effect: "killed" }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      expect(one(text)).toMatchObject(expected);
    });
  }
});

describe("QuantityExtractor — units and effects", () => {
  it("at least 137 people were killed", () => {
    expect(one("At least 137 people were killed.")).toMatchObject({
      text: "At least 137 people",
      min: 137,
      approx: "at-least",
      unit: "people",
      effect: "killed",
    });
  });

  it("works in upper case", () => {
    expect(one("AT LEAST 137 PEOPLE WERE KILLED")).toMatchObject({
      text: "AT LEAST 137 PEOPLE",
      unit: "people",
      effect: "killed",
    });
  });

  it("takes the effect from the verb before the number", () => {
    const all = qs("The attack killed at least 137 people and injured more than 100.");
    expect(all.map((q) => [q.text, q.effect])).toEqual([
      ["at least 137 people", "killed"],
      ["more than 100", "injured"],
    ]);
  });

  it("takes the effect from a passive participle after the noun, not an active verb", () => {
    expect(one("Two people, including the governor, were killed.")).toMatchObject({ effect: "killed" });
    expect(one("Five may have died.")).toMatchObject({ effect: "killed" });
    expect(one("About 4,000 fighters have killed civilians.").effect).toBeUndefined();
    expect(one("Gunmen shot 5 soldiers and killed civilians.").effect).toBeUndefined();
  });

  it("reads death tolls", () => {
    expect(one("The death toll from the attack rose to 143 on Sunday.")).toMatchObject({
      min: 143,
      effect: "killed",
    });
    expect(one("The toll rose to 62 as more of the wounded died.")).toMatchObject({
      min: 62,
      effect: "killed",
    });
  });

  it("reads arrests and hostages", () => {
    expect(one("Police arrested 11 people.")).toMatchObject({ unit: "people", effect: "arrested" });
    expect(one("Gunmen kidnapped 20 students.")).toMatchObject({ unit: "student", effect: "hostages" });
  });

  it("skips proper adjectives and modifiers to find the counted noun", () => {
    expect(one("140 Ukrainian soldiers")).toMatchObject({ unit: "soldier", text: "140 Ukrainian soldiers" });
    expect(one("20 Americans were killed")).toMatchObject({ unit: "american", effect: "killed" });
    expect(one("3 car bombs exploded")).toMatchObject({ unit: "bomb" });
    expect(one("two deputy prime ministers")).toMatchObject({ unit: "minister" });
    expect(one("four suspected gunmen")).toMatchObject({ unit: "gunman" });
    expect(one("tens of thousands of police officers")).toMatchObject({ unit: "officer" });
  });

  it("reads percentages, money and strength", () => {
    expect(one("Turnout was 45% in the province.")).toMatchObject({ text: "45%", min: 45, unit: "percent" });
    expect(one("It paid 50 per cent of the cost.")).toMatchObject({ min: 50, unit: "percent" });
    expect(one("The group raised $5 million.")).toMatchObject({
      text: "$5 million",
      min: 5_000_000,
      unit: "dollar",
    });
    expect(one("The group raised more than $5m.")).toMatchObject({
      min: 5_000_000,
      approx: "more-than",
      unit: "dollar",
    });
    expect(one("a 2,000-strong force")).toMatchObject({
      text: "2,000-strong force",
      min: 2000,
      unit: "force",
    });
  });
});

describe("QuantityExtractor — not quantities", () => {
  const none = [
    "The group was founded in 2015.",
    "It has grown since 2015 and by 2019 controlled the valley.",
    "The 2015 attacks changed everything.",
    "The group was active from 2014 to 2017.",
    "The group was active between 2014 and 2017.",
    "The insurgency of 2014-2017 ended.",
    "Gunmen attacked on 22 March 2024.",
    "Gunmen attacked on March 22, 2024.",
    "SAN SALVADOR, 3 JAN 90 -- THE FMLN ATTACKED.",
    "The meeting began at 10:30.",
    "The bomb went off at 6 pm.",
    "The bomb went off at 6.",
    "The first attack came in the morning.",
    "One of the attackers fled.",
    "No one claimed the attack.",
    "A 25-year-old man was arrested.",
    "UN Resolution 2254 calls for a ceasefire.",
    "He carried AK-47 rifles.",
    "The men, aged 30 and 23, were detained.",
    "It happened nine years ago.",
    "It happened two weeks ago.",
  ];
  for (const text of none) {
    it(JSON.stringify(text), () => {
      expect(qs(text)).toEqual([]);
    });
  }

  it("counts a year-like number when it clearly counts something", () => {
    expect(one("2015 people attended the rally.")).toMatchObject({ min: 2015, unit: "people" });
    expect(one("Some 2015 fighters joined.")).toMatchObject({ min: 2015, approx: "about" });
  });

  it("tells counts from years by what follows", () => {
    expect(one("a force of 2000 fighters")).toMatchObject({ min: 2000, unit: "fighter" });
    expect(one("between 2000 and 3000 fighters")).toMatchObject({ min: 2000, max: 3000, approx: "range" });
    expect(qs("The attacks of 2015 changed the group.")).toEqual([]);
    expect(qs("It began around 2015.")).toEqual([]);
    expect(qs("It began circa 2015.")).toEqual([]);
  });

  it("keeps a comparative on vague counts", () => {
    expect(one("more than a dozen people")).toMatchObject({ min: 12, approx: "more-than", vague: true });
    expect(one("more than a dozen people").max).toBeUndefined();
  });

  it("drops quantities inside dates found by the date component", () => {
    const doc = createDoc("Four years ago 12 people died.", { published: "2024-03-29" });
    tokenizer.process(doc);
    new DateExtractor().process(doc);
    extractor.process(doc);
    expect(doc.dates.map((d) => d.text)).toEqual(["Four years ago"]);
    expect(doc.quantities.map((q) => q.text)).toEqual(["12 people"]);
  });

  it("keeps exact offsets in a longer text", () => {
    const text =
      "MOSCOW — Gunmen killed at least 137 people at the Crocus City Hall on 22 March 2024.\n\n" +
      "Officials said 11 people had been detained, including four suspected gunmen, and that dozens of the wounded remained in hospital.";
    const all = qs(text);
    expect(all.map((q) => [q.text, q.min, q.effect])).toEqual([
      ["at least 137 people", 137, "killed"],
      ["11 people", 11, "arrested"],
      ["four suspected gunmen", 4, undefined],
      ["dozens of the wounded", 24, "wounded"],
    ]);
    for (const q of all) expect(text.slice(q.start, q.end)).toBe(q.text);
  });
});

describe("singularize", () => {
  it("makes common plurals singular", () => {
    expect(singularize("fighters")).toBe("fighter");
    expect(singularize("casualties")).toBe("casualty");
    expect(singularize("churches")).toBe("church");
    expect(singularize("men")).toBe("man");
    expect(singularize("people")).toBe("people");
    expect(singularize("police")).toBe("police");
    expect(singularize("lives")).toBe("life");
    expect(singularize("bus")).toBe("bus");
    expect(singularize("forces")).toBe("force");
  });
});

describe("QuantityExtractor — component contract", () => {
  it("declares its layers and is created by its factory", () => {
    const c = createQuantityExtractor({});
    expect(c.name).toBe("quantities.v1");
    expect(c.requires).toEqual(["tokens", "sentences"]);
    expect(c.assigns).toEqual(["quantities"]);
  });

  it("handles an empty document", () => {
    const doc = createDoc("", {});
    tokenizer.process(doc);
    extractor.process(doc);
    expect(doc.quantities).toEqual([]);
  });

  it("logs throughput on ~100k words", () => {
    const base = [
      "Gunmen stormed the concert hall on 22 March 2024, killing at least 137 people and wounding more than 100.",
      "The branch was established nine years ago and has 4,000 to 6,000 fighters.",
      "Officials said on Friday that the suspects had travelled through Turkey last month.",
      "Security forces arrested dozens of people in raids across the region, the ministry said.",
      "A spokesman declined to comment on the reports, citing an ongoing investigation.",
      "Survivors described hearing gunfire before the building caught fire and the roof collapsed.",
    ];
    const parts: string[] = [];
    let words = 0;
    for (let i = 0; words < 100_000; i++) {
      const s = base[i % base.length];
      parts.push(s);
      words += s.split(/\s+/).length;
    }
    const doc = createDoc(parts.join(" "), {});
    tokenizer.process(doc);
    const t0 = performance.now();
    extractor.process(doc);
    const ms = performance.now() - t0;
    console.log(
      `quantities.v1: ${words} words, ${doc.quantities.length} quantities in ${ms.toFixed(0)} ms → ${Math.round((words / ms) * 1000)} words/s`,
    );
    expect(doc.quantities.length).toBeGreaterThan(0);
  });
});
