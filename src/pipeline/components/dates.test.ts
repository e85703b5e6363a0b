import { describe, expect, it } from "vitest";
import { createDoc } from "../create-doc.js";
import type { AnalysisDoc } from "../doc.js";
import {
  acledTimePrecision,
  createDateExtractor,
  type DateDetail,
  DateExtractor,
  parseReference,
  parseRelative,
  resolveRelative,
} from "./dates.js";
import { Tokenizer } from "./tokenizer.js";

const tokenizer = new Tokenizer();
const extractor = new DateExtractor();

function run(text: string, published?: string): AnalysisDoc {
  const doc = createDoc(text, published ? { published } : {});
  tokenizer.process(doc);
  extractor.process(doc);
  for (const d of doc.dates) expect(doc.text.slice(d.start, d.end)).toBe(d.text);
  return doc;
}

function dates(text: string, published?: string): DateDetail[] {
  return run(text, published).dates as DateDetail[];
}

function one(text: string, published?: string): DateDetail {
  const ds = dates(text, published);
  expect(ds, `dates in ${JSON.stringify(text)}: ${JSON.stringify(ds)}`).toHaveLength(1);
  return ds[0];
}

const PUB = "2024-03-29"; // a Friday

describe("DateExtractor — seed sentences", () => {
  const seed = "Established nine years ago as an autonomous province of the Islamic State";

  it("resolves 'nine years ago' against the publication date to a year", () => {
    const d = one(seed, PUB);
    expect(d).toMatchObject({
      start: 12,
      end: 26,
      text: "nine years ago",
      value: "2015",
      precision: "year",
      relative: true,
      resolved: true,
    });
  });

  it("keeps 'nine years ago' unresolved without a publication date (never guesses from today)", () => {
    const d = one(seed);
    expect(d).toMatchObject({ text: "nine years ago", precision: "year", relative: true, resolved: false });
    expect(d.value).toBeUndefined();
  });

  it("finds no date in counts of fighters", () => {
    expect(dates("With a reported strength of 4,000 to 6,000 fighters", PUB)).toEqual([]);
  });

  it("finds no date in 'The recent attack on a Moscow concert hall'", () => {
    expect(dates("The recent attack on a Moscow concert hall", PUB)).toEqual([]);
  });
});

