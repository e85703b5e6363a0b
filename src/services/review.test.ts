import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crocusA, crocusB, crocusC, dagestan, type Fixture } from "../../test/contract/incident-fixtures.js";
import type { Claim } from "../core/index.js";
import { openSqliteStore, type SqliteStore } from "../store/sqlite/sqlite-store.js";
import { resolveIncidents } from "./incident-resolver.js";
import { checkEdit, decide, overridesOf, parseReviewKind, reviewHistory, reviewQueue } from "./review.js";

const root = mkdtempSync(join(tmpdir(), "sitrep-review-"));
let n = 0;
const freshPath = () => join(root, `review-${process.pid}-${n++}.db`);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** crocusA with a claim of responsibility, so the queue has all three kinds. */
function withClaim(f: Fixture): Fixture {
  const text = f.document.text;
  const needle = "Islamic State claimed the attack";
  const start = text.indexOf(needle);
  const claim: Claim = {
    id: "cl:claimed",
    subject: "islamic-state",
    property: "attribution",
    value: "ev:1",
    stance: "asserted",
    heldBy: "islamic-state",
    evidence: [{ start, end: start + needle.length, text: needle }],
  };
  return { ...f, analysis: { ...f.analysis, claims: [claim] } };
}

const A = withClaim(crocusA);
const FIXTURES = [A, crocusB, crocusC];

async function ingest(store: SqliteStore, fixtures: Fixture[] = FIXTURES): Promise<void> {
  for (const f of fixtures) {
    await store.saveAnalysis(f);
    await resolveIncidents(store, f);
  }
}

async function fresh(): Promise<SqliteStore> {
  const store = openSqliteStore(freshPath());
  await ingest(store);
  return store;
}

describe("reviewQueue", () => {
  it("lists proposed events, claims and incident links with evidence and document", async () => {
    const store = await fresh();
    const queue = await reviewQueue(store);
    const kinds = queue.map((q) => q.itemKind);
    expect(kinds.filter((k) => k === "event")).toHaveLength(3);
    expect(kinds.filter((k) => k === "claim")).toHaveLength(1);
    // Three Crocus reports in one incident: each member stores its best link to another.
    expect(kinds.filter((k) => k === "incident_link")).toHaveLength(3);
    const claim = queue.find((q) => q.itemKind === "claim");
    expect(claim).toMatchObject({
      documentId: "doc:a-crocus",
      itemId: "cl:claimed",
      documentTitle: "doc:a-crocus",
      published: "2024-03-23",
      evidence: ["Islamic State claimed the attack"],
    });
    expect(claim?.summary).toContain("islamic-state attribution ev:1");
    const link = queue.find((q) => q.itemKind === "incident_link");
    expect(link?.summary).toMatch(
      /^linked to ev:\d of doc:[a-c]-crocus in incident:\S+ \(score [\d.]+\): attack/,
    );
    expect(link?.link?.reasons.join(" ")).toContain("Crocus City Hall");
    expect(link?.evidence[0]).toContain("Crocus City Hall");
    const event = queue.find((q) => q.itemKind === "event" && q.documentId === "doc:a-crocus");
    expect(event?.summary).toContain(
      "attack/armed_assault; armed assault on concertgoers in Moscow; 2024-03-22",
    );
    expect(await reviewQueue(store, { kind: "claim" })).toHaveLength(1);
    expect(await reviewQueue(store, { limit: 2 })).toHaveLength(2);
    await store.close();
  });
});

