import { describe, expect, it } from "vitest";
import { AnalysisDoc, type EntityMention, type EntityRecord } from "../../src/pipeline/doc.js";
import {
  conventionSpans,
  countryInPhrase,
  countryNames,
  geoPredictions,
  isPluralDemonym,
} from "./adapter.js";
import { alignNormalized } from "./align.js";

const countries = countryNames(
  [
    {
      code: "RU",
      name: "Russia",
      aliases: ["Russian Federation"],
      demonyms: ["Russian", "Russians"],
      acronyms: [],
      lat: 60,
      lon: 100,
    },
    {
      code: "US",
      name: "United States",
      aliases: [],
      demonyms: ["American", "Americans"],
      acronyms: ["US", "U.S."],
      lat: 39.76,
      lon: -98.5,
    },
  ],
  [{ name: "District of Columbia", aliases: [], acronyms: ["D.C."], lat: 38.91, lon: -77.01 }],
);

function docWith(
  text: string,
  spans: [string, EntityMention["kind"], string, boolean?][],
  records: EntityRecord[],
): AnalysisDoc {
  const doc = new AnalysisDoc(text, { id: "t" });
  let from = 0;
  for (const [phrase, kind, entity, demonym] of spans) {
    const start = text.indexOf(phrase, from);
    from = start + phrase.length;
    doc.mentions.push({
      start,
      end: start + phrase.length,
      text: phrase,
      kind,
      entity,
      by: "test",
      ...(demonym ? { demonym } : {}),
    });
  }
  for (const r of records) doc.addEntity(r);
  return doc;
}

const records: EntityRecord[] = [
  { id: "country:RU", kind: "state", name: "Russia", aliases: [], geo: { lat: 60, lon: 100 } },
  {
    id: "gov:US",
    kind: "government",
    name: "Government of the United States",
    aliases: [],
    countries: ["US"],
  },
  { id: "geonames:1", kind: "place", name: "Idlib", aliases: [], geo: { lat: 35.93, lon: 36.63 } },
  { id: "geonames:2", kind: "place", name: "Washington", aliases: [], geo: { lat: 38.9, lon: -77.04 } },
  { id: "taliban", kind: "armed_group", name: "Taliban", aliases: [] },
];

describe("geoPredictions", () => {
  const text =
    "Russians and the US government met the Taliban in Idlib province and Washington, D.C. on Russian TV.";
  const doc = docWith(
    text,
    [
      ["Russians", "state", "country:RU", true],
      ["US government", "government", "gov:US"],
      ["Taliban", "armed_group", "taliban"],
      ["Idlib province", "place", "geonames:1"],
      ["Washington, D.C.", "place", "geonames:2"],
      ["Russian", "state", "country:RU", true],
    ],
    records,
  );

  it("takes places, states, demonyms and the country inside a government mention (LGL/TR-News)", () => {
    const p = geoPredictions(doc, { corpus: "lgl", countries });
    expect(p.map((x) => x.text)).toEqual(["Russians", "US", "Idlib", "Washington", "D.C.", "Russian"]);
    expect(p.find((x) => x.text === "US")).toMatchObject({ lat: 39.76, lon: -98.5 });
    // the qualifier gets its own coordinates
    expect(p.find((x) => x.text === "D.C.")).toMatchObject({ lat: 38.91, lon: -77.01 });
    expect(p.find((x) => x.text === "Washington")).toMatchObject({ lat: 38.9, lon: -77.04 });
    for (const x of p) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it("leaves nationality nouns out for GeoWebNews but keeps adjectives", () => {
    const p = geoPredictions(doc, { corpus: "GWN", countries });
    expect(p.map((x) => x.text)).not.toContain("Russians");
    expect(p.map((x) => x.text)).toContain("Russian");
  });

  it("maps offsets back to the raw text", () => {
    const raw = `\u200B  ${text}`;
    const p = geoPredictions(doc, {
      corpus: "lgl",
      countries,
      offsets: alignNormalized(raw, text),
      rawText: raw,
    });
    for (const x of p) expect(raw.slice(x.start, x.end)).toBe(x.text);
    expect(p[0].start).toBe(3);
  });
});

describe("organisations named like a region", () => {
  it("predicts the European Union with the region's point, other organisations not at all", () => {
    const withRegions = countryNames([], [], [{ name: "European Union", lat: 49.84, lon: 9.9 }]);
    const doc = docWith(
      "The EU and NATO met.",
      [
        ["EU", "organisation", "european-union"],
        ["NATO", "organisation", "nato"],
      ],
      [
        { id: "european-union", kind: "organisation", name: "European Union", aliases: ["EU"] },
        { id: "nato", kind: "organisation", name: "NATO", aliases: [] },
      ],
    );
    const p = geoPredictions(doc, { corpus: "GWN", countries: withRegions });
    expect(p).toEqual([{ start: 4, end: 6, text: "EU", lat: 49.84, lon: 9.9 }]);
  });
});

describe("span conventions", () => {
  it("trims edge punctuation and lower-case designators, splits qualifiers", () => {
    const t = "W.Va. -- Idlib province, Kansas City, Mo.";
    expect(conventionSpans(t, 0, 8)).toEqual([[0, 5, false]]);
    expect(conventionSpans(t, 9, 23)).toEqual([[9, 14, false]]);
    expect(conventionSpans(t, 25, 41)).toEqual([
      [25, 36, false],
      [38, 41, true],
    ]);
  });

  it("finds the longest country name in a phrase on word boundaries", () => {
    const names = countries.names.get("US")!;
    expect(countryInPhrase("the U.S. State Department", names)).toEqual([4, 8]);
    expect(countryInPhrase("American officials", names)).toEqual([0, 8]);
    expect(countryInPhrase("USAID", names)).toBeUndefined();
  });

  it("tells plural demonyms", () => {
    expect(isPluralDemonym("Mexicans")).toBe(true);
    expect(isPluralDemonym("Swiss")).toBe(false);
    expect(isPluralDemonym("Mexican")).toBe(false);
  });
});
