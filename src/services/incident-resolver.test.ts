import { describe, expect, it } from "vitest";
import {
  ALL_FIXTURES,
  crocusA,
  crocusB,
  crocusC,
  crocusUndated,
  dagestan,
  type Fixture,
  kabul,
} from "../../test/contract/incident-fixtures.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import {
  blockQuery,
  eventFeatures,
  type IncidentFeatures,
  isBlocked,
  LINK_THRESHOLD,
  resolveIncidents,
  scorePair,
} from "./incident-resolver.js";

function features(f: Fixture, i = 0): IncidentFeatures {
  const entities = new Map(f.analysis.entities.map((e) => [e.id, e]));
  const out = eventFeatures(f.analysis.events[i], entities, f.document.published);
  if (!out) throw new Error("no features");
  return out;
}

async function ingest(store: Store, fixtures: Fixture[]): Promise<void> {
  for (const f of fixtures) {
    await store.saveAnalysis(f);
    await resolveIncidents(store, f);
  }
}

/** The grouping as sorted lists of "document/event", plus each member's link. */
async function snapshot(store: Store) {
  const incidents = await store.listIncidents();
  const out: Record<string, { members: string[]; links: string[] }> = {};
  for (const i of incidents) {
    const members = await store.listIncidentMembers({ incidentId: i.id });
    out[i.id] = {
      members: members.map((m) => `${m.documentId}/${m.eventId}`).sort(),
      links: members
        .map(
          (m) =>
            `${m.documentId}/${m.eventId}→${m.linkedTo?.documentId}/${m.linkedTo?.eventId} ${m.score} ${m.reasons.join("|")}`,
        )
        .sort(),
    };
  }
  return out;
}

/** A report of the Crocus attack that does not name the venue. */
const anonymous: Fixture = {
  document: { ...crocusA.document, id: "doc:a-anonymous" },
  analysis: {
    ...crocusA.analysis,
    document: { ...crocusA.analysis.document, id: "doc:a-anonymous" },
    entities: crocusA.analysis.entities.filter((e) => e.kind !== "facility"),
  },
};

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("eventFeatures", () => {
  it("keeps type, date period, place, groups with parents, distinctive names and the death toll", () => {
    const f = features(crocusB);
    expect(f).toMatchObject({
      type: "attack",
      subtype: "armed_assault",
      date: { start: "2024-03-22", end: "2024-03-22", precision: "day" },
      place: { id: "geonames:542374", name: "Krasnogorsk" },
      country: "RU",
      groups: ["isis-k", "islamic-state"],
      names: [{ id: "facility:crocus-city-hall", name: "Crocus City Hall" }],
      killed: 137,
      published: "2024-03-24",
    });
    expect(f.words).toEqual(["city", "concert", "crocus", "hall", "venue"]);
  });

  it("finds a facility named inside the evidence even when no target points at it", () => {
    expect(features(crocusA).names.map((n) => n.id)).toEqual(["facility:crocus-city-hall"]);
  });

  it("ignores event types that form no incidents", () => {
    const ev = { ...crocusA.analysis.events[0], type: "threat" as const };
    expect(eventFeatures(ev, new Map())).toBeUndefined();
  });
});