describe("decide and reviewHistory", () => {
  it("accepts, edits and rejects, keeping the history and the analyst's values", async () => {
    const store = await fresh();
    const key = { itemKind: "event" as const, documentId: "doc:b-crocus", itemId: "ev:7" };
    await decide(store, { ...key, decision: "accepted", analyst: "ana" });
    await decide(store, {
      ...key,
      decision: "edited",
      edit: { killed: 139 },
      analyst: "ben",
      note: "later toll",
    });
    await decide(store, {
      ...key,
      decision: "edited",
      edit: { killed: 140, date: "2024-03-22" },
      analyst: "ana",
    });
    const h = await reviewHistory(store, key);
    expect(h.state).toBe("edited");
    expect(h.overrides).toEqual({ killed: 140, date: "2024-03-22" });
    expect(h.reviews.map((r) => `${r.previousState}>${r.decision}`)).toEqual([
      "proposed>accepted",
      "accepted>edited",
      "edited>edited",
    ]);
    expect(h.reviews[1].note).toBe("later toll");
    const events = await store.listEvents({ documentId: "doc:b-crocus" });
    expect(events[0].reviewState).toBe("edited");
    expect((await reviewQueue(store, { kind: "event" })).map((q) => q.documentId)).not.toContain(
      "doc:b-crocus",
    );

    const claim = { itemKind: "claim" as const, documentId: "doc:a-crocus", itemId: "cl:claimed" };
    await decide(store, { ...claim, decision: "rejected", analyst: "ana", note: "propaganda outlet only" });
    expect((await store.listClaims({ documentId: "doc:a-crocus" }))[0].reviewState).toBe("rejected");
    expect((await reviewHistory(store, claim)).state).toBe("rejected");
    await store.close();
  });

  it("checks edits and names unknown items", async () => {
    const store = await fresh();
    const key = { itemKind: "event" as const, documentId: "doc:a-crocus", itemId: "ev:1" };
    await expect(
      decide(store, { ...key, decision: "edited", edit: { victims: 3 }, analyst: "ana" }),
    ).rejects.toMatchObject({ code: "E_VALIDATION", details: { field: "victims" } });
    await expect(
      decide(store, { ...key, decision: "edited", edit: { killed: "many" }, analyst: "ana" }),
    ).rejects.toMatchObject({ code: "E_VALIDATION" });
    await expect(
      decide(store, { ...key, decision: "edited", edit: {}, analyst: "ana" }),
    ).rejects.toMatchObject({
      code: "E_VALIDATION",
    });
    await expect(
      decide(store, { ...key, decision: "accepted", edit: { killed: 1 }, analyst: "ana" }),
    ).rejects.toMatchObject({ code: "E_USAGE" });
    const missing = decide(store, { ...key, itemId: "ev:404", decision: "accepted", analyst: "ana" });
    await expect(missing).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    await expect(missing).rejects.toThrow(/ev:404 in document doc:a-crocus/);
    await expect(reviewHistory(store, { ...key, itemId: "ev:404" })).rejects.toMatchObject({
      code: "E_NOT_FOUND",
    });
    expect((await reviewHistory(store, key)).state).toBe("proposed");
    expect(await store.listReviews()).toEqual([]);
    await store.close();
  });

  it("knows the kinds and editable fields", () => {
    expect(parseReviewKind("link")).toBe("incident_link");
    expect(parseReviewKind("Claims")).toBe("claim");
    expect(() => parseReviewKind("actor")).toThrow(/unknown review item kind/);
    expect(checkEdit("claim", { value: "2015" })).toEqual({ value: "2015" });
    expect(() => checkEdit("claim", { killed: 3 })).toThrow(/cannot change "killed"/);
    expect(checkEdit("incident_link", { incidentId: "incident:x" })).toEqual({ incidentId: "incident:x" });
    expect(() => checkEdit("event", { perpetrators: "isis-k" })).toThrow(/list of strings/);
    expect(overridesOf([])).toEqual({});
  });
});

