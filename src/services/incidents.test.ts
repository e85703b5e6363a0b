import { describe, expect, it } from "vitest";
import { crocusA, crocusB, crocusC, crocusUndated, dagestan } from "../../test/contract/incident-fixtures.js";
import { crocusId, storeWith } from "../../test/support/incident-store.js";
import { incidentView, listIncidents } from "./incidents.js";

describe("incidentView", () => {
  it("lists every reported death toll with its source and prefers the latest report", async () => {
    const store = await storeWith([crocusC, crocusA, crocusB, dagestan]);
    const view = await incidentView(store, await crocusId(store));
    expect(view?.killed.values.map((v) => [v.value, v.source.documentId, v.source.published])).toEqual([
      [{ min: 133, approx: true }, "doc:a-crocus", "2024-03-23"],
      [{ min: 137, max: 137 }, "doc:b-crocus", "2024-03-24"],
      [{ min: 145, max: 145 }, "doc:c-crocus", "2024-05-22"],
    ]);
    expect(view?.killed.preferred?.value).toEqual({ min: 145, max: 145 });
    expect(view?.killed.rule).toMatch(/latest report/);
    expect(view?.killed.values[0].text).toBe("at least 133 people");
    await store.close();
  });

  it("keeps each source's attribution of the perpetrators, including the dispute", async () => {
    const store = await storeWith([crocusA, crocusB, crocusC]);
    const view = await incidentView(store, await crocusId(store));
    const is = view?.perpetrators.find((p) => p.entity === "islamic-state");
    expect(is?.name).toBe("Islamic State");
    expect(is?.attributions.map((a) => [a.status, a.by, a.source.documentId])).toEqual([
      ["claimed", "islamic-state", "doc:a-crocus"],
      ["disputed", "gov:RU", "doc:c-crocus"],
    ]);
    expect(is?.attributions[1].byName).toBe("Russian government");
    const isk = view?.perpetrators.find((p) => p.entity === "isis-k");
    expect(isk?.attributions.map((a) => [a.status, a.by])).toEqual([["attributed", "gov:US"]]);
    await store.close();
  });

  it("prefers the most precise date and place, and lists every report with its link reasons", async () => {
    const store = await storeWith([crocusA, crocusB, crocusC, crocusUndated]);
    const view = await incidentView(store, await crocusId(store));
    expect(view?.date.preferred?.value).toEqual({ value: "2024-03-22", precision: "day" });
    expect(view?.place.values.map((p) => p.value.name)).toEqual(["Moscow", "Krasnogorsk", "Moscow"]);
    expect(view?.place.preferred?.value).toMatchObject({
      id: "geonames:524901",
      name: "Moscow",
      country: "RU",
    });
    expect(view?.members).toHaveLength(4);
    expect(view?.members.every((m) => m.reviewState === "proposed" && m.reasons.length > 0)).toBe(true);
    expect(view?.targets.values.some((t) => t.value.entity === "facility:crocus-city-hall")).toBe(true);
    expect(await incidentView(store, "incident:none")).toBeUndefined();
    await store.close();
  });
});

describe("listIncidents", () => {
  it("filters by actor name or id, country and date", async () => {
    const store = await storeWith([crocusA, crocusB, crocusC, dagestan]);
    expect((await listIncidents(store, { actor: "ISIS-K" })).map((i) => i.documentCount)).toEqual([3]);
    expect((await listIncidents(store, { actor: "isis-k" })).map((i) => i.documentCount)).toEqual([3]);
    expect(await listIncidents(store, { actor: "Nobody Front" })).toEqual([]);
    expect(await listIncidents(store, { country: "ru" })).toHaveLength(2);
    expect(await listIncidents(store, { country: "af" })).toHaveLength(0);
    expect(await listIncidents(store, { since: "2024-04" })).toHaveLength(0);
    await store.close();
  });
});
