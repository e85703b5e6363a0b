import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultStoreLocation, isPostgresUrl, openStore } from "./open.js";
import { PostgresStore } from "./postgres/postgres-store.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";

const root = mkdtempSync(join(tmpdir(), "sitrep-open-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("openStore", () => {
  it("opens a SQLite file for a path, creating its folder", async () => {
    const store = await openStore(join(root, "nested", "sitrep.db"));
    expect(store).toBeInstanceOf(SqliteStore);
    expect(await store.countDocuments()).toBe(0);
    await store.close();
  });

  it("opens a throw-away SQLite store for :memory:", async () => {
    const store = await openStore(":memory:");
    expect(store).toBeInstanceOf(SqliteStore);
    await store.close();
  });

  it("sends postgres:// and postgresql:// URLs to the PostgreSQL adapter", async () => {
    // Nothing listens on port 1: the PostgreSQL adapter reports it, with the password hidden.
    for (const url of [
      "postgres://sitrep:secret@127.0.0.1:1/sitrep",
      "POSTGRESQL://sitrep:secret@127.0.0.1:1/x",
    ]) {
      const failure = await openStore(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toMatchObject({ code: "E_STORE" });
      const details = (failure as { details: { url: string } }).details;
      expect(details.url).toMatch(/^postgres(ql)?:\/\/sitrep:\*\*\*@127\.0\.0\.1:1\//i);
      expect(JSON.stringify(details)).not.toContain("secret");
    }
  });

  it("tells URLs from paths", () => {
    expect(isPostgresUrl("postgres://h/db")).toBe(true);
    expect(isPostgresUrl(" postgresql://u@h:5432/db?sslmode=require")).toBe(true);
    expect(isPostgresUrl("./postgres/sitrep.db")).toBe(false);
    expect(isPostgresUrl("postgres.db")).toBe(false);
    expect(isPostgresUrl("/data/postgres://odd.db")).toBe(false);
    expect(isPostgresUrl("mysql://h/db")).toBe(false);
  });
});

describe("defaultStoreLocation", () => {
  it("keeps a PostgreSQL URL in SITREP_DB as it is", () => {
    expect(defaultStoreLocation({ SITREP_DB: "postgres://u@db.example/sitrep" }, "/work")).toBe(
      "postgres://u@db.example/sitrep",
    );
  });

  it("otherwise resolves like defaultDbPath", () => {
    expect(defaultStoreLocation({ SITREP_DB: "data/s.db" }, "/work")).toBe("/work/data/s.db");
    expect(defaultStoreLocation({}, "/work")).toBe("/work/.sitrep/sitrep.db");
    expect(defaultStoreLocation({ SITREP_DB: ":memory:" }, "/work")).toBe(":memory:");
  });
});

const pgUrl = process.env.SITREP_TEST_PG_URL;
describe.skipIf(!pgUrl)("openStore on a PostgreSQL server (SITREP_TEST_PG_URL)", () => {
  it("returns a PostgresStore in the schema named by ?schema=", async () => {
    const schema = `sitrep_open_${process.pid}_${Date.now().toString(36)}`;
    const url = `${pgUrl}${pgUrl?.includes("?") ? "&" : "?"}schema=${schema}`;
    const store = await openStore(url);
    try {
      expect(store).toBeInstanceOf(PostgresStore);
      expect((store as PostgresStore).schema).toBe(schema);
      expect(await store.countDocuments()).toBe(0);
      await (store as PostgresStore).pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    } finally {
      await store.close();
    }
  });
});
