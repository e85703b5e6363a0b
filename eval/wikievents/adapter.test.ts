import { describe, expect, it } from "vitest";
import { AnalysisDoc } from "../../src/pipeline/doc.js";
import { normalizeText } from "../../src/pipeline/normalize.js";
import { alignNormalized } from "../geo/align.js";
import { charsToTokens, tokenIndexIn, wikieventsArguments } from "./adapter.js";
import { fixtureDoc, fixtureOntology, fixtureOntologyMore } from "./fixtures.js";
import { rebuildText, type WeDocument } from "./reader.js";

function analysed() {
  const we = fixtureDoc();
  we.event_mentions.push({
    id: "fx1-E4",
    event_type: "Conflict.Attack.DetonateExplode",
    trigger: { start: 2, end: 3, text: "killed", sent_idx: 0 },
    arguments: [],
  });
  const { text, tokenStarts, tokenEnds } = rebuildText(we);
  const doc = new AnalysisDoc(text, { id: "t" });
  const nl = text.indexOf("\n");
  doc.sentences = [
    { start: 0, end: nl, tokenStart: 0, tokenEnd: 11 },
    { start: nl + 1, end: text.length, tokenStart: 11, tokenEnd: 14 },
  ];
  const at = (s: string) => text.indexOf(s);
  doc.mentions.push({
    start: at("Kabul"),
    end: at("Kabul") + 5,
    text: "Kabul",
    kind: "place",
    entity: "geonames:1",
    by: "t",
  });
  doc.addEntity({
    id: "geonames:1",
    kind: "place",
    name: "Kabul",
    aliases: [],
    geo: { lat: 34.5, lon: 69.2 },
  });
  const q = at("two soldiers");
  doc.quantities.push(
    Object.assign(
      { start: q, end: q + 12, text: "two soldiers", min: 2, max: 2, approx: "exact", unit: "soldier" },
      { effect: "killed" },
    ),
  );
  doc.events.push({
    id: "e1",
    type: "attack",
    subtype: "bombing",
    place: "geonames:1",
    perpetrators: [],
    targets: [],
    weapons: ["bomb"],
    evidence: [{ start: 0, end: at("Kabul") + 5, text: text.slice(0, at("Kabul") + 5) }],
  });
  return { we, doc, index: { starts: tokenStarts, ends: tokenEnds } };
}

describe("charsToTokens", () => {
  it("returns the tokens a character span covers", () => {
    const idx = { starts: [0, 4, 10], ends: [3, 9, 12] };
    expect(charsToTokens(idx, 4, 9)).toEqual([1, 2]);
    expect(charsToTokens(idx, 1, 11)).toEqual([0, 3]);
    expect(charsToTokens(idx, 3, 4)).toBeUndefined();
    expect(charsToTokens(idx, 20, 25)).toBeUndefined();
  });
});

describe("wikieventsArguments", () => {
  it("maps the pipeline's roles to the KAIROS roles of each gold event type", () => {
    const { we, doc, index } = analysed();
    const args = wikieventsArguments({ we, doc, index, ontology: fixtureOntology });
    // Life.Die: the counted noun of a killed-count is the victim; the linked attack's place
    expect(args["fx1-E1"]).toEqual([
      { role: "Victim", start: 7, end: 8, text: "soldiers" },
      { role: "Place", start: 9, end: 10, text: "Kabul" },
    ]);
    // "He died": the subject of an undergoer-first type (Life.Die) is its victim
    expect(args["fx1-E2"]).toEqual([{ role: "Victim", start: 11, end: 12, text: "He" }]);
    // a type outside the ontology gets nothing
    expect(args["fx1-E3"]).toEqual([]);
    // DetonateExplode: weapons are explosive devices; the first known noun after the verb is the
    // target ("general" is not in the noun list); "in Kabul" is the place
    expect(args["fx1-E4"]).toEqual([
      { role: "ExplosiveDevice", start: 1, end: 2, text: "bomb" },
      { role: "Target", start: 7, end: 8, text: "soldiers" },
      { role: "Place", start: 9, end: 10, text: "Kabul" },
    ]);
  });
});

