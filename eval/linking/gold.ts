import { normalizeString } from "../muc4/normalize.js";
import { emptyFillers, type Role, type Template } from "../muc4/types.js";

/**
 * Gold cross-document incidents from MUC-4's full templates (docs/incidents.md, docs/quality.md).
 *
 * The rule: two templates describe the same incident when they come from **different documents**
 * and have
 * 1. the same incident type (INCIDENT: TYPE; "BOMBING / ATTACK" counts as both),
 * 2. the same date (INCIDENT: DATE, compared as the key's date string, so "12 JAN 90" ≠ "- 12 JAN 90"),
 * 3. the same location at its most specific level (the last element of any INCIDENT: LOCATION
 *    alternative: "GUATEMALA CITY (CITY)"),
 * 4. an overlapping target or victim name (PHYS TGT: ID or HUM TGT: NAME strings): after MUC
 *    normalisation (lower case, no punctuation or articles) equal, or one's words contained in the
 *    other's with at least two words ("hector oqueli" ⊂ "hector oqueli colindres").
 * Gold incidents are the connected components of that relation (its transitive closure).
 *
 * The strict rule splits reports of one real event whose keys differ in form only: "09 JUN 89"
 * vs "- 09 JUN 89" (on or before), "EL SALVADOR" vs "EL SALVADOR: SAN SALVADOR (CITY)". The
 * **relaxed** variant (reported beside it) compares dates by the days they name (range ends and
 * alternatives included, the "-" dropped) and locations by hierarchy (one location's path a
 * prefix of the other's); the type and name conditions stay the same.
 */

export interface FullFiller {
  raw: string;
  optional?: boolean;
  strings?: string[];
  value?: string;
  alternatives?: string[][];
}

export interface FullTemplate {
  template_id: string;
  optional?: boolean;
  slots: Record<string, FullFiller[]>;
}

export interface FullTemplateDoc {
  docid: string;
  text: string;
  templates: FullTemplate[];
}

export interface GoldTemplate {
  /** "DOCID#template_id" */
  key: string;
  docid: string;
  types: string[];
  dates: string[];
  locations: string[];
  /** Days the date names ("- 09 JUN 89" → ["09 JUN 89"]; "(29 MAR 89 - 30 MAR 89)" → both). */
  days: string[];
  /** Full location paths ("EL SALVADOR|SAN SALVADOR (CITY)"). */
  paths: string[];
  names: string[];
  /** The template in GTT form (normalised strings), for aligning predicted events. */
  template: Template;
}

const ROLE_SLOTS: Record<Role, string> = {
  PerpInd: "PERP: INDIVIDUAL ID",
  PerpOrg: "PERP: ORGANIZATION ID",
  Target: "PHYS TGT: ID",
  Victim: "HUM TGT: NAME",
  Weapon: "INCIDENT: INSTRUMENT ID",
};

function strings(fillers: FullFiller[] | undefined): string[][] {
  return (fillers ?? [])
    .map((f) => (f.strings ?? []).map(normalizeString).filter(Boolean))
    .filter((s) => s.length > 0);
}

function fillerValue(f: FullFiller): string {
  return (f.value ?? f.raw).replace(/\s+/g, " ").trim();
}

export function goldTemplates(doc: FullTemplateDoc): GoldTemplate[] {
  return doc.templates.map((t) => {
    const s = t.slots;
    const types = [
      ...new Set(
        (s["INCIDENT: TYPE"] ?? []).flatMap((f) =>
          fillerValue(f)
            .split("/")
            .map((x) => x.trim().toLowerCase())
            .filter(Boolean),
        ),
      ),
    ];
    const template = { ...emptyFillers(), incident_type: types.join(" / ") || "attack" } as Template;
    for (const [role, slot] of Object.entries(ROLE_SLOTS) as [Role, string][])
      template[role] = strings(s[slot]);
    const dates = (s["INCIDENT: DATE"] ?? []).map(fillerValue);
    const paths = (s["INCIDENT: LOCATION"] ?? []).flatMap((f) =>
      (f.alternatives ?? []).map((a) => a.map((x) => x.replace(/\s+/g, " ").trim()).join("|")),
    );
    return {
      key: `${doc.docid}#${t.template_id}`,
      docid: doc.docid,
      types,
      dates,
      days: [...new Set(dates.flatMap((d) => d.match(/\d{1,2} [A-Z]{3} \d{2}/g) ?? []))],
      paths: [...new Set(paths.filter(Boolean))],
      locations: [
        ...new Set(
          (s["INCIDENT: LOCATION"] ?? []).flatMap((f) =>
            (f.alternatives ?? [])
              .map((a) => a[a.length - 1]?.replace(/\s+/g, " ").trim() ?? "")
              .filter(Boolean),
          ),
        ),
      ],
      names: [...new Set([...template.Target, ...template.Victim].flat())],
      template,
    };
  });
}

function namesOverlap(a: string[], b: string[]): boolean {
  for (const x of a) {
    const tx = new Set(x.split(" "));
    for (const y of b) {
      if (x === y) return true;
      const ty = new Set(y.split(" "));
      const [small, big] = tx.size <= ty.size ? [tx, ty] : [ty, tx];
      if (small.size >= 2 && [...small].every((w) => big.has(w))) return true;
    }
  }
  return false;
}

const intersects = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** The gold rule for one pair (see the file comment). */
export function sameGoldIncident(a: GoldTemplate, b: GoldTemplate): boolean {
  return (
    a.docid !== b.docid &&
    intersects(a.types, b.types) &&
    intersects(a.dates, b.dates) &&
    intersects(a.locations, b.locations) &&
    namesOverlap(a.names, b.names)
  );
}

function pathsCompatible(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => x === y || x.startsWith(`${y}|`) || y.startsWith(`${x}|`)));
}

/** The relaxed rule (see the file comment). */
export function sameGoldIncidentRelaxed(a: GoldTemplate, b: GoldTemplate): boolean {
  return (
    a.docid !== b.docid &&
    intersects(a.types, b.types) &&
    intersects(a.days, b.days) &&
    pathsCompatible(a.paths, b.paths) &&
    namesOverlap(a.names, b.names)
  );
}

export type GoldRule = "strict" | "relaxed";

/** Gold incident of every template: the smallest member key of its connected component. */
export function goldClusters(templates: GoldTemplate[], rule: GoldRule = "strict"): Map<string, string> {
  const same = rule === "strict" ? sameGoldIncident : sameGoldIncidentRelaxed;
  const parent = templates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // Pairs are only possible within one date: bucket by date string to avoid the full square.
  const byDate = new Map<string, number[]>();
  templates.forEach((t, i) => {
    for (const d of rule === "strict" ? t.dates : t.days) {
      const list = byDate.get(d);
      if (list) list.push(i);
      else byDate.set(d, [i]);
    }
  });
  for (const list of byDate.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        if (same(templates[list[x]], templates[list[y]])) {
          const rx = find(list[x]);
          const ry = find(list[y]);
          if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
        }
      }
    }
  }
  const out = new Map<string, string>();
  templates.forEach((t, i) => {
    out.set(t.key, templates[find(i)].key);
  });
  return out;
}
