import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/core/index.js";
import { DEFAULT_PIPELINE_CONFIG } from "../../src/pipeline/config.js";
import { buildPipeline } from "../../src/pipeline/default-registry.js";
import { analyzeText } from "../../src/services/analyze.js";

/**
 * Golden tests: whole-pipeline output on texts the project ships. The required facts are asserted
 * one by one; the full projection is also pinned in `*.expected.json` (review diffs on change;
 * `npx vitest run test/golden -u` rewrites them).
 */
const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);
const root = new URL("../../", import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), "utf8");
const meta = (p: string) => JSON.parse(read(`${p}.meta.json`)) as { published?: string; title?: string };

function analyse(path: string, published?: string | null): Analysis {
  const m = meta(path);
  const pub = published === null ? undefined : (published ?? m.published);
  return analyzeText(pipeline, read(path), { ...(pub ? { published: pub } : {}), path }).analysis;
}

/** A readable projection without ids that hash offsets, for the pinned snapshots. */
function project(a: Analysis) {
  const name = new Map(a.entities.map((e) => [e.id, e.name]));
  return {
    entities: a.entities.map(
      (e) => `${e.kind} ${e.id} ${e.name}: ${e.mentions.map((m) => m.text).join(" | ")}`,
    ),
    events: a.events.map((e) => ({
      type: e.type,
      subtype: e.subtype,
      label: e.label,
      date: e.date?.value ?? e.date?.text,
      place: e.place,
      perpetrators: e.perpetrators,
      targets: e.targets.map((t) => `${t.text}${t.type ? ` (${t.type})` : ""}`),
      attribution: e.attribution,
      casualties: e.casualties,
      evidence: e.evidence.map((s) => s.text),
    })),
    claims: a.claims.map(
      (c) =>
        `${name.get(c.subject) ?? c.subject} ${c.property} ${c.object ? (name.get(c.object) ?? c.object) : c.value}` +
        `${c.stance ? ` [${c.stance}]` : ""}${c.heldBy ? ` held by ${name.get(c.heldBy) ?? c.heldBy}` : ""} ← “${c.evidence[0].text}”`,
    ),
  };
}