describe("blocking", () => {
  it("blocks day dates within three days in compatible countries, symmetrically", () => {
    const a = features(crocusA);
    const far = {
      ...features(crocusC),
      date: { start: "2024-03-29", end: "2024-03-29", precision: "day" as const, value: "2024-03-29" },
    };
    expect(isBlocked(a, features(crocusC))).toBe(true);
    expect(isBlocked(a, far)).toBe(false);
    expect(isBlocked(far, a)).toBe(false);
    expect(isBlocked(a, features(kabul))).toBe(false);
    expect(isBlocked(features(kabul), a)).toBe(false);
  });

  it("blocks a month date with the day dates inside it", () => {
    const month = {
      ...features(crocusC),
      date: { start: "2024-03-01", end: "2024-03-31", precision: "month" as const, value: "2024-03" },
    };
    expect(isBlocked(month, features(crocusA))).toBe(true);
    expect(isBlocked(features(crocusA), month)).toBe(true);
    const april = {
      ...month,
      date: { start: "2024-04-01", end: "2024-04-30", precision: "month" as const, value: "2024-04" },
    };
    expect(isBlocked(april, features(crocusA))).toBe(false);
  });

  it("blocks undated events only through a shared distinctive name, or the same place and a target word", () => {
    expect(isBlocked(features(crocusUndated), features(crocusA))).toBe(true);
    expect(isBlocked(features(crocusA), features(crocusUndated))).toBe(true);
    expect(isBlocked(features(crocusUndated), features(dagestan))).toBe(false);
    const undatedPost = { ...features(dagestan), date: undefined };
    expect(isBlocked(undatedPost, features(dagestan))).toBe(true);
    expect(isBlocked(undatedPost, { ...features(dagestan), words: ["checkpoint"] })).toBe(false);
  });

  it("treats only facilities, named events and full personal names as distinctive", () => {
    const entities = new Map(crocusA.analysis.entities.map((e) => [e.id, e]));
    const ev = crocusA.analysis.events[0];
    const withVictims = {
      ...ev,
      victims: [
        { text: "Jesuit", entity: "person:jesuit", start: 0, end: 6 },
        { text: "Hector Oqueli", entity: "person:hector-oqueli", start: 7, end: 20 },
      ],
    };
    entities.set("person:jesuit", {
      id: "person:jesuit",
      kind: "person",
      name: "Jesuit",
      aliases: [],
      mentions: [],
    });
    entities.set("person:hector-oqueli", {
      id: "person:hector-oqueli",
      kind: "person",
      name: "Hector Oqueli",
      aliases: [],
      mentions: [],
    });
    expect(eventFeatures(withVictims, entities)?.names.map((n) => n.id)).toEqual([
      "facility:crocus-city-hall",
      "person:hector-oqueli",
    ]);
  });

  it("queries the store by date windows and country, and by name keys", () => {
    expect(blockQuery(features(crocusA))).toEqual({
      family: "attack",
      windows: [
        { precision: "day", from: "2024-03-19", to: "2024-03-25" },
        { precision: "month", from: "2024-03-01", to: "2024-03-22" },
      ],
      country: "RU",
      keys: ["name:facility:crocus-city-hall", "place:geonames:524901:concertgoers"],
      keysUndatedOnly: true,
    });
    expect(blockQuery(features(crocusUndated))).toEqual({
      family: "attack",
      keys: ["name:facility:crocus-city-hall"],
    });
  });
});

describe("scorePair", () => {
  it("scores the same incident above the threshold, with reasons", () => {
    const s = scorePair(features(crocusA), features(crocusB));
    expect(s.score).toBeGreaterThanOrEqual(LINK_THRESHOLD);
    expect(s.reasons).toEqual(
      expect.arrayContaining([
        "+1.5 same day 2024-03-22",
        "+1 shared perpetrator Islamic State",
        "+4 shared name Crocus City Hall",
        "+0.5 killed figures compatible (133 then 137)",
      ]),
    );
    expect(s.reasons.some((r) => r.startsWith("+0.75 places") && r.includes("km apart"))).toBe(true);
  });

  it("keeps a same-day attack in another city below the threshold", () => {
    const s = scorePair(features(crocusA), features(dagestan));
    expect(s.score).toBeLessThan(LINK_THRESHOLD);
    expect(s.reasons.some((r) => r.startsWith("-2 different places") && r.includes("Makhachkala"))).toBe(
      true,
    );
    expect(s.reasons).toContain("-1 killed figures differ (2 then 133)");
  });

  it("is symmetric, reasons included", () => {
    for (const a of ALL_FIXTURES) {
      for (const b of ALL_FIXTURES) {
        expect(scorePair(features(a), features(b))).toEqual(scorePair(features(b), features(a)));
      }
    }
  });
});

