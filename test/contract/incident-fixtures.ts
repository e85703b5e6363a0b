import type { Analysis, Document, Entity, Event } from "../../src/core/index.js";

/**
 * Hand-made documents for the incident tests: three reports of the Crocus City Hall attack
 * (133 / 137 / 145 killed, claimed then disputed), a same-day attack elsewhere, an undated
 * retrospective naming the venue, and an unrelated bombing in another country.
 */

export interface Fixture {
  document: Document;
  analysis: Analysis;
}

const MOSCOW: Entity = {
  id: "geonames:524901",
  kind: "place",
  name: "Moscow",
  aliases: [],
  geo: { lat: 55.7522, lon: 37.6156, country: "RU", precision: "city", geonamesId: 524901 },
  mentions: [],
};
const KRASNOGORSK: Entity = {
  id: "geonames:542374",
  kind: "place",
  name: "Krasnogorsk",
  aliases: [],
  geo: { lat: 55.8204, lon: 37.3302, country: "RU", precision: "city" },
  mentions: [],
};
const DAGESTAN_CITY: Entity = {
  id: "geonames:532096",
  kind: "place",
  name: "Makhachkala",
  aliases: [],
  geo: { lat: 42.9764, lon: 47.5024, country: "RU", precision: "city" },
  mentions: [],
};
const KABUL: Entity = {
  id: "geonames:1138958",
  kind: "place",
  name: "Kabul",
  aliases: [],
  geo: { lat: 34.5553, lon: 69.2075, country: "AF", precision: "city" },
  mentions: [],
};
const IS: Entity = {
  id: "islamic-state",
  kind: "armed_group",
  name: "Islamic State",
  aliases: [],
  mentions: [],
};
const ISK: Entity = {
  id: "isis-k",
  kind: "armed_group",
  name: "Islamic State Khorasan Province",
  aliases: ["ISIS-K"],
  parent: "islamic-state",
  mentions: [],
};
const RU_GOV: Entity = {
  id: "gov:RU",
  kind: "government",
  name: "Russian government",
  aliases: [],
  mentions: [],
};

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { start, end: start + needle.length, text: needle };
}

function withMentions(text: string, e: Entity, needle?: string): Entity {
  const at = needle ? text.indexOf(needle) : -1;
  return { ...e, mentions: at >= 0 && needle ? [{ start: at, end: at + needle.length, text: needle }] : [] };
}

function fixture(
  id: string,
  published: string,
  text: string,
  entities: Entity[],
  events: (Omit<Event, "evidence" | "perpetrators" | "targets" | "weapons"> &
    Partial<Pick<Event, "perpetrators" | "targets" | "weapons">> & { evidence: string })[],
): Fixture {
  const document: Document = {
    id,
    text,
    published,
    title: id,
    source: "fixture wire",
    language: "en",
    tlp: "CLEAR",
  };
  const analysis: Analysis = {
    document: { id, published, title: id, source: "fixture wire" },
    entities,
    events: events.map((e) => ({
      perpetrators: [],
      targets: [],
      weapons: [],
      ...e,
      evidence: [span(text, e.evidence)],
    })),
    claims: [],
    dates: [],
    quantities: [],
  };
  return { document, analysis };
}

const textA =
  "Gunmen opened fire at the Crocus City Hall concert venue near Moscow on Friday, killing at least 133 people. Islamic State claimed the attack.";
export const crocusA = fixture(
  "doc:a-crocus",
  "2024-03-23",
  textA,
  [
    withMentions(textA, MOSCOW, "Moscow"),
    withMentions(textA, IS, "Islamic State"),
    withMentions(
      textA,
      {
        id: "facility:crocus-city-hall",
        kind: "facility",
        name: "Crocus City Hall",
        aliases: [],
        mentions: [],
      },
      "Crocus City Hall",
    ),
  ],
  [
    {
      id: "ev:1",
      type: "attack",
      subtype: "armed_assault",
      label: "armed assault on concertgoers in Moscow",
      date: { value: "2024-03-22", precision: "day", text: "Friday", resolved: true },
      place: MOSCOW.id,
      country: "RU",
      perpetrators: [IS.id],
      targets: [{ text: "concertgoers" }],
      attribution: { status: "claimed", by: IS.id },
      casualties: { killed: { min: 133, approx: true, text: "at least 133 people" } },
      evidence: "Gunmen opened fire at the Crocus City Hall concert venue near Moscow on Friday",
    },
  ],
);

const textB =
  "The toll of the attack on the Crocus City Hall concert venue in Krasnogorsk rose to 137, officials said; ISIS-K was blamed.";
