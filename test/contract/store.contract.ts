/**
 * The behaviour every Store implementation must show (Kysely's per-dialect loop, Hono's shared
 * router cases). An adapter's test file calls `runStoreContract("sqlite", open)` with a function
 * that opens a fresh, empty store.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Analysis, Claim, Document, Entity, Event, Span } from "../../src/core/index.js";
import type { IncidentMemberInput, Store, StoredClaim, StoredEvent } from "../../src/store/store.js";

// ---- hand-built fixtures -----------------------------------------------------------------------

function spanOf(text: string, needle: string, from = 0): Span {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { start, end: start + needle.length, text: needle };
}

function doc(id: string, text: string, meta: Partial<Document> = {}): Document {
  return { id, text, language: "en", tlp: "CLEAR", ...meta };
}

function analysisOf(d: Document, parts: Partial<Omit<Analysis, "document">>): Analysis {
  return {
    document: { id: d.id, title: d.title, published: d.published, source: d.source },
    entities: [],
    events: [],
    claims: [],
    dates: [],
    quantities: [],
    ...parts,
  };
}

const IS = "ent:islamic-state";
const ISK = "ent:iskp";
const SHABAAB = "ent:al-shabaab";
const BOKO = "ent:boko-haram";
const KABUL = "ent:kabul";

// Document A: Kabul, dated event with a place entity, two claims.
const textA =
  "Islamic State Khorasan (ISKP) claimed a suicide bombing in Kabul on 15 March 2024 that killed 12 people. " +
  "The group, an affiliate of the Islamic State, has 4,000-6,000 fighters, officials said.";
const docA = doc("doc:aaaa", textA, {
  title: "ISKP claims Kabul bombing",
  published: "2024-03-16",
  source: "Example Wire",
  url: "https://example.org/a",
  path: "/corpus/a.txt",
  note: "fixture A",
});
const entityIsk: Entity = {
  id: ISK,
  kind: "armed_group",
  name: "Islamic State Khorasan",
  aliases: ["ISKP"],
  parent: IS,
  parentRelation: "affiliate",
  countries: ["AF"],
  externalIds: { wikidata: "Q19000000" },
  mentions: [spanOf(textA, "Islamic State Khorasan"), spanOf(textA, "ISKP")],
};
const entityIs: Entity = {
  id: IS,
  kind: "armed_group",
  name: "Islamic State",
  aliases: ["ISIS", "IS"],
  mentions: [spanOf(textA, "Islamic State", 30)],
};
const entityKabul: Entity = {
  id: KABUL,
  kind: "place",
  name: "Kabul",
  aliases: [],
  geo: { lat: 34.5553, lon: 69.2075, country: "AF", precision: "city", geonamesId: 1138958 },
  mentions: [spanOf(textA, "Kabul")],
};
const eventA: Event = {
  id: "ev:1",
  type: "attack",
  subtype: "suicide_attack",
  label: "Suicide bombing in Kabul",
  date: { value: "2024-03-15", precision: "day", text: "15 March 2024", resolved: true },
  place: KABUL,
  perpetrators: [ISK],
  targets: [{ text: "people", type: "private_citizens_property" }],
  weapons: ["explosives"],
  attribution: { status: "claimed", by: ISK },
  casualties: { killed: { min: 12, max: 12, text: "killed 12 people" } },
  evidence: [spanOf(textA, "claimed a suicide bombing in Kabul on 15 March 2024 that killed 12 people")],
  confidence: 0.9,
};
const claimStrength: Claim = {
  id: "cl:strength",
  subject: ISK,
  property: "strength",
  value: "4000-6000",
  qualifiers: { min: 4000, max: 6000, unit: "fighter" },
  stance: "reported",
  heldBy: "officials",
  evidence: [spanOf(textA, "has 4,000-6,000 fighters")],
  confidence: 0.8,
};
const claimParent: Claim = {
  id: "cl:parent",
  subject: ISK,
  property: "parent",
  value: IS,
  object: IS,
  stance: "asserted",
  evidence: [spanOf(textA, "an affiliate of the Islamic State")],
};
const analysisA = analysisOf(docA, {
  entities: [entityIsk, entityIs, entityKabul],
  events: [eventA],
  claims: [claimStrength, claimParent],
});

// Document B: Somalia, month-precision event with the SAME event id as A (ids are per document),
// ISKP again under another name (alias union).
const textB =
  "Al-Shabaab's fighters attacked a military base near Mogadishu in June 2023, killing 5 soldiers. " +
  "Analysts compared the raid with ISIS-K operations.";
const docB = doc("doc:bbbb", textB, {
  title: "Raid near Mogadishu",
  published: "2023-06-20",
  source: "Horn Monitor",
  path: "/corpus/b.html",
});
const entityShabaab: Entity = {
  id: SHABAAB,
  kind: "armed_group",
  name: "al-Shabaab",
  aliases: ["Harakat al-Shabaab al-Mujahideen"],
  countries: ["SO"],
  mentions: [spanOf(textB, "Al-Shabaab")],
};
const entityIskAgain: Entity = {
  id: ISK,
  kind: "armed_group",
  name: "Islamic State Khorasan Province",
  aliases: ["ISIS-K", "ISKP"],
  countries: ["PK"],
  mentions: [spanOf(textB, "ISIS-K")],
};
const eventB: Event = {
  id: "ev:1",
  type: "attack",
  subtype: "armed_assault",
  date: { value: "2023-06", precision: "month", text: "June 2023", resolved: true },
  country: "SO",
  perpetrators: [SHABAAB],
  targets: [{ text: "military base", type: "military" }],
  weapons: [],
  casualties: { killed: { min: 5, max: 5 } },
  evidence: [spanOf(textB, "Al-Shabaab's fighters attacked a military base near Mogadishu in June 2023")],
};
const analysisB = analysisOf(docB, { entities: [entityShabaab, entityIskAgain], events: [eventB] });

// Document C: diacritics, an undated threat.
const textC = "Bōko Ḥarām militants threatened to attack schools in Maiduguri — again.";
const docC = doc("doc:cccc", textC, { title: "Threat to schools", path: "/corpus/c.md" });
const entityBoko: Entity = {
  id: BOKO,
  kind: "armed_group",
  name: "Bōko Ḥarām",
  aliases: ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"],
  parent: IS,
  parentRelation: "faction",
  mentions: [spanOf(textC, "Bōko Ḥarām")],
};
const eventC: Event = {
  id: "ev:threat",
  type: "threat",
  country: "NG",
  perpetrators: [BOKO],
  targets: [{ text: "schools", type: "educational_institution", entity: KABUL }],
  weapons: [],
  evidence: [spanOf(textC, "threatened to attack schools in Maiduguri")],
};
const analysisC = analysisOf(docC, { entities: [entityBoko], events: [eventC] });

function withoutProvenance(x: StoredEvent | StoredClaim): Event | Claim {
  const { documentId, documentTitle, published, source, ingestedAt, reviewState, ...rest } = x;
  return rest as Event | Claim;
}

/** A hand-made incident member of one of the fixture events (the store treats features as opaque). */
function member(
  documentId: string,
  eventId: string,
  incidentId: string,
  extra: Partial<IncidentMemberInput> = {},
): IncidentMemberInput {
  return {
    incidentId,
    documentId,
    eventId,
    family: "attack",
    sortKey: `${extra.dateStart ?? "9999-12-31"}|${documentId}|${eventId}`,
    features: { note: `features of ${eventId}` },
    reasons: [],
    keys: [],
    ...extra,
  };
}