/** A one-sentence WikiEvents document and a pipeline doc with sentences only (plus given mentions). */
function sentenceDoc(words: string[], events: [string, number][], places: string[] = []) {
  const toks: [string, number, number][] = [];
  let at = 0;
  for (const w of words) {
    toks.push([w, at, at + w.length]);
    at += w.length + 1;
  }
  const we: WeDocument = {
    doc_id: "fx2",
    tokens: words,
    text: words.join(" "),
    sentences: [[toks, words.join(" ")]],
    entity_mentions: [],
    event_mentions: events.map(([type, i], k) => ({
      id: `fx2-E${k}`,
      event_type: type,
      trigger: { start: i, end: i + 1, text: words[i], sent_idx: 0 },
      arguments: [],
    })),
  };
  const { text, tokenStarts, tokenEnds } = rebuildText(we);
  const doc = new AnalysisDoc(text, { id: "t2" });
  doc.sentences = [{ start: 0, end: text.length, tokenStart: 0, tokenEnd: words.length }];
  for (const p of places) {
    const i = words.indexOf(p);
    doc.mentions.push({
      start: tokenStarts[i],
      end: tokenEnds[i],
      text: p,
      kind: "place",
      entity: `p:${p}`,
      by: "t",
    });
  }
  const ontology = { ...fixtureOntology, ...fixtureOntologyMore };
  return wikieventsArguments({ we, doc, index: { starts: tokenStarts, ends: tokenEnds }, ontology });
}

describe("fillByPosition (ontology roles by word order)", () => {
  it("active verb: agent before, undergoer after, instrument and locative place", () => {
    const w = "Yesterday gunmen attacked a checkpoint with rifles in Springfield .".split(" ");
    expect(sentenceDoc(w, [["Conflict.Attack.Unspecified", 2]], ["Springfield"])["fx2-E0"]).toEqual([
      { role: "Instrument", start: 6, end: 7, text: "rifles" },
      { role: "Attacker", start: 1, end: 2, text: "gunmen" },
      { role: "Target", start: 4, end: 5, text: "checkpoint" },
      { role: "Place", start: 8, end: 9, text: "Springfield" },
    ]);
  });

  it("passive verb: undergoer before, agent after 'by'", () => {
    const w = "Two suspects were arrested by police on Monday .".split(" ");
    expect(sentenceDoc(w, [["Justice.ArrestJailDetain.Unspecified", 3]])["fx2-E0"]).toEqual([
      { role: "Jailer", start: 5, end: 6, text: "police" },
      { role: "Detainee", start: 1, end: 2, text: "suspects" },
    ]);
  });

  it("nominal trigger: prenominal agent, undergoer after 'on'; no place from a non-locative phrase", () => {
    const w = "the rebel attack on the convoy shocked residents of Springfield".split(" ");
    expect(sentenceDoc(w, [["Conflict.Attack.Unspecified", 2]], ["Springfield"])["fx2-E0"]).toEqual([
      { role: "Attacker", start: 1, end: 2, text: "rebel" },
      { role: "Target", start: 5, end: 6, text: "convoy" },
    ]);
  });

  it("undergoer-first types take the subject as victim unless a transitive object follows", () => {
    const w = "A man was injured when a soldier shot civilians .".split(" ");
    const args = sentenceDoc(
      w,
      [
        ["Life.Injure.Unspecified", 3],
        ["Life.Injure.Unspecified", 7],
      ],
      [],
    );
    expect(args["fx2-E0"]).toEqual([{ role: "Victim", start: 1, end: 2, text: "man" }]);
    expect(args["fx2-E1"]).toEqual([
      { role: "Victim", start: 8, end: 9, text: "civilians" },
      { role: "Injurer", start: 6, end: 7, text: "soldier" },
    ]);
  });

  it("a noun after 'to' is a destination, not the transported thing", () => {
    const w = "He drove to the airport".split(" ");
    expect(sentenceDoc(w, [["Movement.Transportation.Unspecified", 1]])["fx2-E0"]).toEqual([
      { role: "Transporter", start: 0, end: 1, text: "He" },
      { role: "Destination", start: 4, end: 5, text: "airport" },
    ]);
  });
});

describe("tokenIndexIn", () => {
  it("moves token offsets from the raw text into the normalised text", () => {
    const raw = "  A\u00adB c";
    const norm = normalizeText(raw); // "AB c"
    const idx = tokenIndexIn(alignNormalized(raw, norm), norm.length, [2, 6], [5, 7]);
    expect(idx).toEqual({ starts: [0, 3], ends: [2, 4] });
    expect(norm.slice(idx.starts[0], idx.ends[0])).toBe("AB");
  });
});
