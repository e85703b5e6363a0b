import { isStateForce } from "../../src/pipeline/components/state-forces.js";
import type { AnalysisDoc, EntityMention } from "../../src/pipeline/doc.js";
import type { OffsetMap } from "./align.js";
import type { GeoCorpus } from "./reader.js";
import type { GeoPrediction } from "./scorer.js";

/**
 * Pipeline output → geoparsing predictions. Every place-like mention with coordinates becomes a
 * predicted toponym: places (cities, sub-national units, regions) and states (countries), and
 * the country inside a government mention ("the Russian government" → "Russian").
 *
 * Demonyms, per corpus convention (checked on the dev files):
 * - LGL and TR-News annotate demonyms as the country, nouns and adjectives alike
 *   ("Russians", "Palestinians", "Turkish").
 * - GeoWebNews gives a GeoNames id to adjectival demonyms ("Russian officials": types
 *   Non_Literal_Modifier / Literal_Modifier / Mixed with modifier "Adjective") but not to
 *   nationality nouns ("Mexicans", "Canadians": type Demonym, no id), so plural demonyms are
 *   left out there.
 *
 * Organisations named like a territory: the corpora annotate "EU"/"European Union" as a toponym
 * (LGL with GeoNames' European Union record, GeoWebNews mostly with Europe's). The pipeline reads
 * it as the organisation `european-union` (the actor gazetteer runs first); an organisation whose
 * name is the name of a world region of the place resources (places.json `regions`) is predicted
 * with that region's point.
 *
 * Span conventions (all three corpora annotate the name only):
 * - a trailing lower-case designator is dropped: "Idlib province" → "Idlib" (gold "Idlib");
 *   capitalised ones stay ("Kansas City", "Laurel County" are names);
 * - "Washington, D.C." (one pipeline mention) is two toponyms, "Washington" and "D.C."; the
 *   qualifier gets its own coordinates when the place resources know it;
 * - edge punctuation is trimmed ("W.Va. --" → "W.Va."; a pipeline span bug, reported).
 */

/** Country names the adapter needs to find the country inside a government mention. */
export interface CountryNames {
  /** ISO2 → coordinates. */
  geo: Map<string, { lat: number; lon: number }>;
  /** ISO2 → names, aliases and demonyms (matched ignoring case) and acronyms (matched exactly). */
  names: Map<string, { folded: string[]; exact: string[] }>;
  /** Lower-cased name/alias/acronym of a country or sub-national place → coordinates (qualifiers). */
  byName?: Map<string, { lat: number; lon: number }>;
  /** Lower-cased world region names → point (organisations named like a region: "European Union"). */
  regions?: Map<string, { lat: number; lon: number }>;
}

/** Builds CountryNames from the place resource's country list. */
export function countryNames(
  countries: {
    code: string;
    name: string;
    aliases: string[];
    demonyms: string[];
    acronyms: string[];
    lat: number;
    lon: number;
  }[],
  admin: { name: string; aliases: string[]; acronyms: string[]; lat: number; lon: number }[] = [],
  regions: { name: string; lat: number; lon: number }[] = [],
): CountryNames {
  const geo = new Map<string, { lat: number; lon: number }>();
  const names = new Map<string, { folded: string[]; exact: string[] }>();
  const byName = new Map<string, { lat: number; lon: number }>();
  for (const c of countries) {
    geo.set(c.code, { lat: c.lat, lon: c.lon });
    names.set(c.code, {
      folded: [c.name, ...c.aliases, ...c.demonyms].map((n) => n.toLowerCase()),
      exact: c.acronyms,
    });
    for (const n of [c.name, ...c.aliases, ...c.acronyms])
      byName.set(n.toLowerCase(), { lat: c.lat, lon: c.lon });
  }
  for (const a of admin)
    for (const n of [a.name, ...a.aliases, ...a.acronyms])
      if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), { lat: a.lat, lon: a.lon });
  const regionPoints = new Map<string, { lat: number; lon: number }>();
  for (const r of regions) regionPoints.set(r.name.toLowerCase(), { lat: r.lat, lon: r.lon });
  return { geo, names, byName, regions: regionPoints };
}

/** Lower-case designators written after a name that the corpora leave out of the toponym. */
const DESIGNATOR = /\s+(?:province|governorate|district|region|prefecture|oblast)$/;

