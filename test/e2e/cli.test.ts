import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main, type Output } from "../../src/cli/main.js";

/** Runs the CLI in-process and captures its output. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = new Writable({
    write: (c, _e, cb) => {
      out += String(c);
      cb();
    },
  }) as Output;
  const e = new Writable({
    write: (c, _e, cb) => {
      err += String(c);
      cb();
    },
  }) as Output;
  const code = await main(args, o, e);
  return { code, out, err };
}

const samples = new URL("../../samples/", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
const db = join(tmp, "store.db");

describe("sitrep CLI end to end", { timeout: 120_000 }, () => {
  it("ingests the samples, and re-ingesting is a no-op", async () => {
    const first = await run(["ingest", samples, "--db", db, "--json"]);
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.out);
    expect(r1.ingested.length).toBeGreaterThanOrEqual(13);
    expect(r1.failed).toEqual([]);
    const second = await run(["ingest", samples, "--db", db, "--json"]);
    const r2 = JSON.parse(second.out);
    expect(r2.ingested).toEqual([]);
    expect(r2.unchanged.length).toBe(r1.ingested.length);
  });

  it("profiles ISIS-K under any of its names", async () => {
    for (const name of ["ISIS-K", "iskp", "Islamic State Khorasan Province"]) {
      const { code, out } = await run(["actor", name, "--db", db, "--json"]);
      expect(code).toBe(0);
      const p = JSON.parse(out);
      expect(p.actor.id).toBe("isis-k");
      expect(p.parent.id).toBe("islamic-state");
      expect(p.strength[0].qualifiers).toMatchObject({ min: 4000, max: 6000 });
      expect(p.attacks.length).toBeGreaterThanOrEqual(5);
      expect(p.adversaries.map((a: { object: string }) => a.object)).toContain("taliban");
    }
    const human = await run(["actor", "ISIS-K", "--db", db]);
    expect(human.out).toContain("Strength estimates");
    expect(human.out).toContain("4,000–6,000 fighters");
  });

  it("shows the threat board for the Paris Olympics with ISIS-K and the seed article as evidence", async () => {
    const { code, out } = await run(["threats", "Paris Olympics", "--db", db, "--json"]);
    expect(code).toBe(0);
    const board = JSON.parse(out);
    expect(board.target.countries).toEqual(["FR"]);
    const isk = board.actors.find((a: { actor: { id: string } }) => a.actor.id === "isis-k");
    expect(isk).toBeTruthy();
    const direct = isk.intent.find((i: { match: string }) => i.match === "direct");
    expect(direct.evidence.title).toBe("ISIS-K: a persistent threat beyond Afghanistan");
    expect(direct.evidence.text).toContain("Paris Olympics");
    expect((await run(["threats", "Atlantis", "--db", db])).code).toBe(1);
  });

  it("reports attack tempo and newly active countries as of a date", async () => {
    const { code, out } = await run([
      "trends",
      "--actor",
      "ISIS-K",
      "--as-of",
      "2024-06-30",
      "--db",
      db,
      "--json",
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.actors).toHaveLength(1);
    const t = r.actors[0];
    expect(t.recent).toMatchObject({ from: "2023-07", to: "2024-06" });
    expect(t.recent.countries).toContain("RU");
    expect(t.newCountries).toContain("RU");
    // as of an earlier date, later reports are not known
    const early = JSON.parse(
      (await run(["trends", "--actor", "ISIS-K", "--as-of", "2022-01-01", "--db", db, "--json"])).out,
    );
    expect(early.actors[0].tempo.every((m: { month: string }) => m.month <= "2022-01")).toBe(true);
  });

  it("takes an analyst's decision on a proposed item and keeps its history", async () => {
    const queue = JSON.parse((await run(["review", "--limit", "1", "--db", db, "--json"])).out);
    const item = queue.items[0];
    expect(item.itemKind).toBe("event");
    const ok = await run([
      "review",
      "edit",
      "event",
      item.documentId,
      item.itemId,
      "--set",
      '{"killed": 3}',
      "--analyst",
      "tester",
      "--db",
      db,
    ]);
    expect(ok.code).toBe(0);
    const history = JSON.parse(
      (await run(["review", "history", "event", item.documentId, item.itemId, "--db", db, "--json"])).out,
    );
    expect(history.state).toBe("edited");
    expect(history.reviews[0]).toMatchObject({ decision: "edited", analyst: "tester" });
    const bad = await run(["review", "accept", "event", item.documentId, "event:nope", "--db", db]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("event:nope");
  });

  it("lists actors, filters events and searches", async () => {
    const actors = JSON.parse((await run(["actors", "--db", db, "--json"])).out);
    expect(actors.map((a: { id: string }) => a.id)).toContain("isis-k");
    const ru = JSON.parse((await run(["events", "--country", "ru", "--db", db, "--json"])).out);
    expect(ru.length).toBeGreaterThanOrEqual(3);
    expect(ru.every((e: { country?: string }) => e.country === "RU")).toBe(true);
    const since = JSON.parse(
      (await run(["events", "--actor", "ISKP", "--since", "2024-01-01", "--db", db, "--json"])).out,
    );
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((e: { date?: { value?: string } }) => (e.date?.value ?? "") >= "2024")).toBe(true);
    const hits = JSON.parse((await run(["search", "Crocus City Hall", "--db", db, "--json"])).out);
    expect(hits.length).toBeGreaterThanOrEqual(3);
    const odd = await run(["search", "\"ISIS-K's (attack", "--db", db, "--json"]);
    expect(odd.code).toBe(0);
  });

  it("extracts without storing, with the JSON contract", async () => {
    const { code, out } = await run(["extract", join(samples, "isis-k-article.txt"), "--json"]);
    expect(code).toBe(0);
    const a = JSON.parse(out);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["document", "entities", "events", "claims"]));
    expect(a.document.published).toBe("2024-03-29");
    const override = JSON.parse(
      (await run(["extract", join(samples, "isis-k-article.txt"), "--published", "2020-03-29", "--json"]))
        .out,
    );
    expect(override.claims.find((c: { property: string }) => c.property === "founded").value).toBe("2011");
  });

  it("reports bad files by name, continues the batch and keeps the store intact", async () => {
    const bad = join(tmp, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "empty.txt"), "");
    writeFileSync(join(bad, "binary.txt"), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    writeFileSync(
      join(bad, "latin1.txt"),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x74, 0x74, 0x61, 0x63, 0x6b]),
    );
    writeFileSync(join(bad, "data.txt"), JSON.stringify({ hello: "world", items: [1, 2, 3] }));
    writeFileSync(
      join(bad, "page.txt"),
      "<!doctype html><html><head><title>Report</title></head><body><p>Police arrested two men in Vienna.</p></body></html>",
    );
    writeFileSync(join(bad, "huge.txt"), "");
    truncateSync(join(bad, "huge.txt"), 50 * 1024 * 1024);
    symlinkSync(join(bad, "gone.txt"), join(bad, "broken-link.txt"));
    writeFileSync(
      join(bad, "good.txt"),
      "Gunmen attacked a police checkpoint in Peshawar on 3 May 2024, killing two officers.",
    );
    const before = JSON.parse((await run(["actors", "--db", db, "--json"])).out).length;
    const { code, out, err } = await run(["ingest", bad, join(tmp, "missing.txt"), "--db", db, "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.ingested.map((x: { path: string }) => x.path)).toEqual([
      join(bad, "good.txt"),
      join(bad, "page.txt"),
    ]);
    const codes = Object.fromEntries(
      r.failed.map((f: { path: string; code: string }) => [f.path.split("/").pop(), f.code]),
    );
    expect(codes).toMatchObject({
      "empty.txt": "E_EMPTY",
      "binary.txt": "E_BINARY",
      "latin1.txt": "E_ENCODING",
      "data.txt": "E_FORMAT",
      "missing.txt": "E_NOT_FOUND",
      "huge.txt": "E_TOO_LARGE",
      "broken-link.txt": "E_UNREADABLE",
    });
    expect(err).toContain("missing.txt");
    const after = JSON.parse((await run(["actors", "--db", db, "--json"])).out).length;
    expect(after).toBeGreaterThanOrEqual(before);
    const nothing = await run(["ingest", join(tmp, "nope"), "--db", db]);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain("nope");
  });

  it("stops showing a claim an analyst rejected, and keeps it in the history", async () => {
    const queue = JSON.parse((await run(["review", "claim", "--limit", "1000", "--db", db, "--json"])).out);
    const item = queue.items.find(
      (i: { claim: { property: string; object?: string } }) =>
        i.claim.property === "intended_target" && i.claim.object === "event:paris-olympics",
    );
    expect(item).toBeTruthy();
    expect((await run(["review", "reject", "claim", item.documentId, item.itemId, "--db", db])).code).toBe(0);
    const board = JSON.parse((await run(["threats", "Paris Olympics", "--db", db, "--json"])).out);
    const isk = board.actors.find((a: { actor: { id: string } }) => a.actor.id === "isis-k");
    expect(isk?.intent.some((i: { match: string }) => i.match === "direct") ?? false).toBe(false);
    const history = JSON.parse(
      (await run(["review", "history", "claim", item.documentId, item.itemId, "--db", db, "--json"])).out,
    );
    expect(history.state).toBe("rejected");
  });

  it("keeps one Crocus incident with every reported toll, and lets an analyst's figure win", async () => {
    const list = JSON.parse(
      (await run(["incidents", "--country", "RU", "--db", db, "--json"])).out,
    ).incidents;
    const crocus = list.find((i: { label?: string }) => i.label?.includes("Crocus"));
    expect(crocus.documentCount).toBeGreaterThanOrEqual(4);
    const view = JSON.parse((await run(["incident", crocus.id, "--db", db, "--json"])).out);
    const tolls = view.killed.values.map((v: { value: { min?: number } }) => v.value.min).sort();
    expect(tolls).toEqual(expect.arrayContaining([133, 137, 145]));
    expect(view.killed.preferred.value.min).toBe(145);
    const member = view.members[0].source;
    const edit = ["review", "edit", "event", member.documentId, member.eventId, "--set", '{"killed": 144}'];
    expect((await run([...edit, "--analyst", "tester", "--db", db])).code).toBe(0);
    const after = JSON.parse((await run(["incident", crocus.id, "--db", db, "--json"])).out);
    expect(after.killed).toMatchObject({ rule: "analyst override", preferred: { value: { min: 144 } } });
  });

  it("grades sources on the Admiralty scale and shows the grades behind every value", async () => {
    expect(
      (await run(["sources", "grade", "Demo Wire Service", "B", "--analyst", "tester", "--db", db])).code,
    ).toBe(0);
    const sources = JSON.parse((await run(["sources", "--db", db, "--json"])).out).sources;
    expect(sources.find((x: { name: string }) => x.name === "Demo Wire Service")).toMatchObject({
      reliability: "B",
      gradedBy: "tester",
    });
    expect((await run(["sources", "grade", "Demo Daily", "Z", "--db", db])).code).toBe(2);
    const board = JSON.parse((await run(["threats", "Paris Olympics", "--db", db, "--json"])).out);
    const isk = board.actors.find((x: { actor: { id: string } }) => x.actor.id === "isis-k");
    expect(isk.intent[0].grade).toMatchObject({ reliability: "F", code: expect.stringMatching(/^F[26]$/) });
    expect(Object.values(board.grades).length).toBeGreaterThan(0);
    const crocus = JSON.parse((await run(["incidents", "--country", "RU", "--db", db, "--json"])).out)
      .incidents[0];
    const view = JSON.parse((await run(["incident", crocus.id, "--db", db, "--json"])).out);
    const wire = view.members.find(
      (m: { source: { source?: string } }) => m.source.source === "Demo Wire Service",
    );
    expect(wire.grade.reliability).toBe("B");
    expect(wire.grade.credibility).toBe(2); // other outlets report the same incident
    expect(wire.grade.confidence).toBe(70);
  });

  it("shows what was known as of a date", async () => {
    const early = JSON.parse(
      (await run(["actor", "ISIS-K", "--as-of", "2016-01-01", "--db", db, "--json"])).out,
    );
    expect(early.asOf).toBe("2016-01-01");
    expect(early.strength).toEqual([]); // the 4,000–6,000 estimate was published in 2024
    const crocus = JSON.parse((await run(["incidents", "--country", "RU", "--db", db, "--json"])).out)
      .incidents[0];
    const first = JSON.parse(
      (await run(["incident", crocus.id, "--as-of", "2024-03-23", "--db", db, "--json"])).out,
    );
    expect(first.documentCount).toBe(1);
    expect(first.killed.values.map((v: { value: { min: number } }) => v.value.min)).toEqual([133]);
    expect((await run(["incidents", "--as-of", "2014-01-01", "--db", db, "--json"])).out).toContain(
      '"incidents": []',
    );
    expect((await run(["actor", "ISIS-K", "--as-of", "soon", "--db", db])).code).toBe(2);
  });

  it("merges two actors and unmerging restores the profile exactly", async () => {
    const before = (await run(["actor", "Islamic State", "--db", db, "--json"])).out;
    const merged = await run(["merge", "ISIS-K", "Islamic State", "--note", "test", "--db", db, "--json"]);
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.out);
    expect(m).toMatchObject({ from: "isis-k", into: "islamic-state", origin: "analyst", reason: "test" });
    const p = JSON.parse((await run(["actor", "ISKP", "--db", db, "--json"])).out);
    expect(p.actor.id).toBe("islamic-state");
    expect(p.merged[0]).toMatchObject({ id: "isis-k", reason: "test" });
    const actors = JSON.parse((await run(["actors", "--db", db, "--json"])).out);
    expect(actors.map((a: { id: string }) => a.id)).not.toContain("isis-k");
    expect((await run(["merges", "--db", db])).out).toContain(
      "Islamic State Khorasan Province → Islamic State",
    );
    expect((await run(["unmerge", String(m.id), "--db", db])).code).toBe(0);
    expect((await run(["actor", "Islamic State", "--db", db, "--json"])).out).toBe(before);
    expect((await run(["unmerge", String(m.id), "--db", db])).code).toBe(1);
    expect((await run(["merge", "ISIS-K", "--db", db])).code).toBe(2);
  });

  it("draws a timeline and a GeoJSON map with date and place precision", async () => {
    const t = JSON.parse((await run(["timeline", "--actor", "ISIS-K", "--db", db, "--json"])).out);
    const dates = t.entries.map((e: { date: { value: string } }) => e.date.value);
    expect(dates).toEqual([...dates].sort());
    const crocus = t.entries.find((e: { label?: string }) => e.label?.includes("Crocus"));
    expect(crocus).toMatchObject({
      date: { value: "2024-03-22", precision: "day" },
      place: { name: "Moscow", precision: "city" },
    });
    const out = join(tmp, "map.geojson");
    expect((await run(["map", "--country", "RU", "--out", out, "--db", db])).code).toBe(0);
    const geo = JSON.parse(readFileSync(out, "utf8"));
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.features[0].geometry.coordinates[1]).toBeCloseTo(55.75, 1);
    expect(geo.features[0].properties).toMatchObject({
      date_precision: "day",
      place_precision: "city",
      country: "RU",
    });
  });

  it("answers usage errors with status 2", async () => {
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["actor", "--db", db])).code).toBe(2);
    expect((await run(["events", "--since", "last tuesday", "--db", db])).code).toBe(2);
  });
});
