import { describe, expect, it } from "vitest";
import { crocusA, crocusB, crocusC, dagestan, type Fixture } from "../../test/contract/incident-fixtures.js";
import { crocusId, storeWith } from "../../test/support/incident-store.js";
import type { Entity } from "../core/index.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { actorProfile } from "./actor-profile.js";
import { mergeActors, proposeMerges } from "./actors.js";
import { resolveIncidents } from "./incident-resolver.js";
import { incidentView, listIncidents } from "./incidents.js";
import { gradeSummary, Knowledge } from "./knowledge.js";
import { decide } from "./review.js";
import { trends } from "./trends.js";

function from(f: Fixture, source: string): Fixture {
  return {
    document: { ...f.document, source },
    analysis: { ...f.analysis, document: { ...f.analysis.document, source } },
  };
}

// Three outlets reporting the Crocus attack, plus an unrelated attack from a fourth.
const A = from(crocusA, "Wire");
const B = from(crocusB, "Monitor");
const C = from(crocusC, "Daily");
const D = from(dagestan, "Radio");

describe("grades", () => {
  it("grades reports F6 until the source is graded, and 2 when another source reports the same incident", async () => {
    const store = await storeWith([A, D]);
    let k = await Knowledge.open(store);
    const lone = await k.events({ documentId: A.document.id });
    expect(lone[0].grade).toMatchObject({ reliability: "F", credibility: 6, code: "F6" });
    expect(lone[0].grade.confidence).toBeUndefined();
    expect(lone[0].grade.basis).toEqual(["source Wire not graded (F)", "single source"]);

    await store.saveAnalysis(B);
    await resolveIncidents(store, B);
    await store.setSourceReliability({ source: "Wire", reliability: "B", analyst: "ana" });
    k = await Knowledge.open(store);
    const [a] = await k.events({ documentId: A.document.id });
    expect(a.grade).toMatchObject({ reliability: "B", credibility: 2, code: "B2", confidence: 70 });
    expect(a.grade.basis).toEqual(["source Wire graded B", "also reported by 1 other source"]);
    const [d] = await k.events({ documentId: D.document.id });
    expect(d.grade.code).toBe("F6");
    await store.close();
  });

  it("lets an analyst override the grades of one report", async () => {
    const store = await storeWith([A, B]);
    await decide(store, {
      itemKind: "event",
      documentId: A.document.id,
      itemId: "ev:1",
      decision: "edited",
      edit: { reliability: "A", credibility: 1 },
      analyst: "ana",
    });
    const k = await Knowledge.open(store);
    const [a] = await k.events({ documentId: A.document.id });
    expect(a.grade).toMatchObject({ code: "A1", confidence: 90 });
    expect(a.grade.basis).toEqual(["reliability set by an analyst", "credibility set by an analyst"]);
    // Grades are not analyst edits of the report's content.
    expect(a.edited).toBeUndefined();
    await expect(
      decide(store, {
        itemKind: "event",
        documentId: A.document.id,
        itemId: "ev:1",
        decision: "edited",
        edit: { credibility: 7 },
        analyst: "ana",
      }),
    ).rejects.toMatchObject({ code: "E_VALIDATION", details: { field: "credibility" } });
    await store.close();
  });

  it("summarises how many items rest on each grade", () => {
    const g = (code: string) => ({ grade: { code } as never });
    expect(gradeSummary([g("F6"), g("B2"), g("B2")])).toEqual({ B2: 2, F6: 1 });
  });
});

describe("incident view with grades, edits and as-of", () => {
  it("prefers the latest figure from the most reliable source and shows the grades behind each field", async () => {
    const store = await storeWith([A, B, C]);
    await store.setSourceReliability({ source: "Wire", reliability: "B", analyst: "ana" });
    await store.setSourceReliability({ source: "Monitor", reliability: "B", analyst: "ana" });
    await store.setSourceReliability({ source: "Daily", reliability: "D", analyst: "ana" });
    const view = await incidentView(store, await crocusId(store));
    expect(view?.killed.values.map((v) => [v.value.max ?? v.value.min, v.grade?.code])).toEqual([
      [133, "B2"],
      [137, "B2"],
      [145, "D2"],
    ]);
    // 145 is the latest, but from a less reliable source: 137 is the latest from the best ones.
    expect(view?.killed.preferred?.value).toEqual({ min: 137, max: 137 });
    expect(view?.killed.grades).toEqual({ B2: 2, D2: 1 });
    expect(view?.grades).toEqual({ B2: 2, D2: 1 });
    await store.close();
  });

  it("shows what was known as of a date: earlier reports only, decisions made by then", async () => {
    const store = await storeWith([A, B, C]);
    const id = await crocusId(store);
    await decide(store, {
      itemKind: "event",
      documentId: C.document.id,
      itemId: "ev:2",
      decision: "rejected",
      analyst: "ana",
    });
    const now = await incidentView(store, id);
    expect(now?.killed.values.map((v) => v.source.documentId)).toEqual([A.document.id, B.document.id]);
    // In mid-2024 nobody had rejected report C yet (the decision is dated today).
    const then = await incidentView(store, id, { asOf: "2024-06-01" });
    expect(then?.killed.values.map((v) => v.source.documentId)).toEqual([
      A.document.id,
      B.document.id,
      C.document.id,
    ]);
    const first = await incidentView(store, id, { asOf: "2024-03-23" });
    expect(first).toMatchObject({ asOf: "2024-03-23", eventCount: 1, documentCount: 1 });
    expect(first?.killed.preferred?.value).toEqual({ min: 133, approx: true });
    expect(await incidentView(store, id, { asOf: "2024-03-01" })).toBeUndefined();
    expect(await listIncidents(store, { asOf: "2024-03-01" })).toEqual([]);
    expect(await listIncidents(store, { asOf: "2024-02" })).toEqual([]);
    expect(await listIncidents(store, { asOf: "2024-03" })).toHaveLength(1);
    expect((await listIncidents(store, { asOf: "2024-03-23" })).map((i) => i.id)).toEqual([id]);
    await expect(incidentView(store, id, { asOf: "last week" })).rejects.toMatchObject({ code: "E_USAGE" });
    await store.close();
  });

  it("applies an analyst's edit of a report's date and marks it edited", async () => {
    const store = await storeWith([A, B]);
    await decide(store, {
      itemKind: "event",
      documentId: B.document.id,
      itemId: "ev:7",
      decision: "edited",
      edit: { date: "2024-03-21" },
      analyst: "ana",
    });
    const k = await Knowledge.open(store);
    const [b] = await k.events({ documentId: B.document.id });
    expect(b.date).toMatchObject({ value: "2024-03-21", precision: "day" });
    expect(b.edited).toEqual(["date"]);
    const view = await incidentView(store, await crocusId(store));
    expect(view?.date.values.map((d) => d.value.value)).toEqual(["2024-03-22", "2024-03-21"]);
    await store.close();
  });
});