/** Everything entity merges can change, as read through the Store, for exact before/after comparisons. */
async function snapshot(store: Store): Promise<unknown> {
  const ids = [IS, ISK, SHABAAB, BOKO, KABUL];
  const names = ["islamic state", "iskp", "isis-k", "al-shabaab", "boko haram", "kabul"];
  const out: Record<string, unknown> = { list: await store.listEntities() };
  for (const id of ids) {
    out[`entity ${id}`] = await store.getEntity(id);
    out[`children ${id}`] = (await store.childrenOf(id)).map((e) => e.id);
    out[`events ${id}`] = (await store.listEvents({ actor: id })).map((e) => [e.documentId, e.id]);
    out[`claims ${id}`] = (await store.listClaims({ subject: id })).map((c) => [c.documentId, c.id]);
    out[`mentions ${id}`] = (await store.listMentions({ entityId: id })).map((m) => [m.documentId, m.start]);
    out[`incidents ${id}`] = (await store.listIncidents({ actor: id })).map((i) => i.id);
  }
  for (const n of names) out[`name ${n}`] = (await store.findEntityByName(n))?.id;
  return out;
}

// ---- the suite ---------------------------------------------------------------------------------

export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function saveAll(): Promise<void> {
      await store.saveAnalysis({ document: docA, analysis: analysisA });
      await store.saveAnalysis({ document: docB, analysis: analysisB });
      await store.saveAnalysis({ document: docC, analysis: analysisC });
    }

    describe("saving", () => {
      // its speed is a bench figure (`npm run bench`: bulk against one-event saves), not a test bound
      it("saves a few thousand events of one document", async () => {
        const sentence = "Militants attacked a checkpoint. ";
        const text = sentence.repeat(5000);
        const events = Array.from({ length: 5000 }, (_, i) => ({
          id: `ev:${i}`,
          type: "attack" as const,
          date: {
            value: `2020-01-${String((i % 28) + 1).padStart(2, "0")}`,
            precision: "day" as const,
            resolved: true,
          },
          perpetrators: ["ent:militants"],
          targets: [],
          weapons: [],
          evidence: [
            { start: i * sentence.length, end: i * sentence.length + 31, text: sentence.slice(0, 31) },
          ],
        }));
        const big = doc("doc:big", text);
        await store.saveAnalysis({
          document: big,
          analysis: { document: { id: big.id }, entities: [], events, claims: [], dates: [], quantities: [] },
        });
        expect((await store.listEvents({ since: "2020-01-28" })).length).toBe(178);
      });

      it("saves a document and reads it back unchanged", async () => {
        expect(await store.hasDocument(docA.id)).toBe(false);
        expect(await store.saveAnalysis({ document: docA, analysis: analysisA })).toEqual({ inserted: true });
        expect(await store.hasDocument(docA.id)).toBe(true);
        expect(await store.getDocument(docA.id)).toEqual(docA);
        expect(await store.countDocuments()).toBe(1);
      });

      it("returns events and claims exactly as saved, with provenance and review state", async () => {
        await store.saveAnalysis({ document: docA, analysis: analysisA });
        const events = await store.listEvents();
        expect(events).toHaveLength(1);
        expect(withoutProvenance(events[0])).toEqual(eventA);
        expect(events[0]).toMatchObject({
          documentId: docA.id,
          documentTitle: docA.title,
          published: "2024-03-16",
          source: "Example Wire",
          reviewState: "proposed",
        });
        const claims = await store.listClaims({ subject: ISK });
        expect(claims.map(withoutProvenance)).toEqual(
          expect.arrayContaining([claimStrength, claimParent]) as unknown as Claim[],
        );
        expect(claims).toHaveLength(2);
        expect(claims[0].reviewState).toBe("proposed");
      });

      it("treats saving a stored document again as a no-op", async () => {
        await store.saveAnalysis({ document: docA, analysis: analysisA });
        const again = await store.saveAnalysis({ document: docA, analysis: analysisA });
        expect(again).toEqual({ inserted: false });
        expect(await store.countDocuments()).toBe(1);
        expect(await store.listEvents()).toHaveLength(1);
        expect(await store.listClaims()).toHaveLength(2);
        expect((await store.getEntity(ISK))?.mentionCount).toBe(2);
      });

      it("accepts a document without any analysis", async () => {
        const d = doc("doc:empty-analysis", "Nothing of note happened.");
        expect(await store.saveAnalysis({ document: d, analysis: analysisOf(d, {}) })).toEqual({
          inserted: true,
        });
        expect(await store.getDocument(d.id)).toEqual(d);
      });

      it("rejects an analysis that belongs to another document", async () => {
        await expect(store.saveAnalysis({ document: docA, analysis: analysisB })).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        expect(await store.countDocuments()).toBe(0);
      });
    });

    describe("atomicity", () => {
      it("writes nothing when an evidence span fails midway", async () => {
        const bad: Event = { ...eventA, id: "ev:bad", evidence: [{ start: 10, end: 5, text: "oops" }] };
        const analysis = { ...analysisA, events: [eventA, bad] };
        await expect(store.saveAnalysis({ document: docA, analysis })).rejects.toMatchObject({
          code: "E_VALIDATION",
          details: expect.objectContaining({ documentId: docA.id }),
        });
        expect(await store.hasDocument(docA.id)).toBe(false);
        expect(await store.countDocuments()).toBe(0);
        expect(await store.listEntities()).toEqual([]);
        expect(await store.listEvents()).toEqual([]);
        expect(await store.listClaims()).toEqual([]);
        expect(await store.search("bombing")).toEqual([]);
      });

      it("writes nothing when the database refuses a row (duplicate event id)", async () => {
        const analysis = { ...analysisA, events: [eventA, { ...eventA }] };
        await expect(store.saveAnalysis({ document: docA, analysis })).rejects.toMatchObject({
          code: "E_STORE",
        });
        expect(await store.countDocuments()).toBe(0);
        expect(await store.listEntities()).toEqual([]);
        // The same document saves cleanly afterwards.
        expect(await store.saveAnalysis({ document: docA, analysis: analysisA })).toEqual({ inserted: true });
      });

      it("rolls back entity merges of a failed save", async () => {
        await store.saveAnalysis({ document: docA, analysis: analysisA });
        const text = "ISKP, also called XYZ Front, was blamed.";
        const d = doc("doc:failing", text);
        const analysis = analysisOf(d, {
          entities: [{ ...entityIsk, aliases: ["XYZ Front"], mentions: [spanOf(text, "ISKP")] }],
          claims: [{ ...claimStrength, evidence: [{ start: 0, end: 4, text: "nope" }] }],
        });
        await expect(store.saveAnalysis({ document: d, analysis })).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        expect((await store.getEntity(ISK))?.aliases).toEqual(["ISKP"]);
        expect(await store.findEntityByName("xyz front")).toBeUndefined();
        expect(await store.countDocuments()).toBe(1);
      });

      it("rejects a mention whose text does not match its offsets", async () => {
        const wrong = { ...entityKabul, mentions: [{ ...spanOf(textA, "Kabul"), text: "Kandahar" }] };
        const analysis = { ...analysisA, entities: [entityIsk, wrong] };
        await expect(store.saveAnalysis({ document: docA, analysis })).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        expect(await store.countDocuments()).toBe(0);
      });
    });

    describe("documents", () => {
      it("lists documents newest first with counts, limit and offset", async () => {
        await saveAll();
        const all = await store.listDocuments();
        expect(all.map((d) => d.id)).toEqual([docC.id, docB.id, docA.id]);
        const a = all[2];
        expect(a).toMatchObject({
          title: docA.title,
          published: docA.published,
          source: docA.source,
          url: docA.url,
          path: docA.path,
          note: docA.note,
          tlp: "CLEAR",
          language: "en",
          chars: textA.length,
          eventCount: 1,
          claimCount: 2,
        });
        expect(typeof a.ingestedAt).toBe("string");
        expect((await store.listDocuments({ limit: 1, offset: 1 })).map((d) => d.id)).toEqual([docB.id]);
        expect(await store.countDocuments()).toBe(3);
      });

      it("finds a document by its path", async () => {
        await saveAll();
        expect((await store.findDocumentByPath("/corpus/b.html"))?.id).toBe(docB.id);
        expect(await store.findDocumentByPath("/corpus/missing.txt")).toBeUndefined();
        expect(await store.getDocument("doc:missing")).toBeUndefined();
      });

      it("keeps TLP markings and notes", async () => {
        const d = doc("doc:amber", "Restricted reporting on a plot.", {
          tlp: "AMBER+STRICT",
          note: "analyst copy",
        });
        await store.saveAnalysis({ document: d, analysis: analysisOf(d, {}) });
        expect(await store.getDocument(d.id)).toMatchObject({ tlp: "AMBER+STRICT", note: "analyst copy" });
      });
    });

    describe("entities", () => {
      it("unions aliases and fills missing fields when an entity is seen again", async () => {
        await saveAll();
        const isk = await store.getEntity(ISK);
        expect(isk).toMatchObject({
          id: ISK,
          kind: "armed_group",
          name: "Islamic State Khorasan",
          parent: IS,
          parentRelation: "affiliate",
          externalIds: { wikidata: "Q19000000" },
          reviewState: "proposed",
          mentionCount: 3,
          documentCount: 2,
        });
        expect(isk?.aliases).toEqual(["ISKP", "Islamic State Khorasan Province", "ISIS-K"]);
        expect(isk?.countries).toEqual(["AF", "PK"]);
      });

      it("keeps geo data", async () => {
        await saveAll();
        expect((await store.getEntity(KABUL))?.geo).toEqual(entityKabul.geo);
      });

      it("finds entities by name or alias, ignoring case and diacritics", async () => {
        await saveAll();
        expect((await store.findEntityByName("iskp"))?.id).toBe(ISK);
        expect((await store.findEntityByName("ISLAMIC STATE KHORASAN"))?.id).toBe(ISK);
        expect((await store.findEntityByName("isis-k"))?.id).toBe(ISK);
        expect((await store.findEntityByName("Islamic State Khorasan Province"))?.id).toBe(ISK);
        expect((await store.findEntityByName("boko haram"))?.id).toBe(BOKO);
        expect((await store.findEntityByName("BŌKO ḤARĀM"))?.id).toBe(BOKO);
        expect((await store.findEntityByName("  Islamic   State "))?.id).toBe(IS);
        expect(await store.findEntityByName("Hezbollah")).toBeUndefined();
        expect(await store.findEntityByName("")).toBeUndefined();
      });

      it("lists entities with counts, by kind and by a folded substring", async () => {
        await saveAll();
        const all = await store.listEntities();
        // Most mentioned first; the order among ties is not part of the contract.
        expect(all[0]).toMatchObject({ id: ISK, mentionCount: 3, documentCount: 2 });
        expect(
          all
            .slice(1)
            .map((e) => e.id)
            .sort(),
        ).toEqual([BOKO, IS, SHABAAB, KABUL].sort());
        expect(all.slice(1).every((e) => e.mentionCount === 1 && e.documentCount === 1)).toBe(true);
        expect((await store.listEntities({ kind: "place" })).map((e) => e.id)).toEqual([KABUL]);
        expect((await store.listEntities({ q: "shabaab" })).map((e) => e.id)).toEqual([SHABAAB]);
        expect((await store.listEntities({ q: "HARAM" })).map((e) => e.id)).toEqual([BOKO]);
        expect((await store.listEntities({ q: "islamic state" })).map((e) => e.id)).toEqual([ISK, IS]);
        expect(await store.listEntities({ q: "100%_" })).toEqual([]);
        const page = await store.listEntities({ limit: 2, offset: 1 });
        expect(page).toHaveLength(2);
        expect(page.map((e) => e.id)).toEqual(all.slice(1, 3).map((e) => e.id));
      });

      it("lists the children of an entity", async () => {
        await saveAll();
        expect((await store.childrenOf(IS)).map((e) => e.id)).toEqual([BOKO, ISK]);
        expect(await store.childrenOf(KABUL)).toEqual([]);
      });

      it("lists mentions by entity and by document", async () => {
        await saveAll();
        const isk = await store.listMentions({ entityId: ISK });
        expect(isk.map((m) => [m.documentId, m.text])).toEqual([
          [docB.id, "ISIS-K"],
          [docA.id, "Islamic State Khorasan"],
          [docA.id, "ISKP"],
        ]);
        for (const m of await store.listMentions({ documentId: docA.id })) {
          expect(textA.slice(m.start, m.end)).toBe(m.text);
        }
      });
    });

    describe("events", () => {
      it("orders events by date, newest first, undated last", async () => {
        await saveAll();
        const events = await store.listEvents();
        expect(events.map((e) => [e.documentId, e.id])).toEqual([
          [docA.id, "ev:1"],
          [docB.id, "ev:1"],
          [docC.id, "ev:threat"],
        ]);
        expect(withoutProvenance(events[1])).toEqual(eventB);
        expect(withoutProvenance(events[2])).toEqual(eventC);
      });

      it("filters by actor (perpetrator or target entity)", async () => {
        await saveAll();
        expect((await store.listEvents({ actor: ISK })).map((e) => e.documentId)).toEqual([docA.id]);
        expect(
          (await store.listEvents({ actor: SHABAAB, actorRole: "perpetrator" })).map((e) => e.id),
        ).toEqual(["ev:1"]);
        expect((await store.listEvents({ actor: KABUL })).map((e) => e.id)).toEqual(["ev:threat"]);
        expect(await store.listEvents({ actor: KABUL, actorRole: "perpetrator" })).toEqual([]);
        expect(await store.listEvents({ actor: "ent:nobody" })).toEqual([]);
      });

      it("filters by country, falling back to the place entity's country", async () => {
        await saveAll();
        expect((await store.listEvents({ country: "AF" })).map((e) => e.documentId)).toEqual([docA.id]);
        expect((await store.listEvents({ country: "so" })).map((e) => e.documentId)).toEqual([docB.id]);
        expect(await store.listEvents({ country: "FR" })).toEqual([]);
      });

      it("filters by date: since/until compare the whole period and drop undated events", async () => {
        await saveAll();
        const ids = async (o: { since?: string; until?: string }) =>
          (await store.listEvents(o)).map((e) => e.documentId);
        expect(await ids({ since: "2023-06-15" })).toEqual([docA.id, docB.id]);
        expect(await ids({ since: "2023-07-01" })).toEqual([docA.id]);
        expect(await ids({ since: "2024" })).toEqual([docA.id]);
        expect(await ids({ until: "2023-12-31" })).toEqual([docB.id]);
        expect(await ids({ since: "2023-01-01", until: "2023-06-01" })).toEqual([docB.id]);
        await expect(store.listEvents({ since: "last week" })).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
      });

      it("filters by type and document, and limits", async () => {
        await saveAll();
        expect((await store.listEvents({ type: "threat" })).map((e) => e.id)).toEqual(["ev:threat"]);
        expect((await store.listEvents({ documentId: docB.id })).map((e) => e.documentId)).toEqual([docB.id]);
        expect(await store.listEvents({ limit: 1 })).toHaveLength(1);
        expect((await store.listEvents({ limit: 1, offset: 2 }))[0].id).toBe("ev:threat");
      });
    });

    describe("claims", () => {
      it("filters claims by subject and property, with document details", async () => {
        await saveAll();
        const strength = await store.listClaims({ subject: ISK, property: "strength" });
        expect(strength).toHaveLength(1);
        expect(strength[0]).toMatchObject({
          value: "4000-6000",
          documentId: docA.id,
          documentTitle: docA.title,
          published: docA.published,
          source: docA.source,
        });
        expect(await store.listClaims({ subject: SHABAAB })).toEqual([]);
        expect((await store.listClaims({ property: "parent" })).map((c) => c.id)).toEqual(["cl:parent"]);
        expect(await store.listClaims({ documentId: docB.id })).toEqual([]);
      });
    });

    describe("incidents", () => {
      const memberA = () =>
        member(docA.id, "ev:1", "incident:a", {
          dateStart: "2024-03-15",
          dateEnd: "2024-03-15",
          datePrecision: "day",
          country: "AF",
          keys: ["name:facility:kabul-airport"],
        });
      const memberB = () =>
        member(docB.id, "ev:1", "incident:b", {
          dateStart: "2023-06-01",
          dateEnd: "2023-06-30",
          datePrecision: "month",
          country: "SO",
        });
      const memberC = () =>
        member(docC.id, "ev:threat", "incident:c", { keys: ["name:facility:kabul-airport"] });

      it("stores links with score and reasons and aggregates each incident", async () => {
        await saveAll();
        await store.applyIncidentChanges({ merges: [], members: [memberA(), memberB()] });
        expect(await store.countIncidents()).toBe(2);
        const all = await store.listIncidents();
        expect(all.map((i) => i.id)).toEqual(["incident:a", "incident:b"]);
        expect(all[0]).toEqual({
          id: "incident:a",
          family: "attack",
          type: "attack",
          subtype: "suicide_attack",
          label: "Suicide bombing in Kabul",
          firstDate: "2024-03-15",
          lastDate: "2024-03-15",
          country: "AF",
          eventCount: 1,
          documentCount: 1,
          reviewState: "proposed",
        });
        await store.applyIncidentChanges({
          merges: [],
          members: [
            {
              ...memberC(),
              incidentId: "incident:a",
              score: 5.5,
              reasons: ["+4 shared name Kabul airport", "+1 same type"],
              linkedTo: { documentId: docA.id, eventId: "ev:1" },
            },
          ],
        });
        const detail = await store.getIncident("incident:a");
        expect(detail).toMatchObject({
          eventCount: 2,
          documentCount: 2,
          firstDate: "2024-03-15",
          country: "AF",
        });
        expect(detail?.members.map((m) => [m.documentId, m.eventId])).toEqual([
          [docA.id, "ev:1"],
          [docC.id, "ev:threat"],
        ]);
        const c = detail?.members[1];
        expect(c).toMatchObject({
          score: 5.5,
          reasons: ["+4 shared name Kabul airport", "+1 same type"],
          linkedTo: { documentId: docA.id, eventId: "ev:1" },
          reviewState: "proposed",
          features: { note: "features of ev:threat" },
          incidentHead: `2024-03-15|${docA.id}|ev:1`,
        });
        expect(withoutProvenance(detail?.members[0].event as StoredEvent)).toEqual(eventA);
        expect(detail?.members[0].event).toMatchObject({
          documentTitle: docA.title,
          published: docA.published,
        });
        expect(await store.getIncident("incident:missing")).toBeUndefined();
        expect((await store.listIncidentMembers({ documentId: docC.id })).map((m) => m.incidentId)).toEqual([
          "incident:a",
        ]);
      });

      it("blocks by family, date window per precision and country, and by keys", async () => {
        await saveAll();
        await store.applyIncidentChanges({ merges: [], members: [memberA(), memberB(), memberC()] });
        const ids = async (q: Parameters<Store["blockIncidents"]>[0]) =>
          (await store.blockIncidents(q)).map((m) => m.documentId);
        const day = (from: string, to: string) => [{ precision: "day", from, to }];
        expect(
          await ids({ family: "attack", windows: day("2024-03-12", "2024-03-18"), country: "AF" }),
        ).toEqual([docA.id]);
        expect(await ids({ family: "attack", windows: day("2024-03-12", "2024-03-18") })).toEqual([docA.id]);
        expect(
          await ids({ family: "attack", windows: day("2024-03-12", "2024-03-18"), country: "RU" }),
        ).toEqual([]);
        expect(
          await ids({ family: "attack", windows: day("2024-03-16", "2024-03-18"), country: "AF" }),
        ).toEqual([]);
        expect(await ids({ family: "plot", windows: day("2024-03-12", "2024-03-18") })).toEqual([]);
        expect(
          await ids({
            family: "attack",
            windows: [{ precision: "month", from: "2023-06-01", to: "2023-06-15" }],
          }),
        ).toEqual([docB.id]);
        expect(await ids({ family: "attack", windows: day("2023-06-01", "2023-06-15") })).toEqual([]);
        expect(await ids({ family: "attack", keys: ["name:facility:kabul-airport"] })).toEqual([
          docA.id,
          docC.id,
        ]);
        expect(
          await ids({ family: "attack", keys: ["name:facility:kabul-airport"], keysUndatedOnly: true }),
        ).toEqual([docC.id]);
        expect(await ids({ family: "attack", keys: ["name:other"] })).toEqual([]);
      });

      it("includes members without a country in a country-restricted block", async () => {
        await saveAll();
        const { country, ...noCountry } = memberA();
        await store.applyIncidentChanges({ merges: [], members: [noCountry] });
        expect(
          (
            await store.blockIncidents({
              family: "attack",
              windows: [{ precision: "day", from: "2024-03-15", to: "2024-03-15" }],
              country: "RU",
            })
          ).map((m) => m.documentId),
        ).toEqual([docA.id]);
      });

      it("merges incidents, recomputes aggregates and deletes the emptied one", async () => {
        await saveAll();
        await store.applyIncidentChanges({ merges: [], members: [memberA(), memberB()] });
        await store.applyIncidentChanges({
          merges: [{ from: "incident:a", into: "incident:b" }],
          members: [{ ...memberA(), incidentId: "incident:b", score: 4.5, reasons: ["+4.5 because"] }],
        });
        expect((await store.listIncidents()).map((i) => i.id)).toEqual(["incident:b"]);
        expect(await store.getIncident("incident:b")).toMatchObject({
          firstDate: "2023-06-01",
          lastDate: "2024-03-15",
          eventCount: 2,
          documentCount: 2,
          type: "attack",
          subtype: "armed_assault",
        });
        // Merging into an id not stored yet creates it.
        await store.applyIncidentChanges({
          merges: [{ from: "incident:b", into: "incident:new" }],
          members: [],
        });
        expect((await store.listIncidents()).map((i) => i.id)).toEqual(["incident:new"]);
        expect(await store.countIncidents()).toBe(1);
      });

      it("rolls back a failing change set", async () => {
        await saveAll();
        await store.applyIncidentChanges({ merges: [], members: [memberA()] });
        await expect(
          store.applyIncidentChanges({
            merges: [],
            members: [memberB(), member("doc:missing", "ev:1", "incident:x")],
          }),
        ).rejects.toMatchObject({ code: "E_STORE" });
        expect((await store.listIncidents()).map((i) => i.id)).toEqual(["incident:a"]);
      });

      it("lists incidents by actor, country, date and family", async () => {
        await saveAll();
        await store.applyIncidentChanges({ merges: [], members: [memberA(), memberB(), memberC()] });
        const ids = async (o: Parameters<Store["listIncidents"]>[0]) =>
          (await store.listIncidents(o)).map((i) => i.id);
        expect(await ids({ actor: ISK })).toEqual(["incident:a"]);
        expect(await ids({ actor: SHABAAB })).toEqual(["incident:b"]);
        expect(await ids({ country: "so" })).toEqual(["incident:b"]);
        expect(await ids({ since: "2024-01-01" })).toEqual(["incident:a"]);
        expect(await ids({ since: "2023" })).toEqual(["incident:a", "incident:b"]);
        expect(await ids({ family: "plot" })).toEqual([]);
        expect(await ids({ limit: 1, offset: 1 })).toEqual(["incident:b"]);
        expect(await ids({})).toEqual(["incident:a", "incident:b", "incident:c"]);
        await expect(store.listIncidents({ since: "soon" })).rejects.toMatchObject({ code: "E_VALIDATION" });
      });
    });

    describe("review", () => {
      const key = (itemKind: "event" | "claim" | "incident_link", documentId: string, itemId: string) => ({
        itemKind,
        documentId,
        itemId,
      });

      it("records a decision, changes the item's state and takes it off the queue", async () => {
        await saveAll();
        const queue = await store.listProposed();
        expect(queue.map((q) => [q.itemKind, q.documentId, q.itemId])).toEqual([
          ["event", docA.id, "ev:1"],
          ["event", docB.id, "ev:1"],
          ["event", docC.id, "ev:threat"],
          ["claim", docA.id, "cl:parent"],
          ["claim", docA.id, "cl:strength"],
        ]);
        expect(queue[0]).toMatchObject({ documentTitle: docA.title, published: docA.published });
        expect(queue[0].event?.evidence[0].text).toBe(eventA.evidence[0].text);
        expect(queue[4].claim?.evidence[0].text).toBe("has 4,000-6,000 fighters");
        const review = await store.recordReview({
          ...key("event", docA.id, "ev:1"),
          decision: "accepted",
          analyst: "ana",
        });
        expect(review).toMatchObject({ decision: "accepted", previousState: "proposed", analyst: "ana" });
        expect(typeof review.createdAt).toBe("string");
        const events = await store.listEvents();
        expect(events.find((e) => e.documentId === docA.id)?.reviewState).toBe("accepted");
        // Same event id in another document: untouched.
        expect(events.find((e) => e.documentId === docB.id)?.reviewState).toBe("proposed");
        expect((await store.listProposed({ kind: "event" })).map((q) => q.documentId)).toEqual([
          docB.id,
          docC.id,
        ]);
        expect(await store.listProposed({ limit: 2 })).toHaveLength(2);
        expect((await store.listProposed({ kind: "claim", limit: 1 })).map((q) => q.itemId)).toEqual([
          "cl:parent",
        ]);
      });

      it("keeps the full history in order, with edits and notes", async () => {
        await saveAll();
        const claim = key("claim", docA.id, "cl:strength");
        await store.recordReview({ ...claim, decision: "accepted", analyst: "ana" });
        await store.recordReview({
          ...claim,
          decision: "edited",
          edit: { value: "4000-5000" },
          analyst: "ben",
          note: "UN report",
        });
        await store.recordReview({ ...claim, decision: "rejected", analyst: "ana" });
        await store.recordReview({ ...key("event", docB.id, "ev:1"), decision: "rejected", analyst: "ana" });
        const history = await store.listReviews({
          itemKind: "claim",
          documentId: docA.id,
          itemId: "cl:strength",
        });
        expect(history.map((r) => [r.decision, r.previousState, r.analyst])).toEqual([
          ["accepted", "proposed", "ana"],
          ["edited", "accepted", "ben"],
          ["rejected", "edited", "ana"],
        ]);
        expect(history[1]).toMatchObject({ edit: { value: "4000-5000" }, note: "UN report" });
        expect(history[0].edit).toBeUndefined();
        expect(history[0].id).toBeLessThan(history[1].id);
        expect(await store.listReviews()).toHaveLength(4);
        expect(await store.listReviews({ itemKind: "event" })).toHaveLength(1);
        expect(await store.listReviews({ itemId: "ev:1" })).toHaveLength(1);
      });

      it("flags a rejected claim when it is listed", async () => {
        await saveAll();
        await store.recordReview({
          ...key("claim", docA.id, "cl:parent"),
          decision: "rejected",
          analyst: "ana",
        });
        const claims = await store.listClaims({ subject: ISK });
        expect(claims.find((c) => c.id === "cl:parent")?.reviewState).toBe("rejected");
        expect(claims.find((c) => c.id === "cl:strength")?.reviewState).toBe("proposed");
      });

      it("rejects unknown items and malformed decisions, recording nothing", async () => {
        await saveAll();
        const unknown = store.recordReview({
          ...key("event", docA.id, "ev:nope"),
          decision: "accepted",
          analyst: "ana",
        });
        await expect(unknown).rejects.toMatchObject({ code: "E_NOT_FOUND" });
        await expect(unknown).rejects.toThrow(/ev:nope/);
        // A claim id is not an event id, and an event without a link is no incident link.
        await expect(
          store.recordReview({ ...key("event", docA.id, "cl:parent"), decision: "accepted", analyst: "ana" }),
        ).rejects.toMatchObject({ code: "E_NOT_FOUND" });
        await expect(
          store.recordReview({
            ...key("incident_link", docA.id, "ev:1"),
            decision: "accepted",
            analyst: "ana",
          }),
        ).rejects.toMatchObject({ code: "E_NOT_FOUND" });
        await expect(
          store.recordReview({ ...key("event", docA.id, "ev:1"), decision: "edited", analyst: "ana" }),
        ).rejects.toMatchObject({ code: "E_VALIDATION" });
        await expect(
          store.recordReview({
            ...key("event", docA.id, "ev:1"),
            decision: "accepted",
            edit: { killed: 3 },
            analyst: "ana",
          }),
        ).rejects.toMatchObject({ code: "E_VALIDATION" });
        await expect(
          store.recordReview({ ...key("event", docA.id, "ev:1"), decision: "accepted", analyst: " " }),
        ).rejects.toMatchObject({ code: "E_VALIDATION" });
        expect(await store.listReviews()).toEqual([]);
        expect((await store.listEvents({ documentId: docA.id }))[0].reviewState).toBe("proposed");
      });

      it("reviews incident links, and decisions survive re-saving and re-linking", async () => {
        await saveAll();
        const a = member(docA.id, "ev:1", "incident:a", { dateStart: "2024-03-15", datePrecision: "day" });
        const c = {
          ...member(docC.id, "ev:threat", "incident:a"),
          score: 5,
          reasons: ["+4 shared name"],
          linkedTo: { documentId: docA.id, eventId: "ev:1" },
        };
        await store.applyIncidentChanges({ merges: [], members: [a, c] });
        const links = await store.listProposed({ kind: "incident_link" });
        // Only the linked member is a link to judge; the incident's first member links to nothing.
        expect(links.map((l) => [l.documentId, l.itemId])).toEqual([[docC.id, "ev:threat"]]);
        expect(links[0]).toMatchObject({ link: { score: 5, linkedTo: { documentId: docA.id } } });
        expect(links[0].event?.evidence[0].text).toBe("threatened to attack schools in Maiduguri");
        await store.recordReview({
          ...key("incident_link", docC.id, "ev:threat"),
          decision: "rejected",
          analyst: "ana",
          note: "a threat, not the attack",
        });
        await store.recordReview({
          ...key("claim", docA.id, "cl:parent"),
          decision: "accepted",
          analyst: "ana",
        });
        // Re-running the pipeline: the same document again, the resolver re-writing the same member.
        expect(await store.saveAnalysis({ document: docA, analysis: analysisA })).toEqual({
          inserted: false,
        });
        await store.applyIncidentChanges({
          merges: [{ from: "incident:a", into: "incident:z" }],
          members: [c],
        });
        const members = await store.listIncidentMembers({ documentId: docC.id });
        expect(members[0].reviewState).toBe("rejected");
        expect((await store.listClaims({ property: "parent" }))[0].reviewState).toBe("accepted");
        expect(await store.listProposed({ kind: "incident_link" })).toEqual([]);
      });
    });

    describe("entity merges", () => {
      it("reads a merged entity as part of the one it was merged into, and unmerges exactly", async () => {
        await saveAll();
        const before = await snapshot(store);
        const m = await store.mergeEntities({
          from: BOKO,
          into: SHABAAB,
          reason: "analyst: test merge",
          origin: "analyst",
          analyst: "ana",
        });
        expect(m).toMatchObject({ from: BOKO, into: SHABAAB, origin: "analyst", reviewState: "accepted" });
        expect(m.revertedAt).toBeUndefined();
        const shabaab = await store.getEntity(SHABAAB);
        expect(shabaab?.mergedFrom).toEqual([BOKO]);
        expect(shabaab?.aliases).toEqual(expect.arrayContaining(["Bōko Ḥarām"]));
        expect(shabaab).toMatchObject({ mentionCount: 2, documentCount: 2 });
        expect((await store.getEntity(BOKO))?.mergedInto).toBe(SHABAAB);
        expect((await store.listEntities()).map((e) => e.id)).not.toContain(BOKO);
        expect((await store.listEntities({ q: "haram" })).map((e) => e.id)).toEqual([SHABAAB]);
        expect((await store.findEntityByName("boko haram"))?.id).toBe(SHABAAB);
        expect((await store.listEvents({ actor: SHABAAB })).map((e) => e.id).sort()).toEqual([
          "ev:1",
          "ev:threat",
        ]);
        expect((await store.listMentions({ entityId: SHABAAB })).map((x) => x.text).sort()).toEqual([
          "Al-Shabaab",
          "Bōko Ḥarām",
        ]);
        // Boko Haram's parent link now shows under the group it was merged into only via its own row.
        expect((await store.childrenOf(IS)).map((e) => e.id)).toEqual([ISK]);

        const undone = await store.unmergeEntities({ id: m.id, analyst: "ana", note: "different groups" });
        expect(undone).toMatchObject({ id: m.id, revertedBy: "ana", revertNote: "different groups" });
        expect(undone.revertedAt).toBeTruthy();
        expect(await snapshot(store)).toEqual(before);
        expect(await store.listEntityMerges()).toHaveLength(1);
        expect(await store.listEntityMerges({ status: "active" })).toEqual([]);
        expect(
          (await store.listEntityMerges({ entityId: BOKO, status: "reverted" })).map((x) => x.id),
        ).toEqual([m.id]);
      });

      it("moves what was merged into an entity along with it, and follows chains to the root", async () => {
        await saveAll();
        const a = await store.mergeEntities({ from: BOKO, into: ISK, reason: "test", origin: "machine" });
        expect(a.reviewState).toBe("proposed");
        const b = await store.mergeEntities({ from: ISK, into: IS, reason: "test", origin: "machine" });
        expect((await store.getEntity(BOKO))?.mergedInto).toBe(IS);
        expect((await store.getEntity(IS))?.mergedFrom?.sort()).toEqual([BOKO, ISK].sort());
        expect((await store.findEntityByName("iskp"))?.id).toBe(IS);
        expect((await store.listClaims({ subject: IS })).map((c) => c.id).sort()).toEqual([
          "cl:parent",
          "cl:strength",
        ]);
        const incidentsOk = await store.listEvents({ actor: IS, actorRole: "perpetrator" });
        expect(incidentsOk.map((e) => e.documentId).sort()).toEqual([docA.id, docC.id].sort());
        // Undo the outer merge: ISK keeps Boko Haram.
        await store.unmergeEntities({ id: b.id, analyst: "ana" });
        expect((await store.getEntity(BOKO))?.mergedInto).toBe(ISK);
        expect((await store.getEntity(ISK))?.mergedInto).toBeUndefined();
        expect((await store.getEntity(ISK))?.mergedFrom).toEqual([BOKO]);
        await store.unmergeEntities({ id: a.id, analyst: "ana", reject: true });
        expect((await store.listEntityMerges()).map((x) => x.reviewState)).toEqual(["rejected", "proposed"]);
      });

      it("refuses merges that cannot be made, naming the entity", async () => {
        await saveAll();
        await expect(
          store.mergeEntities({ from: "ent:nope", into: IS, reason: "x", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_NOT_FOUND",
        });
        await expect(
          store.mergeEntities({ from: IS, into: IS, reason: "x", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        await expect(
          store.mergeEntities({ from: KABUL, into: IS, reason: "x", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        await expect(
          store.mergeEntities({ from: BOKO, into: IS, reason: " ", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_VALIDATION",
        });
        const m = await store.mergeEntities({ from: BOKO, into: IS, reason: "x", origin: "analyst" });
        await expect(
          store.mergeEntities({ from: BOKO, into: ISK, reason: "x", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_CONFLICT",
          message: expect.stringContaining(BOKO),
        });
        await expect(
          store.mergeEntities({ from: ISK, into: BOKO, reason: "x", origin: "analyst" }),
        ).rejects.toMatchObject({
          code: "E_CONFLICT",
        });
        await store.unmergeEntities({ id: m.id, analyst: "ana" });
        await expect(store.unmergeEntities({ id: m.id, analyst: "ana" })).rejects.toMatchObject({
          code: "E_CONFLICT",
        });
        await expect(store.unmergeEntities({ id: 999, analyst: "ana" })).rejects.toMatchObject({
          code: "E_NOT_FOUND",
        });
        await expect(store.acceptEntityMerge({ id: m.id, analyst: "ana" })).rejects.toMatchObject({
          code: "E_CONFLICT",
        });
      });

      it("accepts a machine merge", async () => {
        await saveAll();
        const m = await store.mergeEntities({ from: BOKO, into: IS, reason: "x", origin: "machine" });
        expect(await store.acceptEntityMerge({ id: m.id, analyst: "ana" })).toMatchObject({
          reviewState: "accepted",
          analyst: "ana",
        });
        expect(await store.listEntityMerges({ reviewState: "proposed" })).toEqual([]);
      });

      it("property: undoing any merge right after it restores the previous state exactly, and undoing all restores the start", async () => {
        const groups = [IS, ISK, SHABAAB, BOKO];
        const op = fc.record({
          kind: fc.constantFrom("merge", "merge", "unmerge"),
          a: fc.integer({ min: 0, max: 3 }),
          b: fc.integer({ min: 0, max: 3 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
            const s = await open();
            try {
              await s.saveAnalysis({ document: docA, analysis: analysisA });
              await s.saveAnalysis({ document: docB, analysis: analysisB });
              await s.saveAnalysis({ document: docC, analysis: analysisC });
              const start = await snapshot(s);
              for (const o of ops) {
                const active = await s.listEntityMerges({ status: "active" });
                if (o.kind === "unmerge") {
                  if (active.length)
                    await s.unmergeEntities({ id: active[o.a % active.length].id, analyst: "p" });
                  continue;
                }
                const from = (await s.getEntity(groups[o.a])) as { id: string; mergedInto?: string };
                const into = (await s.getEntity(groups[o.b])) as { id: string; mergedInto?: string };
                const f = from.mergedInto ?? from.id;
                const t = into.mergedInto ?? into.id;
                if (f === t) continue;
                const before = await snapshot(s);
                const m = await s.mergeEntities({ from: f, into: t, reason: "p", origin: "machine" });
                await s.unmergeEntities({ id: m.id, analyst: "p" });
                expect(await snapshot(s)).toEqual(before);
                await s.mergeEntities({ from: f, into: t, reason: "p", origin: "machine" });
              }
              for (const m of (await s.listEntityMerges({ status: "active" })).reverse()) {
                await s.unmergeEntities({ id: m.id, analyst: "p" });
              }
              expect(await snapshot(s)).toEqual(start);
            } finally {
              await s.close();
            }
          }),
          { numRuns: 25, seed: 20261129 },
        );
      });
    });

    describe("sources", () => {
      it("lists every source with its latest grade and document count", async () => {
        await saveAll();
        expect(await store.listSources()).toEqual([
          { name: "Example Wire", documentCount: 1 },
          { name: "Horn Monitor", documentCount: 1 },
        ]);
        await store.setSourceReliability({ source: "Example Wire", reliability: "C", analyst: "ana" });
        const g = await store.setSourceReliability({
          source: "Example Wire",
          reliability: "B",
          analyst: "bo",
          note: "good record",
        });
        expect(g).toMatchObject({
          source: "Example Wire",
          reliability: "B",
          analyst: "bo",
          note: "good record",
        });
        await store.setSourceReliability({ source: "Unseen Radio", reliability: "E", analyst: "ana" });
        const sources = await store.listSources();
        expect(sources.map((x) => [x.name, x.reliability, x.documentCount, x.gradedBy])).toEqual([
          ["Example Wire", "B", 1, "bo"],
          ["Horn Monitor", undefined, 1, undefined],
          ["Unseen Radio", "E", 0, "ana"],
        ]);
      });

      it("refuses a grade outside A–F, naming the field", async () => {
        await expect(
          store.setSourceReliability({ source: "X", reliability: "G" as "A", analyst: "ana" }),
        ).rejects.toMatchObject({ code: "E_VALIDATION", details: { field: "reliability" } });
        await expect(
          store.setSourceReliability({ source: " ", reliability: "A", analyst: "ana" }),
        ).rejects.toMatchObject({
          code: "E_VALIDATION",
          details: { field: "source" },
        });
        expect(await store.listSources()).toEqual([]);
      });
    });

    describe("search", () => {
      it("finds documents by words in the text and title, with highlighted snippets", async () => {
        await saveAll();
        const hits = await store.search("suicide bombing");
        expect(hits.map((h) => h.documentId)).toEqual([docA.id]);
        expect(hits[0]).toMatchObject({ title: docA.title, published: docA.published, path: docA.path });
        expect(hits[0].snippet).toContain("<mark>suicide</mark> <mark>bombing</mark>");
        expect(typeof hits[0].score).toBe("number");
        expect((await store.search("Mogadishu")).map((h) => h.documentId)).toEqual([docB.id]);
        expect(await store.search("Hezbollah")).toEqual([]);
      });

      it("ranks title matches above text-only matches", async () => {
        const plain = doc("doc:plain", "Officials met in Maiduguri to discuss the harvest and the roads.", {
          title: "Farm report",
        });
        const titled = doc("doc:titled", "Officials met in Maiduguri to discuss the attack and the roads.", {
          title: "Maiduguri attack",
        });
        await store.saveAnalysis({ document: plain, analysis: analysisOf(plain, {}) });
        await store.saveAnalysis({ document: titled, analysis: analysisOf(titled, {}) });
        const hits = await store.search("maiduguri");
        expect(hits.map((h) => h.documentId)).toEqual([titled.id, plain.id]);
        expect(hits[0].score).toBeGreaterThan(hits[1].score);
      });

      it("never fails on punctuation or operator-like input", async () => {
        await saveAll();
        const odd = [
          "ISIS-K",
          '"',
          '""',
          "'",
          "al-Shabaab's",
          '"unbalanced phrase',
          "(",
          ")",
          "AND",
          "OR NOT",
          "*",
          "-",
          "^",
          "NEAR(a b)",
          "title:Kabul",
          "a + b",
          "{ }",
          "",
          "   ",
          "Kabul*",
          "ISIS-K*",
        ];
        for (const q of odd) {
          const hits = await store.search(q);
          expect(Array.isArray(hits), q).toBe(true);
        }
        expect((await store.search("ISIS-K")).map((h) => h.documentId)).toEqual([docB.id]);
        expect((await store.search("al-Shabaab's")).map((h) => h.documentId)).toEqual([docB.id]);
        expect((await store.search('"military base"')).map((h) => h.documentId)).toEqual([docB.id]);
        expect((await store.search("Mogad*")).map((h) => h.documentId)).toEqual([docB.id]);
      });

      it("matches across case and diacritics", async () => {
        await saveAll();
        expect((await store.search("boko haram")).map((h) => h.documentId)).toEqual([docC.id]);
        expect((await store.search("ḤARĀM")).map((h) => h.documentId)).toEqual([docC.id]);
        expect((await store.search("kabul")).map((h) => h.documentId)).toEqual([docA.id]);
      });

      it("respects the limit", async () => {
        await saveAll();
        expect(await store.search("the", { limit: 1 })).toHaveLength(1);
      });
    });
  });
}
