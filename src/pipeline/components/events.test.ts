import { describe, expect, it } from "vitest";
import { handDoc } from "../../../test/support/hand-doc.js";
import { EventExtractor } from "./events.js";

const extractor = new EventExtractor();

describe("events.v1", () => {
  it("finds an attack with place, date, casualties and a claim of responsibility", () => {
    const doc = handDoc(
      "Gunmen stormed the Crocus City Hall in Krasnogorsk on 22 March 2024, and at least 133 people were killed. ISIS-K claimed responsibility for the attack.",
      {
        published: "2024-03-23",
        mentions: [
          { text: "Crocus City Hall", kind: "facility", id: "facility:crocus-city-hall" },
          { text: "Krasnogorsk", kind: "place", id: "geonames:1", country: "RU" },
          { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
        ],
        dates: [
          { text: "22 March 2024", value: "2024-03-22", precision: "day", relative: false, resolved: true },
        ],
        quantities: [{ text: "at least 133", min: 133, approx: "at-least" }],
      },
    );
    extractor.process(doc);
    expect(doc.events).toHaveLength(1);
    const ev = doc.events[0];
    expect(ev.type).toBe("attack");
    expect(ev.subtype).toBe("armed_assault");
    expect(ev.place).toBe("geonames:1");
    expect(ev.country).toBe("RU");
    expect(ev.date?.value).toBe("2024-03-22");
    expect(ev.casualties?.killed?.min).toBe(133);
    expect(ev.targets[0]).toMatchObject({ text: "Crocus City Hall", entity: "facility:crocus-city-hall" });
    expect(ev.perpetrators).toEqual(["isis-k"]);
    expect(ev.attribution).toMatchObject({ status: "claimed", by: "isis-k" });
    for (const e of ev.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
    const claim = doc.claims.find((c) => c.property === "attribution");
    expect(claim).toMatchObject({ subject: "isis-k", object: ev.id, stance: "asserted", heldBy: "isis-k" });
  });

  it("merges a later definite mention of the same incident and records a dispute with its holder", () => {
    const doc = handDoc(
      "The recent attack on a Moscow concert hall shocked Russia. Despite the Moscow attack being attributed to ISIS-K, the Russian government made accusations against Ukraine.",
      {
        mentions: [
          { text: "Moscow", kind: "place", id: "geonames:524901", country: "RU" },
          { text: "Russia", kind: "state", id: "country:RU", country: "RU", precision: "country" },
          { text: "Moscow", nth: 1, kind: "place", id: "geonames:524901", country: "RU" },
          { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
          { text: "Russian government", kind: "government", id: "gov:RU" },
          { text: "Ukraine", kind: "state", id: "country:UA", country: "UA", precision: "country" },
        ],
      },
    );
    extractor.process(doc);
    const attacks = doc.events.filter((e) => e.type === "attack");
    expect(attacks).toHaveLength(1);
    expect(attacks[0].place).toBe("geonames:524901");
    expect(attacks[0].perpetrators).toContain("isis-k");
    expect(attacks[0].attribution).toMatchObject({
      status: "disputed",
      by: "gov:RU",
      disputedBy: ["gov:RU"],
    });
    expect(attacks[0].evidence.length).toBeGreaterThanOrEqual(2);
    const stances = doc.claims
      .filter((c) => c.property === "attribution")
      .map((c) => [c.stance, c.heldBy ?? null]);
    expect(stances).toContainEqual(["disputed", "gov:RU"]);
    expect(stances).toContainEqual(["reported", null]);
  });

  it("does not report capability, intent or vulnerability as events", () => {
    const doc = handDoc(
      "The group has the capability to launch attacks in Pakistan. Russia faces vulnerability to ISIS-K attacks. It has ambitions to attack Europe.",
      {
        mentions: [
          { text: "Pakistan", kind: "state", id: "country:PK", country: "PK", precision: "country" },
          { text: "Russia", kind: "state", id: "country:RU", country: "RU", precision: "country" },
          { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
          { text: "Europe", kind: "place", id: "region:europe", precision: "region" },
        ],
      },
    );
    extractor.process(doc);
    expect(doc.events).toEqual([]);
  });

  it("splits plural attacks over coordinated places and types aviation bombings", () => {
    const doc = handDoc(
      "Its ambition has led to devastating attacks in countries like Pakistan and Iran. Past attacks, including the bombing of a Russian charter jet and assaults on the Russian embassy in Kabul, underscore ISIS-K's antagonism.",
      {
        mentions: [
          { text: "Pakistan", kind: "state", id: "country:PK", country: "PK", precision: "country" },
          { text: "Iran", kind: "state", id: "country:IR", country: "IR", precision: "country" },
          { text: "Russian", kind: "state", id: "country:RU", demonym: true },
          { text: "Russian", nth: 1, kind: "state", id: "country:RU", demonym: true },
          { text: "Kabul", kind: "place", id: "geonames:1138958", country: "AF" },
          { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
        ],
      },
    );
    extractor.process(doc);
    const byPlace = doc.events.filter((e) => e.place === "country:PK" || e.place === "country:IR");
    expect(byPlace.map((e) => e.country).sort()).toEqual(["IR", "PK"]);
    const jet = doc.events.find((e) => e.subtype === "aviation_bombing");
    expect(jet?.targets[0]).toMatchObject({
      text: "Russian charter jet",
      type: "airports_aircraft",
      entity: "country:RU",
    });
    expect(jet?.perpetrators).toEqual(["isis-k"]);
    expect(jet?.place).toBeUndefined();
    const embassy = doc.events.find((e) => e.subtype === "armed_assault");
    expect(embassy).toMatchObject({ place: "geonames:1138958", country: "AF" });
    expect(embassy?.targets[0]).toMatchObject({ text: "Russian embassy", type: "government_diplomatic" });
    // "Past attacks" alone is generic and is not an incident
    expect(doc.events.filter((e) => e.label?.startsWith("attack") && !e.place)).toEqual([]);
  });

  it("extracts arrests of suspected plotters linked to a group", () => {
    const doc = handDoc(
      "European security agencies have been on high alert following arrests of individuals suspected of planning attacks in coordination with ISIS-K operatives.",
      {
        mentions: [
          { text: "European", kind: "place", id: "region:europe", demonym: true, precision: "region" },
          { text: "ISIS-K", kind: "armed_group", id: "isis-k" },
        ],
      },
    );
    extractor.process(doc);
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]).toMatchObject({ type: "arrest", place: "region:europe", perpetrators: ["isis-k"] });
    expect(doc.events[0].attribution?.status).toBe("suspected");
  });

  it("takes the buildings and vehicles of an attack's sentence as its physical targets", () => {
    const doc = handDoc("Guerrillas bombed two public buses and a bank branch in Lima on 3 May 1990.", {
      mentions: [{ text: "Lima", kind: "place", id: "geonames:2", country: "PE" }],
    });
    extractor.process(doc);
    expect(doc.events).toHaveLength(1);
    const texts = doc.events[0].targets.map((t) => t.text);
    expect(texts).toContain("bank branch");
    expect(texts.some((t) => t.endsWith("buses"))).toBe(true);
  });

  it("reads the agent of a passive harm verb as the attackers", () => {
    const doc = handDoc("The judge was murdered in Medellin by two paid assassins on Friday.", {
      mentions: [{ text: "Medellin", kind: "place", id: "geonames:3", country: "CO" }],
    });
    extractor.process(doc);
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0].attackers?.map((a) => a.text)).toEqual(["two paid assassins"]);
  });
});
