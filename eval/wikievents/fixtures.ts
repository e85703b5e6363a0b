import type { KairosOntology, WeDocument } from "./reader.js";

/** A hand-written WikiEvents document for the tests (not benchmark text). */
export function fixtureDoc(): WeDocument {
  const s1 = ["The", "bomb", "killed", "the", "general", "and", "two", "soldiers", "in", "Kabul", "."];
  const s2 = ["He", "died", "."];
  const sent = (toks: string[], from: number): [string, number, number][] => {
    let at = from;
    return toks.map((t) => {
      const r: [string, number, number] = [t, at, at + t.length];
      at += t.length + 1;
      return r;
    });
  };
  const a = sent(s1, 0);
  const b = sent(s2, a[a.length - 1][2] + 1);
  return {
    doc_id: "fx1",
    tokens: [...s1, ...s2],
    text: `${s1.join(" ")}${s2.join(" ")}`,
    sentences: [
      [a, s1.join(" ")],
      [b, s2.join(" ")],
    ],
    entity_mentions: [
      {
        id: "fx1-T1",
        sent_idx: 0,
        start: 0,
        end: 2,
        entity_type: "WEA",
        mention_type: "UNK",
        text: "The bomb",
      },
      {
        id: "fx1-T2",
        sent_idx: 0,
        start: 3,
        end: 5,
        entity_type: "PER",
        mention_type: "UNK",
        text: "the general",
      },
      {
        id: "fx1-T3",
        sent_idx: 0,
        start: 7,
        end: 8,
        entity_type: "PER",
        mention_type: "UNK",
        text: "soldiers",
      },
      {
        id: "fx1-T4",
        sent_idx: 0,
        start: 9,
        end: 10,
        entity_type: "GPE",
        mention_type: "UNK",
        text: "Kabul",
      },
      { id: "fx1-T5", sent_idx: 1, start: 11, end: 12, entity_type: "PER", mention_type: "UNK", text: "He" },
    ],
    event_mentions: [
      {
        id: "fx1-E1",
        event_type: "Life.Die.Unspecified",
        trigger: { start: 2, end: 3, text: "killed", sent_idx: 0 },
        arguments: [
          { entity_id: "fx1-T2", role: "Victim", text: "the general" },
          { entity_id: "fx1-T3", role: "Victim", text: "soldiers" },
          { entity_id: "fx1-T4", role: "Place", text: "Kabul" },
        ],
      },
      {
        id: "fx1-E2",
        event_type: "Life.Die.Unspecified",
        trigger: { start: 12, end: 13, text: "died", sent_idx: 1 },
        arguments: [{ entity_id: "fx1-T5", role: "Victim", text: "He" }],
      },
      {
        id: "fx1-E3",
        event_type: "Made.Up.Type",
        trigger: { start: 1, end: 2, text: "bomb", sent_idx: 0 },
        arguments: [{ entity_id: "fx1-T1", role: "Thing", text: "The bomb" }],
      },
    ],
  };
}

export const fixtureOntology: KairosOntology = {
  "Life.Die.Unspecified": {
    template: "<arg1> died at <arg2> place from <arg4> medical issue, killed by <arg3> killer",
    roles: ["Victim", "Place", "Killer", "MedicalIssue"],
    role_types: [["per"], ["loc", "gpe", "fac"], ["per", "org", "gpe"], ["mhi"]],
  },
  "Conflict.Attack.DetonateExplode": {
    template:
      "<arg1> detonated or exploded <arg4> explosive device using <arg3> to attack <arg2> target at <arg5> place",
    roles: ["Attacker", "Target", "Instrument", "ExplosiveDevice", "Place"],
    role_types: [
      ["per", "org", "gpe"],
      ["loc", "gpe", "fac", "per", "veh"],
      ["wea"],
      ["wea"],
      ["loc", "gpe", "fac"],
    ],
  },
};

/** Roles of further KAIROS types used by the positional tests (abridged). */
export const fixtureOntologyMore: KairosOntology = {
  "Conflict.Attack.Unspecified": {
    template: "<arg1> attacked <arg2> using <arg3> at <arg4> place",
    roles: ["Attacker", "Target", "Instrument", "Place"],
    role_types: [
      ["per", "org", "gpe"],
      ["loc", "gpe", "fac", "per", "veh"],
      ["wea", "veh"],
      ["loc", "gpe", "fac"],
    ],
  },
  "Justice.ArrestJailDetain.Unspecified": {
    template: "<arg1> arrested or jailed <arg2> for <arg3> crime at <arg4> place",
    roles: ["Jailer", "Detainee", "Crime", "Place"],
    role_types: [["per", "org", "gpe"], ["per"], ["event"], ["loc", "gpe", "fac"]],
  },
  "Life.Injure.Unspecified": {
    template:
      "<arg1> was injured by <arg2> using <arg3> in <arg4> body part with <arg5> medical issue at <arg6> place",
    roles: ["Victim", "Injurer", "Instrument", "BodyPart", "MedicalCondition", "Place"],
    role_types: [["per"], ["per", "org", "gpe"], ["wea", "veh"], ["bod"], ["mhi"], ["loc", "gpe", "fac"]],
  },
  "Movement.Transportation.Unspecified": {
    template: "<arg1> transported <arg2> in <arg3> from <arg4> place to <arg5> place",
    roles: ["Transporter", "PassengerArtifact", "Vehicle", "Origin", "Destination"],
    role_types: [["per", "org"], ["per", "wea"], ["veh"], ["loc", "gpe", "fac"], ["loc", "gpe", "fac"]],
  },
};
