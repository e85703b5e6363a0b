import { loadPlacesTable } from "../pipeline/components/place-gazetteer.js";

/**
 * UN M49 sub-regions (Western Europe, Central Asia, Eastern Africa …) of each country, from the
 * place gazetteer's region table (docs/places.md): the regions `sitrep trends` reports an actor as
 * newly active in. Continents and the project's own groupings (Sahel, Levant, Af-Pak …) are left
 * out so each country falls in one or two regions.
 */
let cache: Map<string, string[]> | undefined;

function load(): Map<string, string[]> {
  if (cache) return cache;
  const out = new Map<string, string[]>();
  for (const r of loadPlacesTable().regions) {
    if (!r.definition.startsWith("UN M49") || r.countries.length > 45) continue;
    for (const c of r.countries) out.set(c, [...(out.get(c) ?? []), r.name]);
  }
  cache = out;
  return out;
}

/** The UN M49 sub-regions a country (ISO alpha-2) lies in; [] when unknown. */
export function regionsOf(country: string): string[] {
  return load().get(country.toUpperCase()) ?? [];
}
