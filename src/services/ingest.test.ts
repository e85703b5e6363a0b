import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_CONFIG } from "../pipeline/config.js";
import { buildPipeline } from "../pipeline/default-registry.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import { ingestPaths } from "./ingest.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);

function write(name: string, text: string, published: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  writeFileSync(`${path}.meta.json`, JSON.stringify({ title: name, published }));
  return path;
}

const first = write(
  "a.txt",
  "Gunmen attacked the Crocus City Hall concert venue near Moscow on 22 March 2024, killing 133 people. Islamic State claimed the attack.",
  "2024-03-23",
);
const second = write(
  "b.txt",
  "The death toll from the 22 March 2024 attack on the Crocus City Hall concert venue near Moscow rose to 137, officials said.",
  "2024-03-24",
);

describe("ingestPaths and incident resolution", () => {
  it("links the events of newly ingested documents into incidents", async () => {
    const store = openSqliteStore(":memory:");
    const report = await ingestPaths({ pipeline, store }, [first, second]);
    expect(report.failed).toEqual([]);
    expect(report.warnings).toBeUndefined();
    expect(report.ingested).toHaveLength(2);
    const incidents = await store.listIncidents();
    expect(incidents.some((i) => i.documentCount === 2)).toBe(true);
    await store.close();
  });

  it("keeps the saved document and reports a warning when resolution fails", async () => {
    const real = openSqliteStore(":memory:");
    const failing: Store = Object.assign(Object.create(real) as Store, {
      applyIncidentChanges: async () => {
        throw new Error("disk on fire");
      },
    });
    const report = await ingestPaths({ pipeline, store: failing }, [first]);
    expect(report.ingested).toHaveLength(1);
    expect(report.failed).toEqual([]);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        path: first,
        message: expect.stringContaining("incident resolution failed"),
      }),
    ]);
    expect(await real.hasDocument(report.ingested[0].id)).toBe(true);
    await real.close();
  });
});
