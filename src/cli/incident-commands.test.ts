import { describe, expect, it } from "vitest";
import { crocusA, crocusB, crocusC, dagestan } from "../../test/contract/incident-fixtures.js";
import { resolveIncidents } from "../services/incident-resolver.js";
import type { IncidentView } from "../services/incidents.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { incidentCommand, incidentsCommand } from "./incident-commands.js";

async function store() {
  const s = openSqliteStore(":memory:");
  for (const f of [crocusA, crocusB, crocusC, dagestan]) {
    await s.saveAnalysis(f);
    await resolveIncidents(s, f);
  }
  return s;
}

describe("incidentsCommand", () => {
  it("lists incidents as a table and as data", async () => {
    const s = await store();
    const out = await incidentsCommand(s, { country: "RU", json: false });
    expect(out.human).toMatch(/^2 incident\(s\) \(country RU\)/);
    expect(out.human).toContain("armed assault on concertgoers in Moscow");
    const data = out.data as { incidents: { documentCount: number }[] };
    expect(data.incidents.map((i) => i.documentCount).sort()).toEqual([1, 3]);
    expect((await incidentsCommand(s, { actor: "nobody" })).human).toBe("0 incident(s) (actor nobody)");
    await s.close();
  });
});

describe("incidentCommand", () => {
  it("shows every reported value with its source, the preferred one, and the attributions", async () => {
    const s = await store();
    const id = (await s.listIncidents()).find((i) => i.documentCount === 3)?.id ?? "";
    const out = await incidentCommand(s, id);
    expect(out.human).toContain("Killed: 145   [latest report from the most reliable source");
    expect(out.human).toMatch(/at least 133\s+per doc:a-crocus \(2024-03-23\)/);
    expect(out.human).toMatch(/137\s+per doc:b-crocus \(2024-03-24\)/);
    expect(out.human).toContain("claimed by Islamic State per doc:a-crocus (2024-03-23)");
    expect(out.human).toContain("disputed by Russian government per doc:c-crocus (2024-05-22)");
    expect((out.data as IncidentView).id).toBe(id);
    await s.close();
  });

  it("rejects an unknown id with E_NOT_FOUND", async () => {
    const s = await store();
    await expect(incidentCommand(s, "incident:nope")).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    await s.close();
  });
});
