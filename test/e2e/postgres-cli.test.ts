/**
 * The CLI end to end on PostgreSQL (`--db postgres://…`): the same commands an analyst runs on the
 * embedded store. Needs SITREP_TEST_PG_URL (`.ci/run` starts a throw-away server); skipped without.
 */
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { main, type Output } from "../../src/cli/main.js";

const url = process.env.SITREP_TEST_PG_URL;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write: (c, _e, cb) => {
        append(String(c));
        cb();
      },
    }) as Output;
  const code = await main(
    args,
    sink((s) => {
      out += s;
    }),
    sink((s) => {
      err += s;
    }),
  );
  return { code, out, err };
}

if (!url) {
  describe.skip("sitrep CLI on PostgreSQL — skipped: set SITREP_TEST_PG_URL=postgres://user@host:port/db", () => {
    it("runs the CLI against PostgreSQL", () => {});
  });
} else {
  const schema = `sitrep_cli_${process.pid}_${Date.now().toString(36)}`;
  const db = `${url}${url.includes("?") ? "&" : "?"}schema=${schema}`;
  const samples = new URL("../../samples/", import.meta.url).pathname;

  afterAll(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  });

  describe("sitrep CLI on PostgreSQL", { timeout: 180_000 }, () => {
    it("ingests the samples and answers the same questions as on SQLite", async () => {
      const ingest = await run(["ingest", samples, "--db", db, "--json"]);
      expect(ingest.code).toBe(0);
      expect(JSON.parse(ingest.out).ingested.length).toBe(17);
      const profile = JSON.parse((await run(["actor", "ISKP", "--db", db, "--json"])).out);
      expect(profile.actor.id).toBe("isis-k");
      expect(profile.strength[0].qualifiers).toMatchObject({ min: 4000, max: 6000 });
      const board = JSON.parse((await run(["threats", "Paris Olympics", "--db", db, "--json"])).out);
      expect(board.actors.map((a: { actor: { id: string } }) => a.actor.id)).toContain("isis-k");
      const incidents = JSON.parse(
        (await run(["incidents", "--country", "RU", "--db", db, "--json"])).out,
      ).incidents;
      const crocus = incidents.find((i: { label?: string }) => i.label?.includes("Crocus"));
      expect(crocus.documentCount).toBe(5);
      const hits = JSON.parse((await run(["search", "concert hall", "--db", db, "--json"])).out);
      expect(hits.length).toBeGreaterThan(0);
    });
  });
}
