import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_CONFIG } from "../config.js";
import { createDoc } from "../create-doc.js";
import { buildPipeline } from "../default-registry.js";
import { isStateForce } from "./state-forces.js";

const upTo = DEFAULT_PIPELINE_CONFIG.components.findIndex((c) => c.name === "actors.forces.v1");
const through = buildPipeline({
  ...DEFAULT_PIPELINE_CONFIG,
  components: DEFAULT_PIPELINE_CONFIG.components.slice(0, upTo + 1),
});
const full = buildPipeline(DEFAULT_PIPELINE_CONFIG);

function forces(text: string): [string, string][] {
  const doc = createDoc(text, {});
  through.run(doc);
  for (const m of doc.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  return doc.mentions.filter(isStateForce).map((m) => [m.text, m.entity]);
}

describe("actors.forces.v1", () => {
  it("makes state forces actors of their country, from a demonym, a country or the document", () => {
    expect(
      forces(
        "radio venceremos denounced the bombings of the government's air force in san salvador. honduran army troops attacked in the hamlet of san andres, and the salvadoran army and the national police killed 12 peasants in usulutan.",
      ),
    ).toEqual([
      ["air force", "force:SV-air-force"],
      ["honduran army", "force:HN-army"],
      ["salvadoran army", "force:SV-army"],
      ["national police", "force:SV-police"],
    ]);
    expect(forces("The armed forces of Colombia said the Army had retaken the town near Medellín.")).toEqual([
      ["armed forces of Colombia", "force:CO-armed-forces"],
      ["Army", "force:CO-army"],
    ]);
  });

  it("gives a bare head the country of a force named just before it, not the document's", () => {
    expect(
      forces(
        "The blast at Kabul airport in Afghanistan killed Afghans. The US military said the dead included a Navy corpsman and an Army soldier.",
      ),
    ).toEqual([
      ["US military", "force:US-armed-forces"],
      ["Navy", "force:US-navy"],
      ["Army", "force:US-army"],
    ]);
  });

  it("finds named units, part of their country's army", () => {
    const text =
      "troops of the 6th infantry brigade and the atlacatl battalion, with military detachment no 4, entered usulutan, el salvador. members of the counterinsurgency arce battalion responded; the same battalion withdrew.";
    expect(forces(text)).toEqual([
      ["6th infantry brigade", "force:SV-6th-infantry-brigade"],
      ["atlacatl battalion", "force:SV-atlacatl-battalion"],
      ["military detachment no 4", "force:SV-military-detachment-no-4"],
      ["arce battalion", "force:SV-arce-battalion"],
    ]);
    const doc = createDoc(text, {});
    through.run(doc);
    expect(doc.entities.get("force:SV-atlacatl-battalion")).toMatchObject({
      name: "Atlacatl Battalion (El Salvador)",
      parent: "force:SV-army",
      parentRelation: "unit",
    });
    expect(doc.entities.get("force:SV-army")?.name).toBe("Army of El Salvador");
  });

  it("gives a bare head the country of the same force named with its country elsewhere", () => {
    // the document names the US more often, but "the armed forces" are the salvadoran ones
    expect(
      forces(
        "u.s. aid and the u.s. congress, said the u.s. embassy. the salvadoran armed forces denied it. later the armed forces said so.",
      ),
    ).toEqual([
      ["salvadoran armed forces", "force:SV-armed-forces"],
      ["armed forces", "force:SV-armed-forces"],
    ]);
  });

  it("counts a group active in one country towards the document's country", () => {
    // the US is named three times, but a report on the FMLN is about El Salvador
    expect(
      forces(
        "the fmln said u.s. aid, u.s. advisers and the u.s. congress cannot save the regime. the fmln added that the armed forces are losing.",
      ),
    ).toEqual([["armed forces", "force:SV-armed-forces"]]);
  });

  it("records the force with its parent government, the way ACLED separates state forces", () => {
    const doc = createDoc("The Pakistani army said its troops were deployed in Peshawar.", {});
    through.run(doc);
    expect(doc.entities.get("force:PK-army")).toMatchObject({
      kind: "agency",
      name: "Army of Pakistan",
      parent: "gov:PK",
      parentRelation: "armed forces",
      countries: ["PK"],
    });
  });

  it("leaves group names, things and adjectives alone", () => {
    // a group's name holding a force word is the group's; "police station", "military operation"
    // are a thing and an adjective; "Arakan Army" is a name the gazetteers do not know
    expect(
      forces(
        "The Army of National Liberation attacked a police station in Arauca, Colombia. The military operation ended. Fighters of the Arakan Army were seen in Myanmar.",
      ),
    ).toEqual([]);
  });

  it("needs a country: a document that names none has no force mention", () => {
    expect(forces("the army said the attack was repelled.")).toEqual([]);
  });
});

describe("state forces in events", () => {
  function events(text: string, published?: string) {
    const doc = createDoc(text, published ? { published } : {});
    full.run(doc);
    return doc.events;
  }

  it("takes a state force that did it as the perpetrator, and is not its target", () => {
    const [ev] = events(
      "radio venceremos denounced the death of many civilians in san salvador due to the indiscriminate bombings of the government's air force.",
    );
    expect(ev.subtype).toBe("bombing");
    expect(ev.perpetrators).toEqual(["force:SV-air-force"]);
    expect(ev.targets).toEqual([]);
    const [killing] = events("the salvadoran army killed 12 peasants in usulutan on 3 may.");
    expect(killing.perpetrators).toEqual(["force:SV-army"]);
  });

  it("does not take the subject of a passive trigger as the perpetrator", () => {
    const evs = events("in el nisperal, one salvadoran army company was attacked on 3 may.");
    expect(evs.flatMap((e) => e.perpetrators)).toEqual([]);
  });

  it("calls state forces fighting an armed group a clash, not an attack", () => {
    const evs = events(
      "the salvadoran air force bombed the rebel positions in usulutan on 12 november. soldiers killed three peasants in san miguel on 13 november.",
    );
    expect(evs.map((e) => [e.type, e.subtype])).toEqual([
      ["clash", "armed_clash"],
      ["attack", expect.any(String)],
    ]);
    expect(evs[0].perpetrators).toEqual(["force:SV-air-force"]);
    expect(evs[0].label).toBe("armed clash in Usulután");
    expect(evs[1].attackers?.map((a) => a.text)).toEqual(["soldiers"]);
  });

  it("does not make who arrests a perpetrator, and keeps the arrest's country", () => {
    const [ev] = events(
      "german police have arrested two afghan nationals suspected of plotting an attack on behalf of isis-k, prosecutors said.",
    );
    expect(ev.type).toBe("arrest");
    expect(ev.perpetrators).not.toContain("force:DE-police");
    expect(ev.country).toBe("DE");
  });

  it("takes a state force named as responsible as the attributed party, not the one who blames", () => {
    const evs = events(
      "the fmln attacked a bridge in usulutan on 3 may. the university rector described the government's report that armed forces elements are responsible for the killing of six priests in san salvador as important.",
    );
    const killing = evs.find((e) => e.victims?.some((v) => v.text === "six priests"));
    expect(killing?.perpetrators).toEqual(["force:SV-armed-forces"]);
    expect(killing?.attribution?.status).toBe("attributed");
  });

  it("needs the group or force to be the subject of a harm word, not a modifier before it", () => {
    const evs = events(
      "muzammil is one of the most senior taliban figures killed since the takeover in afghanistan.",
    );
    expect(evs.flatMap((e) => e.perpetrators)).toEqual([]);
  });

  it("reads fighters killed by troops as a battle, and fighters killed in combat as no incident", () => {
    const [battle] = events(
      "the number of guerrillas killed by 11th brigade troops in cordoba, colombia has risen to 26.",
    );
    expect([battle.type, battle.subtype]).toEqual(["clash", "armed_clash"]);
    expect(battle.attackers?.map((a) => a.text)).toEqual(["11th brigade troops"]);
    expect(
      events("five members of the farc were killed in la rica, colombia, where combat began on 11 november."),
    ).toEqual([]);
    // fighters killed by someone other than state forces are still an incident
    const [killing] = events("two fmln members were killed by a death squad in soyapango on 3 may.");
    expect(killing.type).toBe("attack");
  });

  it("keeps a raid by state forces on a group's commander apart from the group's own claimed attack", () => {
    // the bundled sample: the Taliban's security forces killed an ISKP commander in a Kabul raid;
    // the same report lists the attacks ISKP claimed in Kabul
    const name = "2023-02-28-taliban-say-iskp-intelligence-chief-killed.txt";
    const text = readFileSync(new URL(`../../../samples/${name}`, import.meta.url), "utf8");
    const evs = events(text, "2023-02-28");
    const raid = evs.find((e) => e.perpetrators.includes("force:AF-security-forces"));
    expect([raid?.type, raid?.subtype]).toEqual(["clash", "armed_clash"]);
    expect(raid?.attribution).toBeUndefined();
    const embassy = evs.find((e) => e.targets.some((t) => t.text === "Pakistani embassy"));
    expect(embassy?.type).toBe("attack");
    expect(embassy?.attribution?.status).toBe("claimed");
    expect(embassy?.perpetrators).not.toContain("force:AF-security-forces");
  });
});