function expectEvidenceExact(a: Analysis, text: string) {
  for (const e of a.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  for (const ev of a.events) {
    expect(ev.evidence.length).toBeGreaterThan(0);
    for (const s of ev.evidence) expect(text.slice(s.start, s.end)).toBe(s.text);
  }
  for (const c of a.claims) {
    expect(c.evidence.length).toBeGreaterThan(0);
    for (const s of c.evidence) expect(text.slice(s.start, s.end)).toBe(s.text);
  }
}

describe("golden: the seed article (published 2024-03-29)", () => {
  const path = "samples/isis-k-article.txt";
  const a = analyse(path);
  const text = analyzeText(pipeline, read(path), {}).document.text;
  const claims = (p: string) => a.claims.filter((c) => c.property === p && c.subject === "isis-k");

  it("names ISIS-K with its aliases and its parent, the Islamic State", () => {
    const isk = a.entities.find((e) => e.id === "isis-k");
    expect(isk?.kind).toBe("armed_group");
    expect(isk?.aliases).toContain("Islamic State Khorasan");
    expect(isk?.parent).toBe("islamic-state");
    expect(isk?.mentions.length).toBeGreaterThanOrEqual(10);
    expect(a.entities.find((e) => e.id === "islamic-state")).toBeTruthy();
    expect(claims("parent")[0]).toMatchObject({
      object: "islamic-state",
      qualifiers: { relation: "province" },
    });
  });

  it("reads the strength estimate 4,000–6,000 fighters", () => {
    expect(claims("strength")).toHaveLength(1);
    expect(claims("strength")[0]).toMatchObject({
      value: "4000-6000",
      qualifiers: { min: 4000, max: 6000, unit: "fighters" },
    });
  });

  it("resolves the founding to 2015 from “nine years ago”", () => {
    expect(claims("founded")).toHaveLength(1);
    expect(claims("founded")[0]).toMatchObject({
      value: "2015",
      qualifiers: { precision: "year", resolved: true },
    });
  });

  it("finds the Moscow concert hall attack, attributed to ISIS-K and disputed by the Russian government", () => {
    const moscow = a.events.filter((e) => e.type === "attack" && e.place === "geonames:524901");
    expect(moscow).toHaveLength(1);
    const ev = moscow[0];
    expect(ev.country).toBe("RU");
    expect(ev.perpetrators).toEqual(["isis-k"]);
    expect(ev.attribution).toMatchObject({ status: "disputed", by: "gov:RU" });
    expect(ev.targets[0].text).toContain("concert hall");
    const disputes = a.claims.filter(
      (c) => c.property === "attribution" && c.object === ev.id && c.stance === "disputed",
    );
    expect(disputes.map((c) => c.heldBy)).toEqual(["gov:RU"]);
  });

  it("finds attacks in Pakistan and Iran, the charter jet bombing, the Kabul embassy assault and arrests in Europe", () => {
    const countries = a.events.filter(
      (e) => e.type === "attack" && (e.place === "country:PK" || e.place === "country:IR"),
    );
    expect(countries.map((e) => e.place).sort()).toEqual(["country:IR", "country:PK"]);
    const jet = a.events.find((e) => e.subtype === "aviation_bombing");
    expect(jet?.targets[0]).toMatchObject({ text: "Russian charter jet", type: "airports_aircraft" });
    expect(jet?.perpetrators).toEqual(["isis-k"]);
    const embassy = a.events.find((e) => e.targets[0]?.text === "Russian embassy");
    expect(embassy).toMatchObject({ type: "attack", country: "AF", perpetrators: ["isis-k"] });
    expect(a.entities.find((e) => e.id === embassy?.place)?.name).toBe("Kabul");
    const arrests = a.events.filter((e) => e.type === "arrest");
    expect(arrests).toHaveLength(1);
    expect(arrests[0]).toMatchObject({
      perpetrators: ["isis-k"],
      place: "region:europe",
      attribution: { status: "suspected" },
    });
  });

  it("reports nothing else as an event", () => {
    expect(a.events).toHaveLength(6);
  });

  it("names the Taliban and the United States as adversaries", () => {
    const adv = claims("adversary").map((c) => c.object);
    expect(adv).toContain("taliban");
    expect(adv).toContain("country:US");
  });

  it("names Russia, Western Europe, the United States and the Paris Olympics as stated or possible targets", () => {
    const targets = claims("intended_target").map((c) => c.object);
    for (const t of ["country:RU", "region:western-europe", "country:US", "event:paris-olympics"])
      expect(targets).toContain(t);
    expect(claims("intended_target").find((c) => c.object === "event:paris-olympics")?.stance).toBe(
      "possible",
    );
  });

  it("names Afghanistan as the stronghold and reads the areas of operation", () => {
    expect(claims("stronghold").map((c) => c.object)).toEqual(["country:AF"]);
    const areas = claims("area_of_operation").map((c) => c.object);
    for (const p of ["country:AF", "country:PK", "country:IR", "region:central-asia"])
      expect(areas).toContain(p);
  });

  it("keeps the quoted assessment “naïve and embryonic”", () => {
    expect(claims("assessment").map((c) => c.value)).toEqual(["naïve and embryonic"]);
  });

  it("points every fact at its exact words", () => {
    expectEvidenceExact(a, text);
  });

  it("matches the pinned output", async () => {
    await expect(JSON.stringify(project(a), null, 2)).toMatchFileSnapshot("./seed.expected.json");
  });

  it("leaves “nine years ago” unresolved without a publication date", () => {
    const b = analyse(path, null);
    const f = b.claims.find((c) => c.property === "founded");
    expect(f).toMatchObject({ value: "nine years ago", qualifiers: { resolved: false } });
    expect(f?.qualifiers?.time).toBeUndefined();
  });
});

describe("golden: name variants (ISKP, Daesh, lower case)", () => {
  const path = "test/fixtures/golden/iskp-variants.txt";
  const a = analyse(path);
  it("resolves every variant to ISIS-K or the Islamic State", () => {
    const isk = a.entities.find((e) => e.id === "isis-k");
    const texts = isk?.mentions.map((m) => m.text.toLowerCase()) ?? [];
    expect(texts).toContain("iskp");
    expect(texts).toContain("is-k");
    expect(texts).toContain("islamic state khorasan province");
    expect(a.entities.find((e) => e.id === "islamic-state")?.mentions.map((m) => m.text)).toContain("Daesh");
  });
  it("finds the Kerman attack with its date, toll and claim", () => {
    const ev = a.events.find((e) => e.type === "attack" && e.country === "IR");
    expect(ev?.date?.value).toBe("2024-01-03");
    expect(ev?.casualties?.killed?.min).toBe(84);
    expect(ev?.attribution?.status).toBe("claimed");
  });
  it("matches the pinned output", async () => {
    await expect(JSON.stringify(project(a), null, 2)).toMatchFileSnapshot("./iskp-variants.expected.json");
  });
});

describe("golden: lower-case wire copy", () => {
  const path = "test/fixtures/golden/lowercase-wire.txt";
  const a = analyse(path);
  it("finds the arrest of suspected plotters linked to isis-k, dated last week", () => {
    const arrests = a.events.filter((e) => e.type === "arrest");
    expect(arrests.length).toBeGreaterThanOrEqual(1);
    expect(arrests[0].perpetrators).toContain("isis-k");
    expect(arrests[0].date?.value?.startsWith("2024-03")).toBe(true);
    expect(a.events.every((e) => !e.casualties)).toBe(true);
  });
  it("matches the pinned output", async () => {
    await expect(JSON.stringify(project(a), null, 2)).toMatchFileSnapshot("./lowercase-wire.expected.json");
  });
});

describe("golden: an upper-case MUC-4-style message", () => {
  const path = "test/fixtures/golden/muc-style.txt";
  const a = analyse(path);
  it("finds the FMLN attack on the bridge with its place and casualties", () => {
    const ev = a.events.find((e) => e.type === "attack" && e.perpetrators.includes("fmln"));
    expect(ev).toBeTruthy();
    expect(ev?.country).toBe("SV");
    expect(ev?.casualties?.killed?.min).toBe(2);
  });
  it("matches the pinned output", async () => {
    await expect(JSON.stringify(project(a), null, 2)).toMatchFileSnapshot("./muc-style.expected.json");
  });
});