describe("decisions survive re-running the pipeline", () => {
  async function decideAll(store: SqliteStore) {
    const links = await reviewQueue(store, { kind: "incident_link" });
    const link = links[0];
    await decide(store, { ...link, decision: "rejected", analyst: "ana" });
    await decide(store, {
      itemKind: "claim",
      documentId: "doc:a-crocus",
      itemId: "cl:claimed",
      decision: "accepted",
      analyst: "ana",
    });
    await decide(store, {
      itemKind: "event",
      documentId: "doc:c-crocus",
      itemId: "ev:2",
      decision: "edited",
      edit: { killed: 145 },
      analyst: "ana",
    });
    return link;
  }

  async function states(store: SqliteStore) {
    const events = await store.listEvents();
    const claims = await store.listClaims();
    const members = await store.listIncidentMembers({});
    return {
      events: events.map((e) => `${e.documentId}/${e.id}=${e.reviewState}`).sort(),
      claims: claims.map((c) => `${c.documentId}/${c.id}=${c.reviewState}`).sort(),
      links: members.map((m) => `${m.documentId}/${m.eventId}=${m.reviewState}`).sort(),
    };
  }

  it("re-ingesting the same documents changes nothing", async () => {
    const store = await fresh();
    await decideAll(store);
    const before = await states(store);
    await ingest(store);
    expect(await states(store)).toEqual(before);
    expect(before.claims).toEqual(["doc:a-crocus/cl:claimed=accepted"]);
    expect(before.events).toContain("doc:c-crocus/ev:2=edited");
    expect(before.links.filter((l) => l.endsWith("=rejected"))).toHaveLength(1);
    await store.close();
  });

  it("a rejected link takes the report out of its incident, in every ingestion order", async () => {
    const store = await fresh();
    const link = await decideAll(store);
    const grouping = async () => {
      const members = await store.listIncidentMembers({});
      const byIncident = new Map<string, string[]>();
      for (const m of members)
        byIncident.set(m.incidentId, [
          ...(byIncident.get(m.incidentId) ?? []),
          `${m.documentId}/${m.eventId}`,
        ]);
      return [...byIncident.values()].map((g) => g.sort().join(" + ")).sort();
    };
    const after = await grouping();
    const mine = `${link.documentId}/${link.itemId}`;
    expect(after).toContain(mine);
    expect(after.filter((g) => g.includes(" + ")).some((g) => g.includes(mine))).toBe(false);
    // Re-ingesting the documents in another order gives the same incidents: the rejection holds.
    store.db.exec("DELETE FROM incident_events; DELETE FROM incidents; DELETE FROM documents;");
    await ingest(store, [crocusC, A, crocusB]);
    expect(await grouping()).toEqual(after);
    await store.close();
  });

  it("items written again under the same keys get the latest decision back", async () => {
    const store = await fresh();
    const link = await decideAll(store);
    const before = await states(store);
    // Drop every document (events, claims and incident links cascade; the history stays), re-ingest.
    store.db.exec("DELETE FROM incident_events; DELETE FROM incidents; DELETE FROM documents;");
    expect(await store.listEvents()).toEqual([]);
    await ingest(store, [crocusC, crocusB, A]);
    expect(await states(store)).toEqual(before);
    expect((await reviewHistory(store, link)).reviews).toHaveLength(1);
    expect((await reviewQueue(store, { kind: "incident_link" })).map((q) => q.itemId)).not.toContain(
      link.itemId,
    );
    await store.close();
  });
});

describe("an analyst moves a report to another incident", () => {
  const grouping = async (store: SqliteStore) => {
    const byIncident = new Map<string, string[]>();
    for (const m of await store.listIncidentMembers({})) {
      byIncident.set(m.incidentId, [...(byIncident.get(m.incidentId) ?? []), `${m.documentId}/${m.eventId}`]);
    }
    return [...byIncident.values()].map((g) => g.sort().join(" + ")).sort();
  };

  it("moves it at once, keeps it there as reports arrive, and in every ingestion order", async () => {
    const store = openSqliteStore(freshPath());
    await ingest(store, [A, crocusB, crocusC, dagestan]);
    const dagestanIncident = (await store.listIncidentMembers({ documentId: dagestan.document.id }))[0]
      .incidentId;
    const review = await decide(store, {
      itemKind: "incident_link",
      documentId: crocusC.document.id,
      itemId: "ev:2",
      decision: "edited",
      edit: { incidentId: dagestanIncident },
      analyst: "ana",
    });
    expect(review.edit).toEqual({ incidentId: dagestanIncident, withEvent: `${dagestan.document.id} ev:1` });
    const moved = await grouping(store);
    expect(moved).toContain(`${crocusC.document.id}/ev:2 + ${dagestan.document.id}/ev:1`);
    expect(moved).toContain(`${A.document.id}/ev:1 + ${crocusB.document.id}/ev:7`);
    const [member] = (await store.listIncidentMembers({ documentId: crocusC.document.id })).filter(
      (m) => m.eventId === "ev:2",
    );
    expect(member).toMatchObject({ reviewState: "edited", reasons: ["placed by an analyst"] });
    // Re-ingest everything in another order: the placement comes back.
    store.db.exec("DELETE FROM incident_events; DELETE FROM incidents; DELETE FROM documents;");
    await ingest(store, [crocusC, dagestan, crocusB, A]);
    expect(await grouping(store)).toEqual(moved);
    store.db.exec("DELETE FROM incident_events; DELETE FROM incidents; DELETE FROM documents;");
    await ingest(store, [dagestan, A, crocusC, crocusB]);
    expect(await grouping(store)).toEqual(moved);
    await expect(
      decide(store, {
        itemKind: "incident_link",
        documentId: crocusC.document.id,
        itemId: "ev:2",
        decision: "edited",
        edit: { incidentId: "incident:none" },
        analyst: "ana",
      }),
    ).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    await store.close();
  });
});
