import { resolveIncidents } from "../../src/services/incident-resolver.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import type { Fixture } from "../contract/incident-fixtures.js";

/** An in-memory store holding the fixtures, each saved and placed in incidents as ingest does. */
export async function storeWith(fixtures: Fixture[]): Promise<Store> {
  const store = openSqliteStore(":memory:");
  for (const f of fixtures) {
    await store.saveAnalysis(f);
    await resolveIncidents(store, f);
  }
  return store;
}

/** The id of the one incident several fixtures report (the Crocus attack). */
export async function crocusId(store: Store): Promise<string> {
  const i = (await store.listIncidents()).find((x) => x.documentCount > 1);
  if (!i) throw new Error("no linked incident");
  return i.id;
}
