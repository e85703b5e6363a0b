import { beforeAll, describe, expect, it } from "vitest";
import { AnalysisDoc, type EntityMention } from "../doc.js";
import { type CityRow, loadPlaceData, PlaceGazetteer, phraseTokens } from "./place-gazetteer.js";
import { Tokenizer } from "./tokenizer.js";

const tokenizer = new Tokenizer();
let places: PlaceGazetteer;

beforeAll(() => {
  places = new PlaceGazetteer({ tokenizer });
});

function analyse(
  text: string,
  gazetteer: PlaceGazetteer = places,
  before?: (doc: AnalysisDoc) => void,
): AnalysisDoc {
  const doc = new AnalysisDoc(text, { id: "doc:test" });
  tokenizer.process(doc);
  before?.(doc);
  gazetteer.process(doc);
  return doc;
}

function placeMentions(doc: AnalysisDoc): EntityMention[] {
  return doc.mentions.filter((m) => m.by === "places.gazetteer.v1");
}

function only(doc: AnalysisDoc, text: string): EntityMention {
  const found = placeMentions(doc).filter((m) => m.text === text);
  expect(found, `mentions of "${text}"`).toHaveLength(1);
  return found[0];
}

/** Adds a mention as an earlier component (the actor gazetteer) would. */
function actorMention(doc: AnalysisDoc, phrase: string, id: string): void {
  const start = doc.text.indexOf(phrase);
  doc.mentions.push({
    start,
    end: start + phrase.length,
    text: phrase,
    kind: "armed_group",
    entity: id,
    by: "actors.gazetteer.v1",
  });
  doc.addEntity({ id, kind: "armed_group", name: phrase, aliases: [], countries: ["AF"] });
}

describe("cities", () => {
  it("resolves Moscow to the GeoNames capital of Russia", () => {
    const doc = analyse("Officials in Moscow denied the report.");
    const m = only(doc, "Moscow");
    expect(m).toMatchObject({ start: 13, end: 19, kind: "place", entity: "geonames:524901" });
    const rec = doc.entities.get(m.entity)!;
    expect(rec.geo).toMatchObject({ country: "RU", precision: "city", geonamesId: 524901 });
    expect(rec.geo!.lat).toBeCloseTo(55.75, 1);
    expect(rec.geo!.lon).toBeCloseTo(37.62, 1);
    expect(rec.countries).toEqual(["RU"]);
  });

  it("reads Paris as the French capital, not Paris, Texas", () => {
    const doc = analyse("The attackers struck Paris on Friday night.");
    const rec = doc.entities.get(only(doc, "Paris").entity)!;
    expect(rec.id).toBe("geonames:2988507");
    expect(rec.geo?.country).toBe("FR");
  });

  it("finds Kabul", () => {
    const doc = analyse("A suicide bomber struck Kabul airport.");
    expect(only(doc, "Kabul").entity).toBe("geonames:1138958");
  });

  it("takes a state or country after a comma as the qualifier", () => {
    const doc = analyse("He grew up in Paris, Texas, and later moved to Tripoli, Lebanon.");
    expect(only(doc, "Paris").entity).toBe("geonames:4717560");
    expect(only(doc, "Texas").entity).toBe("admin:us-tx");
    expect(only(doc, "Tripoli").entity).toBe("geonames:266826");
    expect(only(doc, "Lebanon").entity).toBe("country:LB");
  });

  it("prefers the city in a country the document names, else the capital", () => {
    expect(only(analyse("Clashes erupted in Tripoli overnight."), "Tripoli").entity).toBe("geonames:2210247");
    const lebanon = analyse("Lebanese troops deployed in Tripoli after clashes in the north of Lebanon.");
    expect(only(lebanon, "Tripoli").entity).toBe("geonames:266826");
  });

  it("reads 'Atlanta, Georgia' as the US state and Georgia alone as the country", () => {
    const doc = analyse("The suspect was arrested in Atlanta, Georgia.");
    expect(only(doc, "Atlanta").entity).toBe("geonames:4180439");
    expect(only(doc, "Georgia").entity).toBe("admin:us-ga");
    expect(only(analyse("Russian troops remain in Georgia."), "Georgia").entity).toBe("country:GE");
  });

  it("matches transliterations and names without diacritics", () => {
    const doc = analyse(
      "Strikes hit Raqqa, Deir ez-Zor and Fallujah; Kandahar and Mazar-i-Sharif were calm.",
    );
    expect(only(doc, "Raqqa").entity).toBe("geonames:172955");
    expect(only(doc, "Deir ez-Zor").entity).toBe("geonames:170794");
    expect(only(doc, "Fallujah").entity).toBe("geonames:99454");
    expect(only(doc, "Kandahar").entity).toBe("geonames:1138336");
    expect(only(doc, "Mazar-i-Sharif").entity).toBe("geonames:1133616");
  });

  it("keeps country readings for names that are both, except 'X City'", () => {
    const doc = analyse("Talks moved from Mexico City to Mexico, then Kuwait City, Djibouti and Singapore.");
    expect(only(doc, "Mexico City").entity).toBe("geonames:3530597");
    expect(only(doc, "Mexico").entity).toBe("country:MX");
    expect(only(doc, "Kuwait City").entity).toBe("geonames:285787");
    expect(only(doc, "Djibouti").entity).toBe("country:DJ");
    expect(only(doc, "Singapore").entity).toBe("country:SG");
  });

  it("reads a city named like a common word only in a place context", () => {
    const doc = analyse("Nice work, he said. The truck attack in Nice killed 86 people.");
    const nice = placeMentions(doc).filter((m) => m.text === "Nice");
    expect(nice).toHaveLength(1);
    expect(nice[0].start).toBe(doc.text.indexOf("in Nice") + 3);
    expect(placeMentions(analyse("Most of the Police said nothing; Reading was slow."))).toEqual([]);
  });

  it("does not read a person's name as a city", () => {
    const doc = analyse("George Washington never visited Washington. President Obama met Manuel Valls.");
    const ws = placeMentions(doc).filter((m) => m.text === "Washington");
    expect(ws).toHaveLength(1);
    expect(ws[0].start).toBe(doc.text.indexOf("visited Washington") + 8);
    expect(ws[0].entity).toBe("geonames:4140963");
    expect(placeMentions(doc).map((m) => m.text)).toEqual(["Washington"]);
  });

  it("leaves acronyms in capitals alone ('UN' is not the town of Un)", () => {
    expect(placeMentions(analyse("The UN said the convoy was hit."))).toEqual([]);
  });
});

