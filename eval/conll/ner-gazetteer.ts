import { readFileSync } from "node:fs";
import { GAZ_TYPES } from "../../src/pipeline/components/ner-tagger.js";

/**
 * Gazetteer phrases for the NER tagger's features, from the project's own resources only
 * (src/pipeline/resources/places.json, cities.json, actors.json; read-only). The phrases are
 * baked into the model file as hashes, so the tagger does not depend on later edits of those
 * resources.
 */

export interface GazPhrase {
  tokens: string[];
  type: number;
}

const TYPE = Object.fromEntries(GAZ_TYPES.map((t, i) => [t, i])) as Record<
  (typeof GAZ_TYPES)[number],
  number
>;

/** Splits a name as CoNLL-style text would be tokenised (punctuation apart, hyphens kept). */
export function nameTokens(name: string): string[] {
  return name.match(/[^\s,;:()"]+|[,;:()"]/g) ?? [];
}

/** The name's token variants: as CoNLL writes it and with hyphens split off (wink style). */
function variants(name: string): string[][] {
  const base = nameTokens(name);
  const out = [base];
  if (name.includes("-")) {
    const split = base.flatMap((t) => t.split(/(-)/).filter((x) => x !== ""));
    out.push(split);
  }
  return out;
}

interface PlacesResource {
  countries: { name: string; aliases?: string[]; demonyms?: string[]; acronyms?: string[] }[];
  regions: { name: string; aliases?: string[]; demonyms?: string[] }[];
  admin: { name: string; aliases?: string[]; acronyms?: string[] }[];
}

interface CitiesResource {
  columns: string[];
  flags: Record<string, number>;
  rows: unknown[][];
}

interface ActorsResource {
  actors: { kind: string; name: string; aliases: string[]; labelOnly?: boolean }[];
}

/**
 * Reads the three resources from `dir`. `skipSingle` says which single-token lower-cased names
 * to leave out (common words such as a town called "Police").
 */
export function gazetteerPhrases(
  dir: URL,
  skipSingle: (lower: string) => boolean = () => false,
): GazPhrase[] {
  const read = <T>(f: string) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as T;
  const out: GazPhrase[] = [];
  const seen = new Set<string>();
  const add = (name: string | undefined, type: number) => {
    if (!name || name.includes("(") || name.length < 2) return;
    for (const tokens of variants(name)) {
      if (tokens.length === 0) continue;
      if (tokens.length === 1 && skipSingle(tokens[0].toLowerCase())) continue;
      const key = `${type}\u0000${tokens.join(" ").toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ tokens, type });
    }
  };
  const places = read<PlacesResource>("places.json");
  for (const c of places.countries) {
    add(c.name, TYPE.country);
    for (const a of c.aliases ?? []) add(a, TYPE.country);
    for (const a of c.acronyms ?? []) add(a, TYPE.country);
    for (const d of c.demonyms ?? []) add(d, TYPE.demonym);
  }
  for (const r of places.regions) {
    add(r.name, TYPE.region);
    for (const a of r.aliases ?? []) add(a, TYPE.region);
    for (const d of r.demonyms ?? []) add(d, TYPE.demonym);
  }
  for (const a of places.admin) {
    add(a.name, TYPE.region);
    for (const x of a.aliases ?? []) add(x, TYPE.region);
    for (const x of a.acronyms ?? []) add(x, TYPE.region);
  }
  const cities = read<CitiesResource>("cities.json");
  const col = (n: string) => cities.columns.indexOf(n);
  const [iName, iPop, iFlags, iAliases, iAcr] = [
    col("name"),
    col("population"),
    col("flags"),
    col("aliases"),
    col("acronyms"),
  ];
  const capital = cities.flags.capital ?? 1;
  for (const r of cities.rows) {
    const big = ((r[iFlags] as number) & capital) !== 0 || ((r[iPop] as number) ?? 0) >= 100_000;
    const type = big ? TYPE.bigcity : TYPE.city;
    add(r[iName] as string, type);
    for (const a of (r[iAliases] as string[] | undefined) ?? []) add(a, type);
    for (const a of (r[iAcr] as string[] | undefined) ?? []) add(a, type);
  }
  const actors = read<ActorsResource>("actors.json");
  for (const a of actors.actors) {
    const type = a.kind === "armed_group" ? TYPE.armed : TYPE.org;
    if (!a.labelOnly) add(a.name, type);
    for (const x of a.aliases) add(x, type);
  }
  return out;
}
