import { describe, expect, it } from "vitest";
import { AnalysisDoc } from "../../src/pipeline/doc.js";
import { normalizeText } from "../../src/pipeline/normalize.js";
import { alignNormalized } from "../geo/align.js";
import { charsToTokens, tokenIndexIn, wikieventsArguments } from "./adapter.js";
import { fixtureDoc, fixtureOntology } from "./fixtures.js";
import { rebuildText } from "./reader.js";

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
    // nothing in the second sentence
    expect(args["fx1-E2"]).toEqual([]);
    // a type outside the ontology gets nothing
    expect(args["fx1-E3"]).toEqual([]);
    // DetonateExplode: weapons are explosive devices
    expect(args["fx1-E4"]).toEqual([
      { role: "ExplosiveDevice", start: 1, end: 2, text: "bomb" },
      { role: "Place", start: 9, end: 10, text: "Kabul" },
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