describe("countries and demonyms", () => {
  it("marks a demonym as an adjectival use of the country", () => {
    const doc = analyse("A Russian charter jet crashed.");
    const m = only(doc, "Russian");
    expect(m).toMatchObject({ start: 2, end: 9, kind: "state", entity: "country:RU", demonym: true });
    expect(doc.entities.get("country:RU")?.geo).toMatchObject({ country: "RU", precision: "country" });
  });

  it("reads 'US' after 'the' as the United States but not the pronoun", () => {
    const doc = analyse("Aid from the US arrived, but they told us nothing.");
    const m = only(doc, "US");
    expect(m).toMatchObject({ start: 13, end: 15, entity: "country:US" });
    expect(placeMentions(doc)).toHaveLength(1);
  });

  it("knows aliases such as Türkiye, UK, Britain and the Russian Federation", () => {
    const doc = analyse("Türkiye, Turkey, the UK, Britain, the Russian Federation, Iran and the U.S. met.");
    const ids = placeMentions(doc).map((m) => `${m.text}=${m.entity}`);
    expect(ids).toEqual([
      "Türkiye=country:TR",
      "Turkey=country:TR",
      "UK=country:GB",
      "Britain=country:GB",
      "Russian Federation=country:RU",
      "Iran=country:IR",
      "U.S.=country:US",
    ]);
  });

  it("does not read 'Voice of America' or 'Latin America' as the United States", () => {
    const doc = analyse("Voice of America reported unrest across Latin America.");
    expect(placeMentions(doc).map((m) => m.entity)).toEqual(["region:latin-america"]);
  });

  it("reads 'Jordan' next to a first name as the person", () => {
    const doc = analyse("Michael Jordan visited Jordan.");
    const m = placeMentions(doc);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ start: 23, entity: "country:JO" });
  });
});