describe("DateExtractor — absolute dates", () => {
  const cases: [string, string, string, DateDetail["precision"]][] = [
    ["Gunmen attacked on 22 March 2024.", "22 March 2024", "2024-03-22", "day"],
    ["Gunmen attacked on March 22, 2024.", "March 22, 2024", "2024-03-22", "day"],
    ["The attack of Mar. 22, 2024 was claimed.", "Mar. 22, 2024", "2024-03-22", "day"],
    ["Fighting resumed in March 2024.", "March 2024", "2024-03", "month"],
    ["The group withdrew in August 2021.", "August 2021", "2021-08", "month"],
    ["The group was founded in 2015.", "2015", "2015", "year"],
    ["It has grown since 2015 in the region.", "2015", "2015", "year"],
    ["It operated until 2019 in the east.", "2019", "2019", "year"],
    ["The 2015 attacks changed everything.", "2015", "2015", "year"],
    ["The group was active in the 1990s.", "1990s", "1990", "decade"],
    ["Nostalgia for the '90s runs deep.", "'90s", "1990", "decade"],
    ["SAN SALVADOR, 03 JAN 90 -- A BOMB EXPLODED.", "03 JAN 90", "1990-01-03", "day"],
    ["SAN SALVADOR, 3 JAN 90 -- A BOMB EXPLODED.", "3 JAN 90", "1990-01-03", "day"],
    ["The report was dated 22/03/2024 in the file.", "22/03/2024", "2024-03-22", "day"],
    ["The report was dated 2024-03-22 in the file.", "2024-03-22", "2024-03-22", "day"],
    ["The towers fell on 11 September 2001.", "11 September 2001", "2001-09-11", "day"],
  ];
  for (const [text, span, value, precision] of cases) {
    it(`${span} → ${value} (${precision})`, () => {
      const d = one(text, PUB);
      expect(d).toMatchObject({ text: span, value, precision, relative: false, resolved: true });
      expect(d.start).toBe(text.indexOf(span));
    });
  }

  it("absolute dates need no publication date", () => {
    expect(one("Gunmen attacked on 22 March 2024.")).toMatchObject({ value: "2024-03-22", resolved: true });
    expect(one("The group was founded in 2015.")).toMatchObject({ value: "2015", resolved: true });
  });

  it("qualified years keep the qualifier in the span and in `part`", () => {
    expect(one("The offensive began in mid-2021.", PUB)).toMatchObject({
      text: "mid-2021",
      value: "2021",
      part: "mid",
    });
    expect(one("Attacks rose in late 2023.", PUB)).toMatchObject({
      text: "late 2023",
      value: "2023",
      part: "late",
    });
    expect(one("In early 2023 the cell moved.", PUB)).toMatchObject({
      text: "early 2023",
      value: "2023",
      part: "early",
    });
    expect(one("It peaked in the late 1990s.", PUB)).toMatchObject({
      text: "late 1990s",
      value: "1990",
      precision: "decade",
      part: "late",
    });
    expect(one("Its leader was killed by the end of 2019.", PUB)).toMatchObject({
      text: "end of 2019",
      value: "2019",
      part: "late",
    });
    expect(one("US forces left at the end of August 2021.", PUB)).toMatchObject({
      text: "end of August 2021",
      value: "2021-08",
      precision: "month",
      part: "late",
    });
    expect(one("Raids resumed in early March 2024.", PUB)).toMatchObject({
      text: "early March 2024",
      value: "2024-03",
      precision: "month",
      part: "early",
    });
  });

  it("ranges keep their end", () => {
    expect(one("Talks ran on March 22-24, 2024 in Doha.", PUB)).toMatchObject({
      value: "2024-03-22",
      endValue: "2024-03-24",
    });
    expect(one("The insurgency of 2014-17 ended.", PUB)).toMatchObject({
      text: "2014-17",
      value: "2014",
      endValue: "2017",
    });
  });

  it("year ranges in words give both years", () => {
    const ds = dates("The group was active between 2014 and 2017.", PUB);
    expect(ds.map((d) => d.value)).toEqual(["2014", "2017"]);
  });

  it("two-digit years take the century not after the publication year", () => {
    expect(one("SAN SALVADOR, 12 SEP 89 -- REBELS ATTACKED.", "1989-09-14")).toMatchObject({
      value: "1989-09-12",
    });
    expect(one("KABUL, 3 JAN 10 -- A BOMB EXPLODED.", "2010-01-05")).toMatchObject({ value: "2010-01-03" });
  });
});

