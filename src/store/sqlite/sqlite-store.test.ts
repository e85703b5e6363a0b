import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runStoreContract } from "../../../test/contract/store.contract.js";
import { SCHEMA_VERSION } from "../schema.js";
import { openSqliteStore } from "./sqlite-store.js";

const root = mkdtempSync(join(tmpdir(), "sitrep-store-"));
let n = 0;
const freshPath = () => join(root, `store-${process.pid}-${n++}.db`);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

runStoreContract("sqlite", async () => openSqliteStore(freshPath()));

describe("openSqliteStore", () => {
  it("creates the parent folder, applies migrations and sets WAL and foreign keys", async () => {
    const path = join(root, "nested", "deeper", "sitrep.db");
    const store = openSqliteStore(path);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(store.db.pragma("busy_timeout", { simple: true }))).toBeGreaterThan(0);
    const versions = store.db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    expect(versions.at(-1)).toEqual({ version: SCHEMA_VERSION });
    await store.close();
  });

  it("keeps data across reopening and does not re-run migrations", async () => {
    const path = freshPath();
    const text = "A bombing in Kabul.";
    const first = openSqliteStore(path);
    await first.saveAnalysis({
      document: { id: "doc:persist", text, language: "en", tlp: "CLEAR" },
      analysis: {
        document: { id: "doc:persist" },
        entities: [],
        events: [],
        claims: [],
        dates: [],
        quantities: [],
      },
    });
    await first.close();
    const second = openSqliteStore(path);
    expect(await second.countDocuments()).toBe(1);
    expect((await second.search("kabul")).map((h) => h.documentId)).toEqual(["doc:persist"]);
    expect(second.db.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get()).toEqual({
      n: SCHEMA_VERSION,
    });
    await second.close();
  });

  it("refuses a database made by a newer schema", () => {
    const path = freshPath();
    openSqliteStore(path).db.close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'now')")
      .run(SCHEMA_VERSION + 1);
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(expect.objectContaining({ code: "E_STORE" }));
  });

  it("reports a file that is not a database as E_STORE", () => {
    const path = join(root, "not-a-db.db");
    writeFileSync(
      path,
      "this is not a SQLite database, just some text that is long enough to matter".repeat(20),
    );
    expect(() => openSqliteStore(path)).toThrow(expect.objectContaining({ code: "E_STORE" }));
  });

  it("rejects calls after close", async () => {
    const store = openSqliteStore(freshPath());
    await store.close();
    await store.close();
    await expect(store.countDocuments()).rejects.toMatchObject({ code: "E_STORE" });
  });

  it("enforces span constraints in the schema itself", () => {
    const store = openSqliteStore(freshPath());
    store.db.prepare("INSERT INTO documents (id, text, ingested_at) VALUES ('doc:x', 'text', 'now')").run();
    expect(() =>
      store.db
        .prepare(
          "INSERT INTO evidence (document_id, owner_id, position, start_offset, end_offset, text) VALUES ('doc:x', 'ev', 0, 3, 1, 't')",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      store.db
        .prepare(
          "INSERT INTO evidence (document_id, owner_id, position, start_offset, end_offset, text) VALUES ('doc:missing', 'ev', 0, 0, 1, 't')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    store.db.close();
  });
});
