import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createDoc } from "../create-doc.js";
import type { AnalysisDoc } from "../doc.js";
import {
  ActorGazetteer,
  type ActorRecord,
  actorKey,
  createActorGazetteer,
  resolveActorName,
} from "./actor-gazetteer.js";
import { Tokenizer } from "./tokenizer.js";

const resource = JSON.parse(readFileSync(new URL("../resources/actors.json", import.meta.url), "utf8")) as {
  counts: Record<string, number>;
  actors: ActorRecord[];
};

let tokenizer: Tokenizer;
let gaz: ActorGazetteer;

beforeAll(() => {
  tokenizer = new Tokenizer();
  gaz = new ActorGazetteer({ tokenizer });
});

function run(text: string, g: ActorGazetteer = gaz): AnalysisDoc {
  const doc = createDoc(text, {});
  tokenizer.process(doc);
  g.process(doc);
  return doc;
}

function found(text: string): { text: string; entity: string }[] {
  return run(text).mentions.map((m) => ({ text: m.text, entity: m.entity }));
}

const ISKP_ALIASES = [
  "ISIS-K",
  "ISKP",
  "IS-K",
  "ISIL-K",
  "ISIS-Khorasan",
  "Islamic State Khorasan",
  "Islamic State Khorasan Province",
  "Islamic State – Khorasan Province",
  "Wilayat Khorasan",
];

describe("the committed actors.json resource", () => {
  it("holds at least 150 curated armed groups and the UN/UCDP additions", () => {
    const curatedGroups = resource.actors.filter(
      (a) => a.kind === "armed_group" && a.sources.includes("curated"),
    );
    expect(curatedGroups.length).toBeGreaterThanOrEqual(150);
    expect(resource.actors.some((a) => a.sources.includes("un") && !a.sources.includes("curated"))).toBe(
      true,
    );
    expect(resource.actors.some((a) => a.sources.includes("ucdp") && !a.sources.includes("curated"))).toBe(
      true,
    );
    expect(resource.counts.curatedArmedGroups).toBe(curatedGroups.length);
  });

  it("has unique sorted ids, known parents and documented relations", () => {
    const ids = resource.actors.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    const known = new Set(ids);
    for (const a of resource.actors) {
      expect(["armed_group", "agency", "organisation"]).toContain(a.kind);
      if (a.parent) {
        expect(known.has(a.parent), `${a.id} → ${a.parent}`).toBe(true);
        expect(["province", "affiliate", "faction", "successor", "wing"]).toContain(a.parentRelation);
      }
      for (const c of a.countries ?? []) expect(c).toMatch(/^[A-Z]{2}$/);
    }
  });

  it("contains no states, capitals or governments (the places component owns those)", () => {
    for (const a of resource.actors) {
      expect(a.id.startsWith("country:") || a.id.startsWith("gov:")).toBe(false);
      expect(["state", "government", "place"]).not.toContain(a.kind);
    }
    expect(gaz.lookup("Afghanistan")).toBeUndefined();
    expect(gaz.lookup("United States")).toBeUndefined();
  });

  it("never gives one matchable name to two entities", () => {
    const owner = new Map<string, string>();
    for (const a of resource.actors) {
      const exact = new Set([...(a.ambiguous ?? []), ...(a.caseSensitive ?? []), ...(a.context ?? [])]);
      const names = a.labelOnly ? a.aliases : [a.name, ...a.aliases];
      for (const n of names) {
        if (n.includes("(")) continue;
        const key = exact.has(n) ? `${actorKey(n)}|${n}` : actorKey(n);
        const prev = owner.get(key) ?? owner.get(actorKey(n));
        if (prev && prev !== a.id) throw new Error(`"${n}" is a name of both ${prev} and ${a.id}`);
        owner.set(key, a.id);
      }
    }
  });

  it("keeps 'Islamic State' and 'ISIS' for the Islamic State only", () => {
    for (const a of resource.actors) {
      if (a.id === "islamic-state") continue;
      const keys = [a.name, ...a.aliases].map(actorKey);
      expect(keys, a.id).not.toContain("islamic state");
      expect(keys, a.id).not.toContain("isis");
      expect(keys, a.id).not.toContain("daesh");
    }
    expect(gaz.lookup("ISIS")?.id).toBe("islamic-state");
    expect(gaz.lookup("Islamic State")?.id).toBe("islamic-state");
  });

  it("keeps the Islamic State and al-Qaida in Iraq distinct, linked as predecessor, not parent", () => {
    const is = gaz.get("islamic-state");
    expect(is?.parent).toBeUndefined();
    expect(is?.predecessor).toBe("al-qaida-in-iraq");
    expect(gaz.lookup("ISIL")?.id).toBe("islamic-state");
    expect(gaz.lookup("al-Qaida in Iraq")?.id).toBe("al-qaida-in-iraq");
    expect(gaz.get("al-qaida-in-iraq")?.externalIds?.un).toBe("QDe.115");
  });

  it("records the Taliban as an armed group that became Afghanistan's de facto government", () => {
    const t = gaz.get("taliban");
    expect(t?.kind).toBe("armed_group");
    expect(t?.deFactoGovernment).toEqual({ country: "AF", since: "2021-08-15" });
  });
});