describe("governments", () => {
  it("emits one government mention for 'Russian government'", () => {
    const doc = analyse("The Russian government denied it.");
    const mentions = placeMentions(doc);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      start: 4,
      end: 22,
      text: "Russian government",
      kind: "government",
      entity: "gov:RU",
    });
    expect(doc.entities.get("gov:RU")).toMatchObject({
      name: "Government of Russia",
      parent: "country:RU",
      parentRelation: "government",
    });
    expect(doc.entities.has("country:RU")).toBe(true);
  });

  it("recognises the usual government phrases", () => {
    const doc = analyse(
      "Russian officials and Russian authorities blamed the government of Russia's rivals. " +
        "Pakistani security forces, Afghan forces and US forces responded, the Kremlin said. " +
        "Officials in Washington met the government of the United States.",
    );
    const govs = placeMentions(doc).map((m) => `${m.text}=${m.entity}`);
    expect(govs).toEqual([
      "Russian officials=gov:RU",
      "Russian authorities=gov:RU",
      "government of Russia=gov:RU",
      "Pakistani security forces=gov:PK",
      "Afghan forces=gov:AF",
      "US forces=gov:US",
      "Kremlin=gov:RU",
      "Washington=geonames:4140963",
      "government of the United States=gov:US",
    ]);
    expect(doc.entities.get("gov:US")?.name).toBe("Government of the United States");
  });

  it("does not make 'pro-Russian forces' or 'Russian-backed' the government", () => {
    const doc = analyse("Russian-backed fighters and pro-Russian forces advanced.");
    expect(placeMentions(doc).map((m) => `${m.text}=${m.entity}`)).toEqual(["Russian=country:RU"]);
  });
});

describe("regions and sub-national places", () => {
  it("resolves Central Asia to its five countries", () => {
    const doc = analyse("Recruits from Central Asia joined the group.");
    const m = only(doc, "Central Asia");
    expect(m.entity).toBe("region:central-asia");
    const rec = doc.entities.get(m.entity)!;
    expect(rec.kind).toBe("place");
    expect(rec.countries).toEqual(["KG", "KZ", "TJ", "TM", "UZ"]);
    expect(rec.geo?.precision).toBe("region");
  });

  it("resolves Western Europe, the Middle East, the Gulf and the Sahel", () => {
    const doc = analyse(
      "Plots in Western Europe, the Middle East, the Gulf and the Sahel, but not the Gulf of Mexico.",
    );
    expect(placeMentions(doc).map((m) => `${m.text}=${m.entity}`)).toEqual([
      "Western Europe=region:western-europe",
      "Middle East=region:middle-east",
      "Gulf=region:gulf",
      "Sahel=region:sahel",
    ]);
    expect(doc.entities.get("region:western-europe")?.countries).toEqual(
      expect.arrayContaining(["FR", "DE", "BE"]),
    );
  });

  it("finds provinces analysts name, with the country", () => {
    const doc = analyse(
      "Attacks in Balochistan, Khyber Pakhtunkhwa, Nangarhar, Borno State and Cabo Delgado.",
    );
    expect(placeMentions(doc).map((m) => m.entity)).toEqual([
      "admin:pk-balochistan",
      "admin:pk-khyber-pakhtunkhwa",
      "admin:af-nangarhar",
      "admin:ng-borno",
      "admin:mz-cabo-delgado",
    ]);
    expect(doc.entities.get("admin:af-nangarhar")?.geo).toMatchObject({ country: "AF", precision: "admin" });
  });
});

describe("group names outrank place names", () => {
  it("leaves tokens of an earlier armed-group mention alone", () => {
    const data = loadPlaceData();
    // GeoNames 320635 is a Turkish village called Taliban (too small for the committed selection).
    const village: CityRow = [320635, "Taliban", "TR", 37.981, 41.4133, 1140, 0, ""];
    const withVillage = new PlaceGazetteer({
      tokenizer,
      data: { ...data, cities: { ...data.cities, rows: [...data.cities.rows, village] } },
    });
    const text = "Taliban fighters entered the city.";
    expect(placeMentions(analyse(text, withVillage)).map((m) => m.entity)).toEqual(["geonames:320635"]);
    const doc = analyse(text, withVillage, (d) => actorMention(d, "Taliban", "taliban"));
    expect(placeMentions(doc)).toEqual([]);
  });

  it("finds no place inside 'Islamic State Khorasan Province' or 'Tehrik-i-Taliban Pakistan'", () => {
    const text = "Islamic State Khorasan Province and Tehrik-i-Taliban Pakistan attacked Jalalabad.";
    const doc = analyse(text, places, (d) => {
      actorMention(d, "Islamic State Khorasan Province", "iskp");
      actorMention(d, "Tehrik-i-Taliban Pakistan", "ttp");
    });
    expect(placeMentions(doc).map((m) => m.text)).toEqual(["Jalalabad"]);
  });
});

