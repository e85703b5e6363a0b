import { describe, expect, it } from "vitest";
import type { Event } from "../../src/core/index.js";
import { AnalysisDoc, type EntityMention } from "../../src/pipeline/doc.js";
import {
  docToTemplates,
  eventToTemplate,
  incidentType,
  onlyForceTargets,
  templatesToExtracts,
} from "./adapter.js";
import { emptyFillers } from "./types.js";

const TEXT =
  "the people's revolutionary front (prf) bombed the town hall with dynamite. the prf later kidnapped jose perez. police arrested two men.";

function mention(text: string, kind: EntityMention["kind"], entity: string, from = 0): EntityMention {
  const start = TEXT.indexOf(text, from);
  return { start, end: start + text.length, text, kind, entity, by: "test" };
}

function event(e: Partial<Event> & Pick<Event, "type">): Event {
  return {
    id: `event:${Math.random()}`,
    perpetrators: [],
    targets: [],
    weapons: [],
    evidence: [{ start: 0, end: 5, text: TEXT.slice(0, 5) }],
    ...e,
  };
}

function doc(): AnalysisDoc {
  const d = new AnalysisDoc(TEXT, { id: "doc:test" });
  d.mentions = [
    mention("people's revolutionary front", "armed_group", "group:prf"),
    mention("prf", "armed_group", "group:prf"),
    mention("prf", "armed_group", "group:prf", TEXT.indexOf("the prf later")),
    mention("jose perez", "person", "person:perez"),
  ];
  d.addEntity({
    id: "group:prf",
    kind: "armed_group",
    name: "People's Revolutionary Front",
    aliases: ["PRF"],
  });
  d.addEntity({ id: "person:perez", kind: "person", name: "Jose Perez", aliases: [] });
  d.events = [
    event({
      type: "attack",
      subtype: "bombing",
      perpetrators: ["group:prf"],
      targets: [{ text: "town hall" }],
      weapons: ["dynamite"],
    }),
    event({
      type: "attack",
      subtype: "kidnapping",
      perpetrators: ["group:prf"],
      targets: [{ text: "jose perez" }],
    }),
    event({ type: "arrest", subtype: "arrest", targets: [{ text: "two men" }] }),
  ];
  return d;
}

describe("incidentType", () => {
  it("maps our attack subtypes onto MUC-4 incident types", () => {
    expect(incidentType({ type: "attack", subtype: "suicide_attack" })).toBe("bombing");
    expect(incidentType({ type: "attack", subtype: "aviation_bombing" })).toBe("bombing");
    expect(incidentType({ type: "attack", subtype: "hostage_taking" })).toBe("kidnapping");
    expect(incidentType({ type: "attack", subtype: "arson" })).toBe("arson");
    expect(incidentType({ type: "attack", subtype: "robbery" })).toBe("robbery");
    expect(incidentType({ type: "attack", subtype: "forced_work_stoppage" })).toBe("forced work stoppage");
    expect(incidentType({ type: "attack", subtype: "armed_assault" })).toBe("attack");
    expect(incidentType({ type: "attack" })).toBe("attack");
  });
  it("gives no template for arrests, plots, clashes, claims and threats", () => {
    for (const type of ["arrest", "plot", "clash", "claim_of_responsibility", "threat"] as const)
      expect(incidentType({ type })).toBeUndefined();
  });
});

describe("eventToTemplate / docToTemplates", () => {
  it("fills PerpOrg with every distinct mention string of the perpetrator, Target and Weapon from the event", () => {
    const d = doc();
    expect(eventToTemplate(d, d.events[0])).toEqual({
      incident_type: "bombing",
      ...emptyFillers(),
      PerpOrg: [["people's revolutionary front", "prf"]],
      Target: [["town hall"]],
      Weapon: [["dynamite"]],
    });
  });
  it("keeps only the first mention string with perpOrgStrings: first", () => {
    const d = doc();
    expect(eventToTemplate(d, d.events[0], { perpOrgStrings: "first" })?.PerpOrg).toEqual([
      ["people's revolutionary front"],
    ]);
  });
  it("puts the object of a kidnapping under Victim", () => {
    const d = doc();
    const t = eventToTemplate(d, d.events[1]);
    expect(t?.incident_type).toBe("kidnapping");
    expect(t?.Victim).toEqual([["jose perez"]]);
    expect(t?.Target).toEqual([]);
  });
  it("puts a target resolved to a person under Victim", () => {
    const d = doc();
    const ev = event({
      type: "attack",
      subtype: "armed_assault",
      targets: [{ text: "jose perez", entity: "person:perez" }],
    });
    expect(eventToTemplate(d, ev)?.Victim).toEqual([["jose perez"]]);
  });
  it("templates MUC-4 incidents only", () => {
    expect(docToTemplates(doc()).map((t) => t.incident_type)).toEqual(["bombing", "kidnapping"]);
  });
});

describe("templatesToExtracts", () => {
  it("unions the templates' fillers without duplicates (compared after normalisation)", () => {
    const ex = templatesToExtracts([
      { incident_type: "bombing", ...emptyFillers(), PerpOrg: [["prf"]], Target: [["the town hall"]] },
      { incident_type: "attack", ...emptyFillers(), PerpOrg: [["PRF"]], Target: [["town hall"], ["bridge"]] },
    ]);
    expect(ex.PerpOrg).toEqual([["prf"]]);
    expect(ex.Target).toEqual([["the town hall"], ["bridge"]]);
  });
});

