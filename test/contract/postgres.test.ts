/**
 * The Store contract on PostgreSQL, plus what only the PostgreSQL adapter has (migrations in a
 * schema, types and collation that match SQLite, concurrent writers). Needs a server:
 * SITREP_TEST_PG_URL=postgres://user@host:port/db (`.ci/run` starts a throw-away one). Each test
 * opens the store in a fresh schema of that database; the schemas are dropped afterwards.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Analysis, Document, Entity } from "../../src/core/index.js";
import { toPgSql } from "../../src/store/postgres/pg-sql.js";
import { BLOCK_SQL, PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SCHEMA_VERSION } from "../../src/store/schema.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { ALL_FIXTURES } from "./incident-fixtures.js";
import { runStoreContract } from "./store.contract.js";

const url = process.env.SITREP_TEST_PG_URL;

if (!url) {
  describe.skip("Store contract: postgres — skipped: set SITREP_TEST_PG_URL=postgres://user@host:port/db to run it", () => {
    it("runs the Store contract against PostgreSQL when SITREP_TEST_PG_URL is set", () => {});
  });
} else {
  // A round trip to a server costs more than a call into SQLite: the contract's property test opens
  // 25 fresh stores (each migrating a new schema).
  vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
  const pgUrl = url;
  const prefix = `sitrep_t${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const freshSchema = () => {
    const s = `${prefix}_${schemas.length}`;
    schemas.push(s);
    return s;
  };
  const openFresh = (schema = freshSchema()) => PostgresStore.open(pgUrl, { schema, max: 4 });

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    // Installed once in public (on every test schema's search_path), so dropping a test schema
    // never drops the extension from under the others.
    await admin((c) => c.query("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"));
  });

  afterAll(async () => {
    await admin(async (c) => {
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    });
  });

  /**
   * Deletes every row of a schema's tables (children before the tables they reference) and
   * restarts identity columns: the schema then reads as new. Much faster than TRUNCATE, which
   * makes new files for every table and index.
   */
  async function emptySchema(store: PostgresStore, schema: string): Promise<void> {
    const tables = (
      await store.pool.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
        [schema],
      )
    ).rows.map((t) => t.name);
    const refs = (
      await store.pool.query<{ child: string; parent: string }>(
        `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint c
         JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'f' AND n.nspname = $1 AND ch.relname <> pa.relname`,
        [schema],
      )
    ).rows;
    const order: string[] = [];
    const left = new Set(tables);
    while (left.size) {
      // A table goes once no table still to be emptied references it.
      const next = [...left].filter((t) => !refs.some((r) => r.parent === t && left.has(r.child)));
      if (!next.length) throw new Error(`foreign keys form a cycle among ${[...left].join(", ")}`);
      for (const t of next) {
        order.push(t);
        left.delete(t);
      }
    }
    const identities = (
      await store.pool.query<{ seq: string }>(
        `SELECT pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS seq
         FROM information_schema.columns WHERE table_schema = $1 AND is_identity = 'YES'`,
        [schema],
      )
    ).rows.map((r) => r.seq);
    await store.pool.query(
      [
        ...order.map((t) => `DELETE FROM "${schema}"."${t}"`),
        ...identities.map((q) => `SELECT setval('${q}', 1, false)`),
      ].join(";\n"),
    );
  }

  /**
   * Schemas whose store was closed, ready for reuse: the contract opens a store per test (and the
   * property test 25 more), and migrating a new schema costs far more than emptying one.
   */
  const idle: string[] = [];
  async function openIsolated(): Promise<Store> {
    const reused = idle.pop();
    const schema = reused ?? freshSchema();
    const store = await PostgresStore.open(pgUrl, { schema, max: 4 });
    if (reused) await emptySchema(store, schema);
    const close = store.close.bind(store);
    let returned = false;
    store.close = async () => {
      await close();
      if (!returned) idle.push(schema);
      returned = true;
    };
    return store;
  }

  runStoreContract("postgres", openIsolated);

  it("runs each contract test on an empty store (a reused schema is truncated)", async () => {
    const a = await openIsolated();
    const d = { id: "doc:left-over", text: "Left over.", language: "en", tlp: "CLEAR" as const };
    await a.saveAnalysis({
      document: d,
      analysis: { document: { id: d.id }, entities: [], events: [], claims: [], dates: [], quantities: [] },
    });
    await a.close();
    const b = await openIsolated();
    expect(await b.countDocuments()).toBe(0);
    expect(await b.search("left")).toEqual([]);
    await b.close();
  });

  const text = "ISKP claimed the attack near Kabul airport. Islamic State Khorasan said so.";
  const docOf = (id: string, extra: Partial<Document> = {}): Document => ({
    id,
    text,
    language: "en",
    tlp: "CLEAR",
    ...extra,
  });
  const empty = (d: Document, parts: Partial<Analysis> = {}): Analysis => ({
    document: { id: d.id },
    entities: [],
    events: [],
    claims: [],
    dates: [],
    quantities: [],
    ...parts,
  });

  describe("PostgresStore", () => {
    it("applies every migration once, in the given schema, and keeps data across reopening", async () => {
      const schema = freshSchema();
      const first = await openFresh(schema);
      const d = docOf("doc:persist");
      await first.saveAnalysis({ document: d, analysis: empty(d) });
      const versions = await first.pool.query("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.rows.map((r) => r.version)).toEqual(
        Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
      );
      const where = await first.pool.query(
        "SELECT table_schema FROM information_schema.tables WHERE table_name = 'documents' AND table_schema = $1",
        [schema],
      );
      expect(where.rowCount).toBe(1);
      await first.close();
      const second = await openFresh(schema);
      expect(await second.countDocuments()).toBe(1);
      expect((await second.search("kabul")).map((h) => h.documentId)).toEqual(["doc:persist"]);
      const count = await second.pool.query("SELECT COUNT(*)::int AS n FROM schema_migrations");
      expect(count.rows[0].n).toBe(SCHEMA_VERSION);
      await second.close();
    });

    it("opens concurrently from several processes without applying migrations twice", async () => {
      const schema = freshSchema();
      const stores = await Promise.all([openFresh(schema), openFresh(schema), openFresh(schema)]);
      const count = await stores[0].pool.query("SELECT COUNT(*)::int AS n FROM schema_migrations");
      expect(count.rows[0].n).toBe(SCHEMA_VERSION);
      await Promise.all(stores.map((s) => s.close()));
    });

    it("takes the schema from a ?schema= URL parameter", async () => {
      const schema = freshSchema();
      const store = await PostgresStore.open(`${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=${schema}`);
      expect(store.schema).toBe(schema);
      const path = await store.pool.query("SHOW search_path");
      expect(path.rows[0].search_path).toContain(schema);
      await store.close();
    });

    it("keeps server options from the URL next to the schema's search_path", async () => {
      const schema = freshSchema();
      const options = encodeURIComponent("-c statement_timeout=4321");
      const sep = pgUrl.includes("?") ? "&" : "?";
      const store = await PostgresStore.open(`${pgUrl}${sep}options=${options}&schema=${schema}`);
      expect((await store.pool.query("SHOW statement_timeout")).rows[0].statement_timeout).toBe("4321ms");
      expect((await store.pool.query("SHOW search_path")).rows[0].search_path).toContain(schema);
      await store.close();
    });

    it("refuses a database made by a newer schema", async () => {
      const schema = freshSchema();
      const store = await openFresh(schema);
      await store.pool.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 'now')",
        [SCHEMA_VERSION + 1],
      );
      await store.close();
      await expect(openFresh(schema)).rejects.toMatchObject({
        code: "E_STORE",
        details: expect.objectContaining({ version: SCHEMA_VERSION + 1 }),
      });
    });

    it("reports an unreachable server as E_STORE without the password", async () => {
      const failure = await PostgresStore.open("postgres://sitrep:hunter2@127.0.0.1:1/sitrep", {
        pool: { connectionTimeoutMillis: 2000 },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toMatchObject({ code: "E_STORE" });
      expect(JSON.stringify((failure as { details: unknown }).details)).not.toContain("hunter2");
      expect((failure as Error).message).not.toContain("hunter2");
    });

    it("refuses a schema name that is not a plain identifier", async () => {
      await expect(PostgresStore.open(pgUrl, { schema: 'x"; DROP TABLE y; --' })).rejects.toMatchObject({
        code: "E_CONFIG",
      });
    });

    it("rejects calls after close", async () => {
      const store = await openFresh();
      await store.close();
      await store.close();
      await expect(store.countDocuments()).rejects.toMatchObject({ code: "E_STORE" });
      await expect(
        store.saveAnalysis({ document: docOf("doc:x"), analysis: empty(docOf("doc:x")) }),
      ).rejects.toMatchObject({
        code: "E_STORE",
      });
    });

    it("keeps working when the schema changes under its prepared statements", async () => {
      const store = await openFresh();
      const d = docOf("doc:stale");
      const entity: Entity = { id: "ent:x", kind: "armed_group", name: "X", aliases: [], mentions: [] };
      await store.saveAnalysis({ document: d, analysis: empty(d, { entities: [entity] }) });
      for (let i = 0; i < 3; i++) expect((await store.getEntity("ent:x"))?.name).toBe("X");
      // What a newer Sitrep's migration would do while this process runs.
      await store.pool.query("ALTER TABLE entities ADD COLUMN added_later TEXT");
      for (let i = 0; i < 5; i++) expect((await store.getEntity("ent:x"))?.name).toBe("X");
      await store.close();
    });

    it("works without prepared statements (for poolers that cannot keep them)", async () => {
      const store = await PostgresStore.open(pgUrl, { schema: freshSchema(), prepareStatements: false });
      const d = docOf("doc:unprepared");
      await store.saveAnalysis({ document: d, analysis: empty(d) });
      expect((await store.search("kabul")).map((h) => h.documentId)).toEqual([d.id]);
      const prepared = await store.pool.query("SELECT COUNT(*)::int AS n FROM pg_prepared_statements");
      expect(prepared.rows[0].n).toBe(0);
      await store.close();
    });

    it("enforces span constraints and foreign keys in the schema itself", async () => {
      const store = await openFresh();
      await store.pool.query("INSERT INTO documents (id, text, ingested_at) VALUES ('doc:x', 'text', 'now')");
      await expect(
        store.pool.query(
          "INSERT INTO evidence (document_id, owner_id, position, start_offset, end_offset, text) VALUES ('doc:x', 'ev', 0, 3, 1, 't')",
        ),
      ).rejects.toMatchObject({ code: "23514" });
      await expect(
        store.pool.query(
          "INSERT INTO evidence (document_id, owner_id, position, start_offset, end_offset, text) VALUES ('doc:missing', 'ev', 0, 0, 1, 't')",
        ),
      ).rejects.toMatchObject({ code: "23503" });
      await store.close();
    });

    it("keeps coordinates and confidences at full double precision, as SQLite does", async () => {
      const store = await openFresh();
      const d = docOf("doc:precise");
      const place: Entity = {
        id: "geonames:1",
        kind: "place",
        name: "Kabul",
        aliases: [],
        geo: {
          lat: 34.52845512345678,
          lon: 69.17170398765433,
          country: "AF",
          precision: "city",
          geonamesId: 1138958,
        },
        mentions: [{ start: text.indexOf("Kabul"), end: text.indexOf("Kabul") + 5, text: "Kabul" }],
      };
      const evidence = [{ start: 0, end: 4, text: "ISKP" }];
      await store.saveAnalysis({
        document: d,
        analysis: empty(d, {
          entities: [place],
          events: [
            {
              id: "ev:1",
              type: "attack",
              perpetrators: [],
              targets: [],
              weapons: [],
              evidence,
              confidence: 0.123456789012345,
            },
          ],
        }),
      });
      expect((await store.getEntity("geonames:1"))?.geo).toEqual(place.geo);
      expect((await store.listEvents())[0].confidence).toBe(0.123456789012345);
      await store.close();
    });

    it("orders text by code point (SQLite's BINARY collation), whatever the database locale", async () => {
      const store = await openFresh();
      const names = ["b-group", "B Group", "_group", "a group", "Ä group", "a-group", "aa group"];
      const d = docOf("doc:names");
      const parent: Entity = {
        id: "ent:parent",
        kind: "armed_group",
        name: "Parent",
        aliases: [],
        mentions: [],
      };
      await store.saveAnalysis({
        document: d,
        analysis: empty(d, {
          entities: [
            parent,
            ...names.map((name, i) => ({
              id: `ent:${i}`,
              kind: "armed_group" as const,
              name,
              aliases: [],
              parent: "ent:parent",
              mentions: [],
            })),
          ],
        }),
      });
      const byName = (await store.childrenOf("ent:parent")).map((e) => e.name);
      expect(byName).toEqual([...names].sort());
      // Not the test server's locale at work: every text column compares in the C collation.
      const collations = await store.pool.query<{ collation: string | null }>(
        `SELECT DISTINCT collation_name AS collation FROM information_schema.columns
         WHERE table_schema = $1 AND data_type = 'text'`,
        [store.schema],
      );
      expect(collations.rows).toEqual([{ collation: "C" }]);
      await store.close();
    });

    it("lets two concurrent saves of one document store it once", async () => {
      const store = await openFresh();
      const d = docOf("doc:race");
      const results = await Promise.all([
        store.saveAnalysis({ document: d, analysis: empty(d) }),
        store.saveAnalysis({ document: d, analysis: empty(d) }),
      ]);
      expect(results.map((r) => r.inserted).sort()).toEqual([false, true]);
      expect(await store.countDocuments()).toBe(1);
      await store.close();
    });

    it("merges one entity seen by concurrent saves without losing aliases", async () => {
      const store = await openFresh();
      const saves = Array.from({ length: 6 }, (_, i) => {
        const d = docOf(`doc:c${i}`, { text: `${text} ${i}` });
        const entity: Entity = {
          id: "ent:iskp",
          kind: "armed_group",
          name: "ISKP",
          aliases: [`alias ${i}`],
          mentions: [{ start: 0, end: 4, text: "ISKP" }],
        };
        return store.saveAnalysis({ document: d, analysis: empty(d, { entities: [entity] }) });
      });
      expect((await Promise.all(saves)).every((r) => r.inserted)).toBe(true);
      const isk = await store.getEntity("ent:iskp");
      expect(isk?.aliases.slice().sort()).toEqual(Array.from({ length: 6 }, (_, i) => `alias ${i}`));
      expect(isk?.mentionCount).toBe(6);
      for (let i = 0; i < 6; i++) expect((await store.findEntityByName(`ALIAS ${i}`))?.id).toBe("ent:iskp");
      await store.close();
    });

    it("finds search hits through the GIN index", async () => {
      const store = await openFresh();
      const client = await store.pool.connect();
      try {
        // An empty table is cheaper to scan; with scans priced out the planner shows the index is usable.
        await client.query("SET enable_seqscan = off");
        const plan = await client.query(
          `EXPLAIN (FORMAT JSON) SELECT id FROM documents WHERE search @@ phraseto_tsquery('sitrep_search', 'kabul')`,
        );
        expect(JSON.stringify(plan.rows[0])).toContain("documents_search");
      } finally {
        client.release(true);
      }
      await store.close();
    });

    it("never fails on tsquery syntax inside prefix words", async () => {
      const store = await openFresh();
      const d = docOf("doc:odd", { title: "O'Brien & the 'Front'" });
      await store.saveAnalysis({ document: d, analysis: empty(d) });
      for (const q of [
        "a'b*",
        "x\\*",
        "'*",
        "':*",
        "ab:*",
        "a|b*",
        "!x*",
        "(x*",
        "x)*",
        "<->*",
        "o'bri*",
        "\\'*",
      ]) {
        await expect(store.search(q), q).resolves.toBeInstanceOf(Array);
      }
      expect((await store.search("o'bri*")).map((h) => h.documentId)).toEqual(["doc:odd"]);
      expect((await store.search("ISKP*")).map((h) => h.documentId)).toEqual(["doc:odd"]);
      await store.close();
    });

    it("blocks incidents through index range scans, never a scan of all members", async () => {
      const store = await openFresh();
      const seed = (sql: string) => store.pool.query(sql);
      await seed(
        `INSERT INTO documents (id, text, ingested_at) SELECT 'doc:' || g, 'x', 'now' FROM generate_series(1, 1000) g`,
      );
      await seed(
        `INSERT INTO events (document_id, id, type) SELECT 'doc:' || g, 'ev:' || k, 'attack'
         FROM generate_series(1, 1000) g, generate_series(1, 10) k`,
      );
      await seed(
        `INSERT INTO incidents (id, type_family, type, updated_at) SELECT 'inc:' || g, 'attack', 'attack', 'now'
         FROM generate_series(1, 1000) g`,
      );
      await seed(
        `INSERT INTO incident_events (document_id, event_id, incident_id, type_family, date_start, date_precision,
           sort_key, country, features)
         SELECT 'doc:' || g, 'ev:' || k, 'inc:' || g, CASE WHEN k % 2 = 0 THEN 'attack' ELSE 'plot' END,
           to_char(date '2000-01-01' + (g * 10 + k), 'YYYY-MM-DD'), 'day', 'k',
           CASE WHEN k % 3 = 0 THEN NULL ELSE 'RU' END, '{}'
         FROM generate_series(1, 1000) g, generate_series(1, 10) k`,
      );
      await seed(
        `INSERT INTO incident_keys (key, document_id, event_id) SELECT 'name:' || g, 'doc:' || g, 'ev:' || k
         FROM generate_series(1, 1000) g, generate_series(1, 10) k`,
      );
      await seed("ANALYZE");
      const plans: [string, unknown[]][] = [
        [BLOCK_SQL.window, ["attack", "RU", "day", "2020-03-01", "2020-03-20"]],
        [BLOCK_SQL.windowNoCountry, ["attack", "day", "2020-03-01", "2020-03-20"]],
        [BLOCK_SQL.windowAnyCountry, ["attack", "day", "2020-03-01", "2020-03-20"]],
        [BLOCK_SQL.keys, [["name:7", "name:8"], "attack"]],
        [BLOCK_SQL.keysUndated, [["name:7"], "attack"]],
      ];
      for (const [sql, params] of plans) {
        const plan = (await store.pool.query(`EXPLAIN ${toPgSql(sql)}`, params)).rows
          .map((r) => r["QUERY PLAN"])
          .join("\n");
        expect(plan, sql).not.toMatch(/Seq Scan on incident_(events|keys)/);
        expect(plan, sql).toMatch(/Index Scan using incident_(events|keys)_\w+/);
      }
      await store.close();
    });

    it("answers like the SQLite store on the incident fixtures", async () => {
      const sqlite = openSqliteStore(":memory:");
      const postgres = await openFresh();
      const both: Store[] = [sqlite, postgres];
      for (const s of both) {
        for (const f of ALL_FIXTURES) await s.saveAnalysis({ document: f.document, analysis: f.analysis });
      }
      // Ingest times differ between the two stores by construction; everything else must not.
      const timeless = (x: unknown): unknown =>
        JSON.parse(JSON.stringify(x ?? null, (k, v) => (k === "ingestedAt" ? undefined : v)));
      const same = async <T>(read: (s: Store) => Promise<T>) => {
        const [a, b] = await Promise.all(both.map(read));
        expect(timeless(b)).toEqual(timeless(a));
      };
      await same((s) => s.listDocuments());
      await same((s) => s.listEntities());
      await same((s) => s.listEvents());
      await same((s) => s.listClaims());
      await same((s) => s.listMentions({}));
      await same((s) => s.listEvents({ country: "RU", since: "2024-03" }));
      await same((s) => s.findEntityByName("isis-k"));
      await same((s) => s.listEntities({ q: "state" }));
      await same((s) => s.search("Crocus").then((hits) => hits.map((h) => h.documentId)));
      await same((s) => s.listProposed().then((q) => q.map((i) => [i.itemKind, i.documentId, i.itemId])));
      await same((s) => s.listSources().then((list) => list.map(({ gradedAt, ...rest }) => rest)));
      await sqlite.close();
      await postgres.close();
    });
  });
}