describe("case", () => {
  it("reads all-caps wire copy", () => {
    const doc = analyse(
      "SAN SALVADOR, 3 JAN 90 -- GUERRILLAS ATTACKED THE US EMBASSY IN EL SALVADOR AND TOLD US TO LEAVE.",
    );
    expect(placeMentions(doc).map((m) => `${m.text}=${m.entity}`)).toEqual([
      "SAN SALVADOR=geonames:3583361",
      "US=country:US",
      "EL SALVADOR=country:SV",
    ]);
  });

  it("reads lower-case text", () => {
    const doc = analyse(
      "the fmln attacked san salvador and el salvador army posts in the east; they told us so.",
    );
    expect(placeMentions(doc).map((m) => `${m.text}=${m.entity}`)).toEqual([
      "san salvador=geonames:3583361",
      "el salvador army=gov:SV",
    ]);
  });
});

describe("offsets", () => {
  it("keeps exact character offsets into the text", () => {
    const text =
      "KABUL (Reuters) — Afghan forces and the Pakistani government traded fire near Peshawar and in\n" +
      "Khyber Pakhtunkhwa, while “Russian” advisers left Moscow for the Sahel and São Paulo.";
    const doc = analyse(text);
    const ms = placeMentions(doc);
    expect(ms.length).toBeGreaterThanOrEqual(8);
    for (const m of ms) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    expect(ms.map((m) => m.text)).toEqual([
      "KABUL",
      "Afghan forces",
      "Pakistani government",
      "Peshawar",
      "Khyber Pakhtunkhwa",
      "Russian",
      "Moscow",
      "Sahel",
      "São Paulo",
    ]);
  });
});

describe("look-ups for services", () => {
  it("looks up names, countries of ids and the countries of regions", () => {
    expect(places.lookupPlace("Moscow")?.id).toBe("geonames:524901");
    expect(places.lookupPlace("russia")?.id).toBe("country:RU");
    expect(places.lookupPlace("Russian")?.id).toBe("country:RU");
    expect(places.lookupPlace("the Gulf")?.id).toBe("region:gulf");
    expect(places.lookupPlace("Sistan-Baluchestan")?.id).toBe("admin:ir-sistan-baluchestan");
    expect(places.lookupPlace("Qwertyville")).toBeUndefined();
    expect(places.countryOf("geonames:524901")).toBe("RU");
    expect(places.countryOf("gov:PK")).toBe("PK");
    expect(places.countryOf("admin:af-kunar")).toBe("AF");
    expect(places.countryOf("region:central-asia")).toBeUndefined();
    expect(places.regionCountries("region:central-asia")).toEqual(["KG", "KZ", "TJ", "TM", "UZ"]);
    expect(places.regionCountries("horn-of-africa")).toEqual(["DJ", "ER", "ET", "SO"]);
    expect(places.regionCountries("country:FR")).toEqual(["FR"]);
    expect(places.regionCountries("region:atlantis")).toEqual([]);
    expect(places.record("gov:AF")?.parent).toBe("country:AF");
  });
});

describe("resources", () => {
  it("stores the tokenizer's split for names the fast path does not cover", () => {
    const data = loadPlaceData();
    const stored = Object.entries(data.cities.tokens ?? {});
    expect(stored.length).toBeGreaterThan(1000);
    // A spread sample; the build checks them all.
    for (let i = 0; i < stored.length; i += Math.floor(stored.length / 150)) {
      const [phrase, tokens] = stored[i];
      expect(
        tokenizer
          .tokenize(phrase)
          .map((t) => t.text)
          .join(" "),
      ).toBe(tokens);
    }
    for (const name of ["Moscow", "San Salvador", "Mocímboa da Praia", "Kabul"]) {
      expect(phraseTokens(name)).toEqual(tokenizer.tokenize(name).map((t) => t.text));
    }
  });
});