describe("MUC-4's definition of a terrorist incident", () => {
  const hit = (targets: Event["targets"], victims: Event["victims"] = []) =>
    onlyForceTargets(event({ type: "attack", subtype: "unknown", targets, victims }));

  it("leaves out an attack on a military or police force alone", () => {
    expect(hit([{ text: "army post", type: "military" }])).toBe(true);
    expect(
      hit([{ text: "police station", type: "police" }], [{ text: "two policemen", start: 0, end: 1 }]),
    ).toBe(true);
    expect(hit([], [{ text: "six soldiers", start: 0, end: 1 }])).toBe(true);
  });

  it("keeps it when civilians or their property are hit too, or nothing says who was hit", () => {
    expect(
      hit([
        { text: "army post", type: "military" },
        { text: "bus", type: "transportation" },
      ]),
    ).toBe(false);
    expect(hit([{ text: "army post", type: "military" }], [{ text: "a peasant", start: 0, end: 1 }])).toBe(
      false,
    );
    expect(hit([{ text: "the bridge" }])).toBe(false);
    expect(hit([])).toBe(false);
    // a named person is not "a member of a force" by description
    expect(hit([], [{ text: "colonel ponce", entity: "person:ponce", start: 0, end: 1 }])).toBe(false);
  });
});

describe("victims named several ways", () => {
  it("drops a title before a name and a short form beside the full name, across templates", () => {
    const t = (victims: string[][]) => ({ incident_type: "attack", ...emptyFillers(), Victim: victims });
    const ex = templatesToExtracts([
      t([["bernardo jaramillo ossa"]]),
      t([["bernardo jaramillo"], ["jose perez"]]),
    ]);
    expect(ex.Victim).toEqual([["bernardo jaramillo ossa"], ["jose perez"]]);
  });
});

describe("foreign forces", () => {
  it("keeps an attack on soldiers of another country than the event's", () => {
    const text = "a bomb wounded seven u.s. soldiers in tegucigalpa.";
    const d = new AnalysisDoc(text, { id: "doc:f" });
    const at = text.indexOf("u.s.");
    d.mentions = [
      {
        start: at,
        end: at + 4,
        text: "u.s.",
        kind: "state",
        entity: "country:US",
        by: "test",
        demonym: true,
      },
    ];
    d.addEntity({
      id: "country:US",
      kind: "state",
      name: "United States",
      aliases: [],
      geo: { lat: 0, lon: 0, precision: "country", country: "US" },
    });
    const vs = text.indexOf("seven");
    const victims = [{ text: "seven u.s. soldiers", start: vs, end: vs + 19 }];
    const ev = event({ type: "attack", subtype: "bombing", country: "HN", victims });
    expect(onlyForceTargets(ev)).toBe(true);
    expect(onlyForceTargets(ev, d)).toBe(false);
    expect(onlyForceTargets({ ...ev, country: "US" }, d)).toBe(true);
  });
});

describe("foreign forces by who attacks them", () => {
  it("keeps soldiers of one country attacked by people of another, and a country's forces named as such", () => {
    const text = "five venezuelan soldiers were killed by colombian guerrillas.";
    const d = new AnalysisDoc(text, { id: "doc:g" });
    const ve = text.indexOf("venezuelan");
    const co = text.indexOf("colombian");
    const mention = (start: number, word: string, country: string) => ({
      start,
      end: start + word.length,
      text: word,
      kind: "state" as const,
      entity: `country:${country}`,
      by: "test",
      demonym: true,
    });
    d.mentions = [mention(ve, "venezuelan", "VE"), mention(co, "colombian", "CO")];
    for (const c of ["VE", "CO"])
      d.addEntity({
        id: `country:${c}`,
        kind: "state",
        name: c,
        aliases: [],
        geo: { lat: 0, lon: 0, precision: "country", country: c },
      });
    const victims = [{ text: "five venezuelan soldiers", start: 0, end: 24 }];
    const attackers = [{ text: "colombian guerrillas", start: co, end: co + 20 }];
    const ev = event({ type: "attack", subtype: "armed_assault", victims, attackers });
    expect(onlyForceTargets(ev, d)).toBe(false);
    // the same soldiers attacked by their compatriots: a guerrilla act, not templated
    d.mentions[1] = mention(co, "colombian", "VE");
    expect(onlyForceTargets(ev, d)).toBe(true);

    const us = "a bomb wounded nine u.s. soldiers in la ceiba.";
    const g = new AnalysisDoc(us, { id: "doc:h" });
    const at = us.indexOf("u.s.");
    g.mentions = [
      { start: at, end: at + 13, text: "u.s. soldiers", kind: "government", entity: "gov:US", by: "test" },
    ];
    const v2 = [{ text: "nine u.s. soldiers", start: at - 5, end: at + 13 }];
    expect(
      onlyForceTargets(event({ type: "attack", subtype: "bombing", country: "HN", victims: v2 }), g),
    ).toBe(false);
  });
});

describe("counted targets", () => {
  it("leave the count out of the description, as MUC-4 counts in a slot of its own", () => {
    const d = new AnalysisDoc("rebels attacked seven private bank branches and one of the vehicles.", {
      id: "doc:c",
    });
    const ev = event({
      type: "attack",
      subtype: "armed_assault",
      targets: [
        { text: "seven private bank branches" },
        { text: "one of the vehicles" },
        { text: "12 buses" },
      ],
    });
    expect(eventToTemplate(d, ev)?.Target).toEqual([
      ["private bank branches"],
      ["one of the vehicles"],
      ["buses"],
    ]);
  });
});