describe("DateExtractor — relative dates", () => {
  const cases: [string, string, string | undefined, string, DateDetail["precision"]][] = [
    ["It was founded nine years ago.", "nine years ago", PUB, "2015", "year"],
    ["IT WAS FOUNDED NINE YEARS AGO.", "NINE YEARS AGO", PUB, "2015", "year"],
    ["A cell was dismantled two weeks ago.", "two weeks ago", PUB, "2024-03-15", "day"],
    ["A cell was dismantled 3 days ago.", "3 days ago", PUB, "2024-03-26", "day"],
    ["The leader died two months ago.", "two months ago", PUB, "2024-01", "month"],
    ["The group attacked last March.", "last March", PUB, "2023-03", "month"],
    ["The group attacked last March.", "last March", "2024-06-01", "2024-03", "month"],
    ["Attacks rose last year.", "last year", PUB, "2023", "year"],
    ["Attacks rose this year.", "this year", PUB, "2024", "year"],
    ["Attacks rose yesterday.", "yesterday", PUB, "2024-03-28", "day"],
    ["Attacks rose today.", "today", PUB, "2024-03-29", "day"],
    ["The bomb exploded on Friday.", "Friday", PUB, "2024-03-29", "day"],
    ["The bomb exploded on Monday.", "Monday", PUB, "2024-03-25", "day"],
    ["The bomb exploded on Saturday.", "Saturday", PUB, "2024-03-23", "day"],
    ["The bomb exploded last Friday.", "last Friday", PUB, "2024-03-22", "day"],
    ["Talks resume next Friday.", "next Friday", PUB, "2024-04-05", "day"],
    ["Police raided homes last week.", "last week", PUB, "2024-03-22", "day"],
    ["Police raided homes earlier this month.", "earlier this month", PUB, "2024-03", "month"],
    ["Police raided homes in January.", "January", PUB, "2024-01", "month"],
    ["Police raided homes in November.", "November", PUB, "2023-11", "month"],
    ["Police raided homes in May.", "May", PUB, "2023-05", "month"],
    ["Police raided homes in mid-March.", "mid-March", PUB, "2024-03", "month"],
    ["The attack on 22 March killed many.", "22 March", PUB, "2024-03-22", "day"],
    ["The 7 October attack was planned for months.", "7 October", PUB, "2023-10-07", "day"],
    ["The group split a decade ago.", "a decade ago", PUB, "2014", "year"],
    ["Shots were heard last night.", "last night", PUB, "2024-03-28", "day"],
    ["Shots were heard this morning.", "this morning", PUB, "2024-03-29", "day"],
    ["On Sunday, March 24, officials spoke.", "Sunday, March 24", PUB, "2024-03-24", "day"],
  ];
  for (const [text, span, pub, value, precision] of cases) {
    it(`${span} @ ${pub} → ${value}`, () => {
      const d = one(text, pub);
      expect(d).toMatchObject({ text: span, value, precision, relative: true, resolved: true });
      expect(d.start).toBe(text.indexOf(span));
    });
  }

  it("reads yearless days forward when the sentence speaks of the future or the day is weeks away", () => {
    expect(one("The Games will open on 26 July.", PUB)).toMatchObject({ value: "2024-07-26" });
    expect(one("The Games opened on 26 July.", PUB)).toMatchObject({ value: "2023-07-26" });
    expect(one("Pakistan votes on 2 April.", PUB)).toMatchObject({ value: "2024-04-02" });
    expect(one("Talks will resume on Monday.", PUB)).toMatchObject({ value: "2024-04-01" });
    // bare months stay in the past even in a future sentence
    expect(one("Officials warned in early March of a planned attack.", "2024-05-22")).toMatchObject({
      value: "2024-03",
    });
  });

  it("marks week-sized phrases so ACLED precision is 2", () => {
    const d = one("A cell was dismantled two weeks ago.", PUB);
    expect(d.week).toBe(true);
    expect(acledTimePrecision(d)).toBe(2);
    expect(acledTimePrecision(one("Police raided homes last week.", PUB))).toBe(2);
    expect(acledTimePrecision(one("Attacks rose yesterday.", PUB))).toBe(1);
    expect(acledTimePrecision(one("Police raided homes in January.", PUB))).toBe(3);
    expect(acledTimePrecision(one("It was founded nine years ago.", PUB))).toBe(3);
    expect(acledTimePrecision(one("It was founded nine years ago."))).toBeUndefined();
  });

  it("without a publication date, relative phrases keep precision but get no value", () => {
    for (const [text, precision] of [
      ["Attacks rose yesterday.", "day"],
      ["The bomb exploded on Friday.", "day"],
      ["The group attacked last March.", "month"],
      ["Attacks rose last year.", "year"],
      ["Police raided homes in January.", "month"],
      ["A cell was dismantled two weeks ago.", "day"],
    ] as const) {
      const d = one(text);
      expect(d, text).toMatchObject({ precision, relative: true, resolved: false });
      expect(d.value, text).toBeUndefined();
    }
  });

  it("keeps the month and day of a yearless date as a partial ISO value when unresolved", () => {
    expect(one("The attack on 22 March killed many.")).toMatchObject({ partial: "--03-22", resolved: false });
    expect(one("The group attacked last March.")).toMatchObject({ partial: "--03", resolved: false });
  });

  it("a publication date-time or a partial date works as reference", () => {
    expect(one("Attacks rose yesterday.", "2024-03-29T23:30:00+05:00")).toMatchObject({
      value: "2024-03-28",
    });
    expect(one("It was founded nine years ago.", "2024")).toMatchObject({ value: "2015", resolved: true });
    expect(one("Attacks rose yesterday.", "2024")).toMatchObject({ resolved: false });
  });
});