/**
 * Applies the corpora's span conventions to one predicted span [start, end) of `text`: trims
 * edge punctuation and a trailing lower-case designator, and splits "City, Qualifier". Returns
 * the pieces as [start, end, isQualifier].
 */
export function conventionSpans(text: string, start: number, end: number): [number, number, boolean][] {
  let s = start;
  let e = end;
  while (s < e && /[\s\-–—,;:"“”'‘’(]/.test(text[s])) s++;
  while (e > s && /[\s\-–—,;:"“”'‘’)]/.test(text[e - 1])) e--;
  const d = DESIGNATOR.exec(text.slice(s, e));
  if (d && d.index > 0) e = s + d.index;
  const comma = text.slice(s, e).indexOf(", ");
  if (comma > 0) {
    const q = s + comma + 2;
    return [
      [s, s + comma, false],
      [q, e, true],
    ];
  }
  return s < e ? [[s, e, false]] : [];
}

const PLACE_KINDS = new Set(["place", "state"]);

/** True for a nationality noun in the plural ("Mexicans", "Iraqis"), not "Swiss". */
export function isPluralDemonym(text: string): boolean {
  return /[^s]s$/i.test(text.trim());
}

/** The longest country name/demonym/acronym inside a government phrase, as [start, end) offsets in it. */
export function countryInPhrase(
  phrase: string,
  names: { folded: string[]; exact: string[] },
): [number, number] | undefined {
  const lower = phrase.toLowerCase();
  let best: [number, number] | undefined;
  const consider = (hay: string, needle: string) => {
    if (!needle) return;
    let from = 0;
    for (;;) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      const before = at === 0 ? "" : hay[at - 1];
      const after = hay[at + needle.length] ?? "";
      const boundary = !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
      if (boundary && (!best || needle.length > best[1] - best[0])) best = [at, at + needle.length];
      from = at + 1;
    }
  };
  for (const n of names.folded) consider(lower, n);
  for (const n of names.exact) consider(phrase, n);
  return best;
}

export interface AdapterOptions {
  corpus: GeoCorpus;
  countries: CountryNames;
  /** Maps the pipeline's (normalised) offsets to the raw article text. */
  offsets?: OffsetMap;
  /** The raw article text (for `text` of each prediction); defaults to doc.text. */
  rawText?: string;
}

/** Predicted toponyms for one analysed article. */
export function geoPredictions(doc: AnalysisDoc, opts: AdapterOptions): GeoPrediction[] {
  const raw = opts.rawText ?? doc.text;
  const out: GeoPrediction[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number, lat: number, lon: number) => {
    for (const [ps, pe, qualifier] of conventionSpans(doc.text, start, end)) {
      const s = opts.offsets ? opts.offsets.toRaw(ps) : ps;
      const e = opts.offsets ? opts.offsets.endToRaw(pe) : pe;
      // one toponym once: a demonym mention and the force it qualifies ("Afghan police") share it
      if (seen.has(`${s}:${e}`)) continue;
      seen.add(`${s}:${e}`);
      const q = qualifier ? opts.countries.byName?.get(doc.text.slice(ps, pe).toLowerCase()) : undefined;
      out.push({ start: s, end: e, text: raw.slice(s, e), lat: q?.lat ?? lat, lon: q?.lon ?? lon });
    }
  };
  const mentions: EntityMention[] = [...doc.mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const m of mentions) {
    const rec = doc.entities.get(m.entity);
    if (PLACE_KINDS.has(m.kind)) {
      const geo = rec?.geo;
      if (!geo) continue;
      if (m.demonym && opts.corpus === "GWN" && isPluralDemonym(m.text)) continue;
      push(m.start, m.end, geo.lat, geo.lon);
    } else if (m.kind === "organisation") {
      const p = rec ? opts.countries.regions?.get(rec.name.toLowerCase()) : undefined;
      if (p) push(m.start, m.end, p.lat, p.lon);
    } else if (m.kind === "government" || isStateForce(m)) {
      // "the Russian government", "Turkish troops", "Government of Iraq", "the Pakistani army": the country part
      const code = m.entity.startsWith("gov:") ? m.entity.slice(4) : rec?.countries?.[0];
      if (!code) continue;
      const names = opts.countries.names.get(code);
      const geo = opts.countries.geo.get(code);
      if (!names || !geo) continue;
      const span = countryInPhrase(m.text, names);
      if (!span) continue;
      push(m.start + span[0], m.start + span[1], geo.lat, geo.lon);
    }
  }
  return out;
}