describe("US local news", () => {
  it("reads a town in the state the document names (Dublin, Ohio)", () => {
    const doc = analyse(
      "The Dublin Arts Council met on Monday. Groups must register with the State of Ohio.",
    );
    expect(only(doc, "Dublin").entity).toBe("geonames:5152333");
  });

  it("reads small towns with a state qualifier and makes the abbreviation a mention", () => {
    const doc = analyse("A Paris, Tenn., man was arrested.");
    expect(only(doc, "Paris").entity).toBe("geonames:4647963");
    expect(only(doc, "Tenn.").entity).toBe("admin:us-tn");
  });

  it("leaves small towns alone without evidence of their state", () => {
    const doc = analyse("Whitesboro is small.");
    expect(placeMentions(doc)).toHaveLength(0);
  });

  it("keeps the capital when no state is named", () => {
    expect(only(analyse("Police in Paris arrested two men."), "Paris").entity).toBe("geonames:2988507");
  });

  it("finds counties and places them in their state", () => {
    const doc = analyse("Deputies in Laurel County, Ky., arrested a man.");
    const m = only(doc, "Laurel County");
    expect(m.kind).toBe("place");
    const rec = doc.entities.get(m.entity)!;
    expect(rec.id).toBe("county:us-ky-laurel-county");
    expect(rec.parent).toBe("admin:us-ky");
    expect(rec.geo).toMatchObject({ country: "US", precision: "admin" });
    expect(only(doc, "Ky.").entity).toBe("admin:us-ky");
    // Only name-starting words extend a county name.
    expect(only(analyse("The Leadership Henry County class met."), "Henry County")).toBeDefined();
  });

  it("reads dotted state abbreviations and party labels", () => {
    expect(only(analyse("The S.C. Highway Patrol is looking for him."), "S.C.").entity).toBe("admin:us-sc");
    expect(only(analyse("Sen. Bob Casey, D-Pa., called for a review."), "Pa.").entity).toBe("admin:us-pa");
  });

  it("places counties at their centroid and reads a town in or near a named county", () => {
    // Paris, Tennessee is the seat of Henry County, Tennessee; no state is named.
    const doc = analyse(
      "A Paris man was arrested on Sunday. He appears Tuesday in Henry County General Sessions Court.",
    );
    expect(only(doc, "Paris").entity).toBe("geonames:4647963");
    const rec = doc.entities.get(only(doc, "Henry County").entity)!;
    expect(rec.id).toBe("county:us-tn-henry-county");
    expect(rec.geo!.lat).toBeCloseTo(36.33, 1);
    expect(rec.geo!.lon).toBeCloseTo(-88.3, 1);
    // Without a town or state, the county of that name with the most people.
    expect(only(analyse("Orange County deputies arrived."), "Orange County").entity).toBe(
      "county:us-ca-orange-county",
    );
  });

  it("reads lists of counties and leaves names no US county has", () => {
    const doc = analyse("Girls from Cooke, Grayson and Love counties may apply in Gainesville.");
    expect(only(doc, "Cooke").entity).toBe("county:us-tx-cooke-county");
    expect(only(doc, "Love").entity).toBe("county:us-ok-love-county");
    // Gainesville, Texas is the seat of Cooke County.
    expect(doc.entities.get(only(doc, "Gainesville").entity)!.geo!.country).toBe("US");
    expect(only(doc, "Gainesville").entity).toBe("geonames:4692746");
    expect(placeMentions(analyse("Mayo County Council met on Monday."))).toHaveLength(0);
  });

  it("reads a country's name as a US town with local evidence only", () => {
    expect(only(analyse("Palestine, Texas is on the map."), "Palestine").entity).toBe("geonames:4717232");
    expect(only(analyse("Lebanon police said a Boone County man was held."), "Lebanon").entity).toBe(
      "geonames:4922673",
    );
    expect(only(analyse("Lebanon and Syria signed the deal in Beirut."), "Lebanon").entity).toBe(
      "country:LB",
    );
  });

  it("reads New York as the state in a list of states or before 'border'", () => {
    expect(only(analyse("Players came from Missouri, New York and Virginia."), "New York").entity).toBe(
      "admin:us-ny",
    );
    expect(only(analyse("Exit 1 is near the New York border."), "New York").entity).toBe("admin:us-ny");
    expect(only(analyse("She flew to New York on Monday."), "New York").entity).toBe("geonames:5128581");
  });

  it("leaves streets, parks and organisation names alone", () => {
    expect(placeMentions(analyse("Residents use Wichita Drive instead of Wichita Street."))).toHaveLength(0);
    expect(placeMentions(analyse("The walk starts at Hopkins Park."))).toHaveLength(0);
    expect(
      placeMentions(analyse("He called the American Heart Association and the American Red Cross.")),
    ).toHaveLength(0);
    expect(placeMentions(analyse("Officer Monica French said the grant was late."))).toHaveLength(0);
    expect(placeMentions(analyse("He criticised United Russia."))).toHaveLength(0);
    expect(only(analyse("American tourists left."), "American").entity).toBe("country:US");
  });

  it("gives countries GeoNames' representative points", () => {
    const us = places.record("country:US")!;
    expect(us.geo!.lat).toBeCloseTo(39.76, 1);
    expect(us.geo!.lon).toBeCloseTo(-98.5, 1);
  });
});