describe("DateExtractor — masking", () => {
  const none = [
    "With a reported strength of 4,000 to 6,000 fighters",
    "At least 137 people were killed and 2,000 fled.",
    "The attack killed 137 and wounded more than 100 at 6.",
    "The meeting started at 10:30 and ended at 6 pm.",
    "Some 2015 people attended the rally.",
    "Turnout reached 45% in the province.",
    "They will march on the capital.",
    "He sat down in the sun.",
    "At least 1 may have died.",
    "Jan Egeland said the situation was dire.",
    "The 9/11 attacks shaped policy.",
    "The first attack came after the group split.",
    "Now the group controls the area.",
    "UN Resolution 2254 calls for a ceasefire.",
  ];
  for (const text of none) {
    it(`no date in ${JSON.stringify(text)}`, () => {
      expect(dates(text, PUB)).toEqual([]);
    });
  }

  it("a number after 'of'/'between' followed by a plural noun is a count, not a year", () => {
    expect(dates("a force of 2000 fighters", PUB)).toEqual([]);
    expect(dates("between 2000 and 3000 fighters", PUB)).toEqual([]);
    expect(one("the attacks of 2015", PUB)).toMatchObject({ value: "2015" });
    expect(one("It began around 2015.", PUB)).toMatchObject({ value: "2015" });
  });

  it("clock times next to a day leave only the day", () => {
    expect(one("The bomb went off on Friday at 10 pm.", PUB)).toMatchObject({
      text: "Friday",
      value: "2024-03-29",
    });
  });

  it("works on lower-case and upper-case text", () => {
    const lower = dates("in early march the group, founded in 2015, attacked on monday", PUB);
    expect(lower.map((d) => [d.text, d.value])).toEqual([
      ["early march", "2024-03"],
      ["2015", "2015"],
      ["monday", "2024-03-25"],
    ]);
    const upper = dates(
      "THE FMLN ATTACKED A POST IN MARCH. TWO WEEKS AGO 12 SOLDIERS DIED. THEY WILL MARCH ON.",
      PUB,
    );
    expect(upper.map((d) => [d.text, d.value])).toEqual([
      ["MARCH", "2024-03"],
      ["TWO WEEKS AGO", "2024-03-15"],
    ]);
  });

  it("handles several dates with exact offsets in a longer text", () => {
    const text =
      "MOSCOW (Reuters) - Gunmen stormed the Crocus City Hall on 22 March 2024, killing at least 137 people.\n\n" +
      "The Islamic State, whose Afghan branch was founded nine years ago, claimed the attack on Saturday. " +
      "Russia said last week that four suspects had been arrested.";
    const ds = dates(text, PUB);
    expect(ds.map((d) => [d.text, d.value])).toEqual([
      ["22 March 2024", "2024-03-22"],
      ["nine years ago", "2015"],
      ["Saturday", "2024-03-23"],
      ["last week", "2024-03-22"],
    ]);
    for (const d of ds) expect(text.slice(d.start, d.end)).toBe(d.text);
  });
});