export const crocusB = fixture(
  "doc:b-crocus",
  "2024-03-24",
  textB,
  [
    withMentions(textB, KRASNOGORSK, "Krasnogorsk"),
    withMentions(textB, ISK, "ISIS-K"),
    IS,
    withMentions(
      textB,
      {
        id: "facility:crocus-city-hall",
        kind: "facility",
        name: "Crocus City Hall",
        aliases: [],
        mentions: [],
      },
      "Crocus City Hall",
    ),
  ],
  [
    {
      id: "ev:7",
      type: "attack",
      subtype: "armed_assault",
      label: "attack on Crocus City Hall concert venue",
      date: { value: "2024-03-22", precision: "day", text: "22 March", resolved: true },
      place: KRASNOGORSK.id,
      country: "RU",
      perpetrators: [ISK.id],
      targets: [
        { entity: "facility:crocus-city-hall", text: "Crocus City Hall concert venue", type: "business" },
      ],
      attribution: { status: "attributed", by: "gov:US" },
      casualties: { killed: { min: 137, max: 137, text: "137" } },
      evidence: "the attack on the Crocus City Hall concert venue in Krasnogorsk",
    },
  ],
);

const textC =
  "Two months after gunmen attacked the Crocus City Hall concert venue near Moscow, Russia's government disputes the Islamic State claim; 145 died.";
export const crocusC = fixture(
  "doc:c-crocus",
  "2024-05-22",
  textC,
  [
    withMentions(textC, MOSCOW, "Moscow"),
    withMentions(textC, IS, "Islamic State"),
    withMentions(textC, RU_GOV, "Russia's government"),
    withMentions(
      textC,
      {
        id: "facility:crocus-city-hall",
        kind: "facility",
        name: "Crocus City Hall",
        aliases: [],
        mentions: [],
      },
      "Crocus City Hall",
    ),
  ],
  [
    {
      id: "ev:2",
      type: "attack",
      subtype: "armed_assault",
      label: "attack on Crocus City Hall concert venue in Moscow",
      date: { value: "2024-03-22", precision: "day", text: "22 March", resolved: true },
      place: MOSCOW.id,
      country: "RU",
      perpetrators: [IS.id],
      targets: [
        { entity: "facility:crocus-city-hall", text: "Crocus City Hall concert venue", type: "business" },
      ],
      attribution: { status: "disputed", by: RU_GOV.id, disputedBy: [RU_GOV.id] },
      casualties: { killed: { min: 145, max: 145, text: "145" } },
      evidence: "gunmen attacked the Crocus City Hall concert venue near Moscow",
    },
  ],
);

const textD = "Remembering the Crocus City Hall attack: survivors gathered at the venue.";
/** Undated: blocked only through the shared facility name. */
export const crocusUndated = fixture(
  "doc:d-undated",
  "2024-09-01",
  textD,
  [
    withMentions(
      textD,
      {
        id: "facility:crocus-city-hall",
        kind: "facility",
        name: "Crocus City Hall",
        aliases: [],
        mentions: [],
      },
      "Crocus City Hall",
    ),
  ],
  [
    {
      id: "ev:3",
      type: "attack",
      label: "Crocus City Hall attack",
      country: "RU",
      evidence: "the Crocus City Hall attack",
    },
  ],
);

const textE = "On 22 March 2024 gunmen attacked a police post in Makhachkala, killing two officers.";
/** Same day, same country, another city: a different incident. */
export const dagestan = fixture(
  "doc:e-dagestan",
  "2024-03-22",
  textE,
  [withMentions(textE, DAGESTAN_CITY, "Makhachkala")],
  [
    {
      id: "ev:1",
      type: "attack",
      subtype: "armed_assault",
      date: { value: "2024-03-22", precision: "day", text: "22 March 2024", resolved: true },
      place: DAGESTAN_CITY.id,
      country: "RU",
      targets: [{ text: "police post", type: "police" }],
      casualties: { killed: { min: 2, max: 2, text: "two officers" } },
      evidence: "gunmen attacked a police post in Makhachkala",
    },
  ],
);

const textF = "A suicide bomber struck a mosque in Kabul on 22 March 2024, killing 21.";
/** Same day, another country: never a candidate. */
export const kabul = fixture(
  "doc:f-kabul",
  "2024-03-22",
  textF,
  [withMentions(textF, KABUL, "Kabul")],
  [
    {
      id: "ev:1",
      type: "attack",
      subtype: "suicide_attack",
      date: { value: "2024-03-22", precision: "day", text: "22 March 2024", resolved: true },
      place: KABUL.id,
      country: "AF",
      perpetrators: [ISK.id],
      targets: [{ text: "mosque", type: "religious_figures_institutions" }],
      casualties: { killed: { min: 21, max: 21, text: "21" } },
      evidence: "A suicide bomber struck a mosque in Kabul on 22 March 2024",
    },
  ],
);

export const ALL_FIXTURES: Fixture[] = [crocusA, crocusB, crocusC, crocusUndated, dagestan, kabul];