describe("actor merges", () => {
  it("merges an actor into another for every view, and unmerging restores the profile exactly", async () => {
    const store = await storeWith([A, B, C, D]);
    const before = await actorProfile(store, "Islamic State");
    const m = await mergeActors(store, { from: "ISIS-K", into: "Islamic State", analyst: "ana" });
    expect(m.reason).toMatch(/analyst ana/);
    const merged = await actorProfile(store, "isis-k");
    expect(merged.actor.id).toBe("islamic-state");
    expect(merged.merged.map((x) => [x.id, x.reviewState])).toEqual([["isis-k", "accepted"]]);
    expect(merged.incidents.length).toBeGreaterThanOrEqual(before.incidents.length);
    const view = await incidentView(store, await crocusId(store));
    // Reports naming ISIS-K and Islamic State now read as one perpetrator with every attribution.
    expect(view?.perpetrators.map((p) => p.entity)).toEqual(["islamic-state"]);
    await store.unmergeEntities({ id: m.id, analyst: "ana" });
    expect(await actorProfile(store, "Islamic State")).toEqual(before);
    await expect(
      mergeActors(store, { from: "Islamic State", into: "Nobody", analyst: "ana" }),
    ).rejects.toMatchObject({
      code: "E_NOT_FOUND",
    });
    await store.close();
  });

  it("proposes acronyms and transliterations of known actors, and never re-proposes a rejected pair", async () => {
    const store = openSqliteStore(":memory:");
    const text = "TTP and Tehrik-i-Taliban Pakistan; Jabhat an-Nusrah and Jabhat al-Nusra; MSF.";
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
    const entities: Entity[] = [
      {
        id: "ttp",
        kind: "armed_group",
        name: "Tehrik-i-Taliban Pakistan",
        aliases: [],
        mentions: [at("Tehrik-i-Taliban Pakistan")],
      },
      { id: "org:ttp", kind: "organisation", name: "TTP", aliases: [], mentions: [at("TTP")] },
      {
        id: "nusra",
        kind: "armed_group",
        name: "Jabhat al-Nusra",
        aliases: [],
        mentions: [at("Jabhat al-Nusra")],
      },
      {
        id: "org:jabhat-an-nusrah",
        kind: "organisation",
        name: "Jabhat an-Nusrah",
        aliases: [],
        mentions: [at("Jabhat an-Nusrah")],
      },
      { id: "org:msf", kind: "organisation", name: "MSF", aliases: [], mentions: [at("MSF")] },
    ];
    const document = { id: "doc:m", text, language: "en", tlp: "CLEAR" as const };
    await store.saveAnalysis({
      document,
      analysis: { document: { id: "doc:m" }, entities, events: [], claims: [], dates: [], quantities: [] },
    });
    const proposals = await proposeMerges(store);
    expect(proposals.map((p) => [p.from.id, p.into.id])).toEqual([
      ["org:jabhat-an-nusrah", "nusra"],
      ["org:ttp", "ttp"],
    ]);
    expect(proposals[1].reason).toMatch(/acronym/);
    expect(proposals[0].reason).toMatch(/transliteration/);
    const merges = await store.listEntityMerges({ reviewState: "proposed" });
    expect(merges).toHaveLength(2);
    expect((await store.findEntityByName("TTP"))?.id).toBe("ttp");
    // The analyst rejects one: it is undone and not proposed again.
    const ttp = merges.find((x) => x.from === "org:ttp");
    await store.unmergeEntities({ id: ttp?.id ?? 0, analyst: "ana", reject: true });
    expect((await store.findEntityByName("TTP"))?.id).toBe("org:ttp");
    expect(await proposeMerges(store)).toEqual([]);
    await store.close();
  });
});

describe("trends over incidents", () => {
  it("counts an attack reported three times once", async () => {
    const store = await storeWith([A, B, C]);
    await mergeActors(store, { from: "ISIS-K", into: "Islamic State", analyst: "ana" });
    const report = await trends(store, { actor: "islamic-state", asOf: "2024-06-30", windowMonths: 6 });
    expect(report.actors.map((a) => [a.actor.id, a.tempo])).toEqual([
      ["islamic-state", [{ month: "2024-03", attacks: 1 }]],
    ]);
    expect(report.actors[0].newCountries).toEqual(["RU"]);
    expect(report.actors[0].newRegions).toEqual(["Eastern Europe"]);
    await store.close();
  });
});