describe("resolveRelative / parseRelative", () => {
  it("parses relative phrases", () => {
    expect(parseRelative("nine years ago")).toEqual({ kind: "ago", n: 9, unit: "year" });
    expect(parseRelative("TWO WEEKS AGO")).toEqual({ kind: "ago", n: 2, unit: "week" });
    expect(parseRelative("21 days ago")).toEqual({ kind: "ago", n: 21, unit: "day" });
    expect(parseRelative("twenty-one days ago")).toEqual({ kind: "ago", n: 21, unit: "day" });
    expect(parseRelative("several years ago")).toEqual({ kind: "ago", unit: "year" });
    expect(parseRelative("yesterday")).toEqual({ kind: "offset", n: -1, unit: "day" });
    expect(parseRelative("last week")).toEqual({ kind: "offset", n: -1, unit: "week" });
    expect(parseRelative("earlier this month")).toEqual({ kind: "offset", n: 0, unit: "month" });
    expect(parseRelative("on Friday")).toEqual({ kind: "weekday", weekday: 5, mode: "bare" });
    expect(parseRelative("last March")).toEqual({ kind: "month", month: 3, mode: "last" });
    expect(parseRelative("22 March")).toEqual({ kind: "month", month: 3, day: 22, mode: "bare" });
    expect(parseRelative("March 22")).toEqual({ kind: "month", month: 3, day: 22, mode: "bare" });
    expect(parseRelative("22 March 2024")).toBeUndefined();
    expect(parseRelative("the attack")).toBeUndefined();
  });

  it("resolves against a reference", () => {
    expect(resolveRelative({ kind: "ago", n: 9, unit: "year" }, PUB)).toEqual({
      value: "2015",
      precision: "year",
      resolved: true,
    });
    expect(resolveRelative({ kind: "ago", n: 2, unit: "month" }, "2024-01-15")).toMatchObject({
      value: "2023-11",
    });
    expect(resolveRelative({ kind: "ago", n: 3, unit: "day" }, "2024-03-01")).toMatchObject({
      value: "2024-02-27",
    });
    expect(resolveRelative({ kind: "offset", n: -1, unit: "day" }, "2024-01-01")).toMatchObject({
      value: "2023-12-31",
    });
    expect(resolveRelative({ kind: "offset", n: -1, unit: "month" }, "2024-01-10")).toMatchObject({
      value: "2023-12",
    });
    expect(resolveRelative({ kind: "month", month: 12, mode: "bare" }, "2024-01-10")).toMatchObject({
      value: "2023-12",
    });
    expect(resolveRelative({ kind: "month", month: 1, mode: "last" }, "2024-01-10")).toMatchObject({
      value: "2023-01",
    });
    expect(resolveRelative({ kind: "month", month: 1, mode: "next" }, "2024-01-10")).toMatchObject({
      value: "2025-01",
    });
    expect(resolveRelative({ kind: "month", month: 6, day: 30, mode: "bare" }, PUB)).toMatchObject({
      value: "2023-06-30",
    });
    // a yearless day up to FORWARD_DAYS after publication is read as upcoming
    expect(resolveRelative({ kind: "month", month: 3, day: 30, mode: "bare" }, PUB)).toMatchObject({
      value: "2024-03-30",
    });
    expect(resolveRelative({ kind: "month", month: 1, day: 5, mode: "bare" }, "2023-12-20")).toMatchObject({
      value: "2024-01-05",
    });
    expect(
      resolveRelative({ kind: "month", month: 7, day: 26, mode: "bare", lean: "future" }, PUB),
    ).toMatchObject({
      value: "2024-07-26",
    });
    expect(resolveRelative({ kind: "weekday", weekday: 1, mode: "bare", lean: "future" }, PUB)).toMatchObject(
      {
        value: "2024-04-01",
      },
    );
    expect(resolveRelative({ kind: "weekday", weekday: 5, mode: "this" }, "2024-03-27")).toMatchObject({
      value: "2024-03-29",
    });
    expect(resolveRelative({ kind: "month", month: 2, day: 29, mode: "bare" }, "2023-06-01")).toMatchObject({
      resolved: false,
    });
  });

  it("never resolves without a reference", () => {
    expect(resolveRelative({ kind: "offset", n: -1, unit: "day" }, undefined)).toEqual({
      precision: "day",
      resolved: false,
    });
    expect(resolveRelative({ kind: "ago", n: 1, unit: "year" }, "not a date")).toEqual({
      precision: "year",
      resolved: false,
    });
  });

  it("parses publication dates", () => {
    expect(parseReference("2024-03-29")).toEqual({ year: 2024, month: 3, day: 29 });
    expect(parseReference("2024-03-29T02:00:00Z")).toEqual({ year: 2024, month: 3, day: 29 });
    expect(parseReference("2024-03")).toEqual({ year: 2024, month: 3 });
    expect(parseReference("2024-13-01")).toEqual({ year: 2024 });
    expect(parseReference(undefined)).toBeUndefined();
    expect(parseReference("March 2024")).toBeUndefined();
  });
});

describe("DateExtractor — component contract", () => {
  it("declares its layers and is created by its factory", () => {
    const c = createDateExtractor({});
    expect(c.name).toBe("dates.v1");
    expect(c.requires).toEqual(["tokens", "sentences"]);
    expect(c.assigns).toEqual(["dates"]);
  });

  it("handles an empty document", () => {
    const doc = createDoc("", {});
    tokenizer.process(doc);
    extractor.process(doc);
    expect(doc.dates).toEqual([]);
  });

  it("logs throughput on ~100k words", () => {
    const base = [
      "Gunmen stormed the concert hall on 22 March 2024, killing at least 137 people.",
      "The branch was established nine years ago and has 4,000 to 6,000 fighters.",
      "Officials said on Friday that the suspects had travelled through Turkey last month.",
      "The organisation has been weakened since 2019 but remains capable of mass-casualty attacks abroad.",
      "Analysts warned that recruitment had grown sharply among young men in the border provinces.",
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
      if (i % 6 === 5) parts.push("\n\n");
    }
    const doc = createDoc(parts.join(" "), { published: PUB });
    tokenizer.process(doc);
    const t0 = performance.now();
    extractor.process(doc);
    const ms = performance.now() - t0;
    console.log(
      `dates.v1: ${words} words, ${doc.sentences.length} sentences, ${doc.dates.length} dates in ${ms.toFixed(0)} ms → ${Math.round((words / ms) * 1000)} words/s`,
    );
    expect(doc.dates.length).toBeGreaterThan(0);
  });
});