describe("resolveIncidents", () => {
  it("links the three Crocus reports and the undated retrospective into one incident", async () => {
    const store = openSqliteStore(":memory:");
    await ingest(store, ALL_FIXTURES);
    const incidents = await store.listIncidents();
    expect(incidents).toHaveLength(3);
    const crocus = incidents.find((i) => i.documentCount > 1);
    expect(crocus).toMatchObject({
      firstDate: "2024-03-22",
      lastDate: "2024-03-22",
      country: "RU",
      eventCount: 4,
      documentCount: 4,
    });
    const detail = await store.getIncident(crocus?.id ?? "");
    expect(detail?.members.map((m) => m.documentId).sort()).toEqual(
      ["doc:a-crocus", "doc:b-crocus", "doc:c-crocus", "doc:d-undated"].sort(),
    );
    for (const m of detail?.members ?? []) {
      expect(m.reviewState).toBe("proposed");
      expect(m.score).toBeGreaterThanOrEqual(LINK_THRESHOLD);
      expect(m.reasons.length).toBeGreaterThan(0);
    }
    const undated = detail?.members.find((m) => m.documentId === "doc:d-undated");
    expect(undated?.reasons).toContain("+4 shared name Crocus City Hall");
    await store.close();
  });

  it("gives the same incidents, ids, scores and reasons in every ingestion order", async () => {
    let first: Awaited<ReturnType<typeof snapshot>> | undefined;
    // Every order of the five Crocus reports, with the Dagestan attack slotted in at each position in turn.
    const orders = permutations([anonymous, crocusA, crocusB, crocusC, crocusUndated]);
    expect(orders).toHaveLength(120);
    for (const [n, order] of orders.entries()) {
      const store = openSqliteStore(":memory:");
      const docs = [...order];
      docs.splice(n % 6, 0, dagestan);
      await ingest(store, [...docs, kabul]);
      const snap = await snapshot(store);
      if (!first) first = snap;
      else expect(snap).toEqual(first);
      await store.close();
    }
    expect(Object.keys(first ?? {})).toHaveLength(3);
  }, 30_000);

  it("merges two incidents that a later report bridges, under the earliest member's id", async () => {
    const store = openSqliteStore(":memory:");
    // A report of the attack that does not name the venue, and the undated retrospective that
    // does: not blocked together. C (dated, naming the venue) links to both.
    await ingest(store, [crocusUndated, anonymous]);
    const before = await store.listIncidents();
    expect(before).toHaveLength(2);
    const report = await (async () => {
      await store.saveAnalysis(crocusC);
      return resolveIncidents(store, crocusC);
    })();
    expect(report.merged).toHaveLength(1);
    const after = await store.listIncidents();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ eventCount: 3, documentCount: 3 });
    // The earliest member (dated before undated) is the anonymous report: its incident id survives.
    const anonymousIncident = before.find((i) => i.firstDate === "2024-03-22");
    expect(after[0].id).toBe(anonymousIncident?.id);
    await store.close();
  });

  it("never lets an undated report join two dated incidents, in any order", async () => {
    // A later, different attack at the same venue: the undated retrospective matches both.
    const later: Fixture = {
      document: { ...crocusC.document, id: "doc:g-later", published: "2024-06-11" },
      analysis: {
        ...crocusC.analysis,
        document: { ...crocusC.analysis.document, id: "doc:g-later", published: "2024-06-11" },
        events: crocusC.analysis.events.map((e) => ({
          ...e,
          subtype: "arson",
          date: { value: "2024-06-10", precision: "day" as const, text: "10 June", resolved: true },
          perpetrators: [],
          attribution: undefined,
          casualties: undefined,
        })),
      },
    };
    let first: Awaited<ReturnType<typeof snapshot>> | undefined;
    for (const order of permutations([crocusA, crocusB, later, crocusUndated])) {
      const store = openSqliteStore(":memory:");
      await ingest(store, order);
      const snap = await snapshot(store);
      if (!first) first = snap;
      else expect(snap).toEqual(first);
      await store.close();
    }
    const groups = Object.values(first ?? {}).map((g) => g.members.map((m) => m.split("/")[0]).sort());
    expect(groups).toHaveLength(2);
    const march = groups.find((g) => g.includes("doc:a-crocus"));
    const june = groups.find((g) => g.includes("doc:g-later"));
    expect(march).toContain("doc:b-crocus");
    expect(march).not.toContain("doc:g-later");
    // The retrospective joined exactly one of them.
    expect([march, june].filter((g) => g?.includes("doc:d-undated"))).toHaveLength(1);
  });

  it("is idempotent for a document already resolved", async () => {
    const store = openSqliteStore(":memory:");
    await ingest(store, [crocusA, crocusB]);
    const before = await snapshot(store);
    const again = await resolveIncidents(store, crocusB);
    expect(again).toEqual({ linked: [], created: [], merged: [], candidates: 0 });
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  it("reports links, new incidents and the block size", async () => {
    const store = openSqliteStore(":memory:");
    await store.saveAnalysis(crocusA);
    const first = await resolveIncidents(store, crocusA);
    expect(first.created).toHaveLength(1);
    expect(first.candidates).toBe(0);
    await store.saveAnalysis(dagestan);
    await resolveIncidents(store, dagestan);
    await store.saveAnalysis(crocusB);
    const second = await resolveIncidents(store, crocusB);
    expect(second.candidates).toBe(2);
    expect(second.linked).toEqual([
      expect.objectContaining({ eventId: "ev:7", incidentId: first.created[0].incidentId }),
    ]);
    await store.close();
  });
});