describe("more places", () => {
  it("reads Saint/St. and Mount/Mt. forms", () => {
    const doc = analyse("Flights between Moscow and St. Petersburg resumed.");
    expect(only(doc, "St. Petersburg").entity).toBe("geonames:498817");
  });

  it("reads Chinese provinces, German states, Irish counties and the European Union", () => {
    expect(only(analyse("Floods hit Hunan on Monday."), "Hunan").entity).toBe("admin:cn-hunan");
    expect(only(analyse("Police in Bavaria said."), "Bavaria").entity).toBe("admin:de-bavaria");
    expect(only(analyse("He lives in Co. Tipperary now."), "Co. Tipperary").entity).toBe(
      "admin:ie-tipperary",
    );
    const eu = analyse("Ministers of the European Union met.");
    expect(only(eu, "European Union").entity).toBe("region:european-union");
    expect(places.regionCountries("region:european-union")).toHaveLength(27);
    expect(only(analyse("South Ossetian officials refused."), "South Ossetian").entity).toBe(
      "admin:ge-south-ossetia",
    );
  });

  it("reads British small towns when the country is named twice", () => {
    const text = "Richmond council in London backs the plan, Britain's minister said. British drivers agree.";
    const doc = analyse(text);
    expect(doc.entities.get(only(doc, "Richmond").entity)!.geo!.country).toBe("GB");
  });
});

describe("throughput", () => {
  it("processes about 100,000 words of generated text", () => {
    const sentences = [
      "Militants attacked a checkpoint near Kandahar on Tuesday, killing four Afghan soldiers, officials said.",
      "The Russian government said its forces had struck targets in Idlib province and around Aleppo.",
      "Police in Paris arrested two men suspected of plotting an attack, according to French prosecutors.",
      "Al-Shabaab fighters overran a base in Lower Shabelle, south-west of Mogadishu, the Somali army said.",
      "Analysts warned that the group is expanding across the Sahel and into coastal West Africa.",
      "A bomb exploded in a market in Peshawar, capital of Khyber Pakhtunkhwa, wounding 23 people.",
      "US forces carried out a drone strike in Yemen's Shabwa governorate, the Pentagon said.",
      "Nobody claimed the attack, which came a week after clashes in Maiduguri, Borno State.",
    ];
    const parts: string[] = [];
    let words = 0;
    for (let i = 0; words < 100_000; i++) {
      const s = sentences[i % sentences.length];
      parts.push(s);
      words += s.split(" ").length;
      if (i % 12 === 11) parts.push("\n\n");
    }
    const doc = new AnalysisDoc(parts.join(" "), { id: "doc:bench" });
    tokenizer.process(doc);
    const t0 = performance.now();
    places.process(doc);
    const ms = performance.now() - t0;
    console.log(
      `place gazetteer: ${words} words, ${doc.tokens.length} tokens, ${doc.mentions.length} mentions in ${ms.toFixed(0)} ms ` +
        `(${Math.round((words / ms) * 1000).toLocaleString("en")} words/s)`,
    );
    expect(doc.mentions.length).toBeGreaterThan(words / 20);
    for (const m of doc.mentions.slice(0, 500)) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  });
});