describe("ActorGazetteer matching", () => {
  it("resolves every ISIS-K alias to isis-k, a province of the Islamic State", () => {
    for (const alias of ISKP_ALIASES) {
      const text = `On Monday ${alias} claimed the attack.`;
      const doc = run(text);
      expect(
        doc.mentions.map((m) => [m.text, m.entity]),
        alias,
      ).toEqual([[alias, "isis-k"]]);
      expect(gaz.lookup(alias)?.id, alias).toBe("isis-k");
    }
    const rec = run("ISKP claimed it.").entities.get("isis-k");
    expect(rec?.parent).toBe("islamic-state");
    expect(rec?.parentRelation).toBe("province");
    expect(gaz.get("isis-k")?.externalIds?.un).toBe("QDe.161");
  });

  it("adds the parent entity so the document can list it", () => {
    const doc = run("ISKP claimed it.");
    expect(doc.entities.has("islamic-state")).toBe(true);
    expect(doc.entityList().map((e) => e.id)).toEqual(["isis-k", "islamic-state"]);
  });

  it("matches lower-case and all-caps spellings", () => {
    expect(found("iskp and daesh and da'esh and isil and isis-k attacked")).toEqual([
      { text: "iskp", entity: "isis-k" },
      { text: "daesh", entity: "islamic-state" },
      { text: "da'esh", entity: "islamic-state" },
      { text: "isil", entity: "islamic-state" },
      { text: "isis-k", entity: "isis-k" },
    ]);
    expect(
      found("ISKP AND DAESH AND DA'ESH AND ISIL CLAIMED THE ATTACK, THE ISIS-K'S STATEMENT SAID."),
    ).toEqual([
      { text: "ISKP", entity: "isis-k" },
      { text: "DAESH", entity: "islamic-state" },
      { text: "DA'ESH", entity: "islamic-state" },
      { text: "ISIL", entity: "islamic-state" },
      { text: "ISIS-K", entity: "isis-k" },
    ]);
    expect(found("Da’esh (curly apostrophe) was named.")).toEqual([
      { text: "Da’esh", entity: "islamic-state" },
    ]);
  });

  it("keeps the Afghan Taliban and the Pakistani Taliban (TTP) apart", () => {
    expect(
      found(
        "The Taliban denied links with the Pakistani Taliban, also called TTP or Tehrik-i-Taliban Pakistan.",
      ),
    ).toEqual([
      { text: "Taliban", entity: "taliban" },
      { text: "Pakistani Taliban", entity: "ttp" },
      { text: "TTP", entity: "ttp" },
      { text: "Tehrik-i-Taliban Pakistan", entity: "ttp" },
    ]);
    expect(gaz.get("haqqani-network")?.parent).toBe("taliban");
    expect(gaz.get("ttp")?.parent).toBeUndefined();
  });

  it("never reads 'is' or emphatic 'IS' as the Islamic State", () => {
    expect(found("It is true. What it IS, nobody knows. This IS the end.")).toEqual([]);
    expect(found("He said it IS what it is.")).toEqual([]);
    expect(found("THE REPORT IS READY AND IS FIGHTERS ARE NOT MENTIONED ANYWHERE IN THE TEXT.")).toEqual([]);
  });

  it("reads IS as the Islamic State only with group context", () => {
    expect(found("IS fighters fled.")).toEqual([{ text: "IS", entity: "islamic-state" }]);
    expect(found("The attack was claimed by IS on Friday.")).toEqual([
      { text: "IS", entity: "islamic-state" },
    ]);
    expect(found("Islamic State (IS) militants")).toEqual([
      { text: "Islamic State", entity: "islamic-state" },
      { text: "IS", entity: "islamic-state" },
    ]);
    expect(found("IS's propaganda arm")).toEqual([{ text: "IS", entity: "islamic-state" }]);
  });

  it("matches a possessive on the name only, with exact offsets", () => {
    const text = "Officials blamed ISIS-K’s cell and Hamas's wing; al-Shabaab’s fighters";
    const doc = run(text);
    expect(doc.mentions.map((m) => m.text)).toEqual(["ISIS-K", "Hamas", "al-Shabaab"]);
    for (const m of doc.mentions) {
      expect(doc.text.slice(m.start, m.end)).toBe(m.text);
      expect(m.by).toBe("actors.gazetteer.v1");
    }
    expect(doc.mentions[0].start).toBe(text.indexOf("ISIS-K"));
    expect(doc.mentions[0].end).toBe(text.indexOf("ISIS-K") + 6);
    expect(doc.mentions[0].kind).toBe("armed_group");
  });

  it("keeps ambiguous acronyms case-exact and off in all-caps text", () => {
    expect(found("ETA announced a ceasefire.")).toEqual([{ text: "ETA", entity: "eta" }]);
    expect(found("the eta of the flight is noon")).toEqual([]);
    expect(found("ETA ANNOUNCED A CEASEFIRE AND THE GROUP DISARMED IN THE BASQUE COUNTRY.")).toEqual([]);
    expect(found("EUSKADI TA ASKATASUNA ANNOUNCED A CEASEFIRE IN THE BASQUE COUNTRY.")).toEqual([
      { text: "EUSKADI TA ASKATASUNA", entity: "eta" },
    ]);
    // Case-distinct acronyms: JeM (Jaish-e-Mohammed) and JEM (Sudan's Justice and Equality Movement).
    const jem = found("JeM and JEM");
    expect(jem[0]).toEqual({ text: "JeM", entity: "jaish-e-mohammed" });
    expect(jem[1]?.entity).not.toBe("jaish-e-mohammed");
  });

  it("finds agencies and organisations with their kinds", () => {
    const doc = run(
      "The FBI, MI5, the DGSI and Europol briefed the UN Security Council and NATO; Amaq News Agency said.",
    );
    expect(doc.mentions.map((m) => [m.text, m.entity, m.kind])).toEqual([
      ["FBI", "fbi", "agency"],
      ["MI5", "mi5", "agency"],
      ["DGSI", "dgsi", "agency"],
      ["Europol", "europol", "organisation"],
      ["UN Security Council", "un-security-council", "organisation"],
      ["NATO", "nato", "organisation"],
      ["Amaq News Agency", "amaq", "organisation"],
    ]);
    expect(gaz.get("fsb")?.countries).toEqual(["RU"]);
  });

  it("follows name histories and transliterations", () => {
    expect(gaz.lookup("Jabhat al-Nusra")?.id).toBe("hts");
    expect(gaz.lookup("Jabhat Fateh al-Sham")?.id).toBe("hts");
    expect(gaz.lookup("GSPC")?.id).toBe("aqim");
    expect(found("Lashkar-e-Toiba and Lashkar-e-Taiba")).toEqual([
      { text: "Lashkar-e-Toiba", entity: "lashkar-e-taiba" },
      { text: "Lashkar-e-Taiba", entity: "lashkar-e-taiba" },
    ]);
  });

  it("finds the MUC-4 era Latin American groups in lower-case text", () => {
    expect(
      found("the fmln and the eln attacked; shining path and the mrta denied it").map((m) => m.entity),
    ).toEqual(["fmln", "eln", "shining-path", "mrta"]);
  });

  it("works with records passed in, and through the factory", () => {
    const records: ActorRecord[] = [
      {
        id: "test-front",
        kind: "armed_group",
        name: "Test Liberation Front",
        aliases: ["TLF"],
        ambiguous: ["TLF"],
        sources: ["curated"],
      },
    ];
    const g = createActorGazetteer({ records, tokenizer });
    expect(g.name).toBe("actors.gazetteer.v1");
    expect(g.requires).toEqual(["tokens", "sentences"]);
    expect(g.assigns).toEqual(["mentions.actor"]);
    expect(run("The TLF, the tlf and the test liberation front.", g).mentions.map((m) => m.text)).toEqual([
      "TLF",
      "test liberation front",
    ]);
    expect(resolveActorName("tlf", g)?.id).toBe("test-front");
    expect(resolveActorName("Islamic State Khorasan Province", gaz)?.id).toBe("isis-k");
    expect(gaz.lookup("no such group")).toBeUndefined();
  });

  it("matches 100k words quickly (logged, not asserted)", () => {
    const sentence =
      "Militants loyal to the Islamic State and al-Shabaab attacked a base near the border on Tuesday , officials said , while ISKP claimed a bombing and the Taliban denied it . ";
    const words = sentence.split(" ").length;
    const doc = createDoc(sentence.repeat(Math.ceil(100_000 / words)), {});
    tokenizer.process(doc);
    const t0 = performance.now();
    gaz.process(doc);
    const ms = performance.now() - t0;
    console.log(
      `actor gazetteer: ${doc.tokens.length} tokens in ${ms.toFixed(1)} ms, ${doc.mentions.length} mentions`,
    );
    expect(doc.mentions.length).toBeGreaterThan(0);
  });
});
