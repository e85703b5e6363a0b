import { describe, expect, it } from "vitest";
import {
  type FullTemplate,
  type FullTemplateDoc,
  goldClusters,
  goldTemplates,
  sameGoldIncident,
} from "./gold.js";
import { datelineDate } from "./run.js";

function template(id: string, date: string, location: string[], type: string, names: string[]): FullTemplate {
  return {
    template_id: id,
    slots: {
      "INCIDENT: DATE": [{ raw: date, value: date }],
      "INCIDENT: LOCATION": [{ raw: location.join(": "), alternatives: [location] }],
      "INCIDENT: TYPE": [{ raw: type, value: type }],
      "HUM TGT: NAME": names.map((n) => ({ raw: `"${n}"`, strings: [n] })),
      "PERP: ORGANIZATION ID": [{ raw: '"FMLN"', strings: ["FMLN"] }],
    },
  };
}

function doc(docid: string, ...templates: FullTemplate[]): FullTemplateDoc {
  return { docid, text: `SAN SALVADOR, 12 JAN 90 (RADIO) -- [TEXT] ...`, templates };
}

const oqueli = ["GUATEMALA", "GUATEMALA CITY (CITY)"];
const docs = [
  doc("D1", template("1", "12 JAN 90", oqueli, "KIDNAPPING", ["HECTOR OQUELI COLINDRES", "GILDA FLORES"])),
  doc("D2", template("1", "12 JAN 90", oqueli, "KIDNAPPING", ["HECTOR OQUELI"])),
  // Same day and place, another victim: another incident.
  doc("D3", template("1", "12 JAN 90", oqueli, "KIDNAPPING", ["JOSE PEREZ"])),
  // The same victim reported with "on or before": a different date string under the strict rule.
  doc("D4", template("1", "- 12 JAN 90", ["GUATEMALA"], "KIDNAPPING", ["HECTOR OQUELI"])),
  // Two templates of one document are never linked by the rule.
  doc(
    "D5",
    template("1", "12 JAN 90", oqueli, "KIDNAPPING", ["GILDA FLORES"]),
    template("2", "12 JAN 90", oqueli, "KIDNAPPING", ["GILDA FLORES"]),
  ),
];

describe("goldTemplates", () => {
  it("reads type, date, most specific location, names and a GTT-style template", () => {
    const [t] = goldTemplates(docs[0]);
    expect(t).toMatchObject({
      key: "D1#1",
      types: ["kidnapping"],
      dates: ["12 JAN 90"],
      days: ["12 JAN 90"],
      locations: ["GUATEMALA CITY (CITY)"],
      paths: ["GUATEMALA|GUATEMALA CITY (CITY)"],
      names: ["hector oqueli colindres", "gilda flores"],
    });
    expect(t.template.incident_type).toBe("kidnapping");
    expect(t.template.Victim).toEqual([["hector oqueli colindres"], ["gilda flores"]]);
    expect(t.template.PerpOrg).toEqual([["fmln"]]);
  });

  it("splits ambiguous types and keeps the days a date range names", () => {
    const [t] = goldTemplates(
      doc("D9", template("1", "(29 MAR 89 - 30 MAR 89)", oqueli, "BOMBING / ATTACK", [])),
    );
    expect(t.types).toEqual(["bombing", "attack"]);
    expect(t.days).toEqual(["29 MAR 89", "30 MAR 89"]);
  });
});

describe("gold rule", () => {
  const all = docs.flatMap(goldTemplates);
  const by = (key: string) => all.find((t) => t.key === key) ?? all[0];

  it("links templates of different documents with the same type, date, place and an overlapping name", () => {
    expect(sameGoldIncident(by("D1#1"), by("D2#1"))).toBe(true);
    expect(sameGoldIncident(by("D1#1"), by("D3#1"))).toBe(false);
    expect(sameGoldIncident(by("D2#1"), by("D4#1"))).toBe(false);
    expect(sameGoldIncident(by("D5#1"), by("D5#2"))).toBe(false);
    expect(sameGoldIncident(by("D1#1"), by("D5#1"))).toBe(true);
  });

  it("clusters by transitive closure under the strict and the relaxed rule", () => {
    const strict = goldClusters(all);
    expect(strict.get("D2#1")).toBe("D1#1");
    expect(strict.get("D5#1")).toBe("D1#1");
    expect(strict.get("D5#2")).toBe("D1#1"); // through D1
    expect(strict.get("D3#1")).toBe("D3#1");
    expect(strict.get("D4#1")).toBe("D4#1");
    const relaxed = goldClusters(all, "relaxed");
    expect(relaxed.get("D4#1")).toBe("D1#1");
    expect(relaxed.get("D3#1")).toBe("D3#1");
  });
});

describe("datelineDate", () => {
  it("reads the message date from the dateline", () => {
    expect(datelineDate("   GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY")).toBe("1990-02-04");
    expect(datelineDate("SAN SALVADOR, 12 JAN 90 (RADIO) -- [REPORT]")).toBe("1990-01-12");
    expect(datelineDate("NO DATELINE HERE -- TEXT")).toBeUndefined();
  });
});
