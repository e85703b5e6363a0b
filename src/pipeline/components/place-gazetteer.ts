import { readFileSync } from "node:fs";

import type { EntityKind, Geo } from "../../core/index.js";
import type { AnalysisDoc, EntityRecord, Token } from "../doc.js";
import { foldKey } from "../normalize.js";
import { type CaseRule, isMostlyLowerCase, isMostlyUpperCase, PhraseMatcher } from "../phrase-matcher.js";
import type { Component } from "../pipeline.js";
import { Tokenizer } from "./tokenizer.js";

// ---------------------------------------------------------------------------------------------
// Resource shapes (src/pipeline/resources/places.json and cities.json, built by
// scripts/build-places.ts; see docs/places.md).

export interface CountryData {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  aliases: string[];
  /** Adjectives and nationality nouns ("Russian", "Afghans"). */
  demonyms: string[];
  /** Matched case-exactly ("US", "UK", "DRC"). */
  acronyms: string[];
  lat: number;
  lon: number;
  /** GeoNames id of the capital. */
  capital?: number;
  /** The name takes "the" ("the United States"). */
  the?: boolean;
}

export interface RegionData {
  slug: string;
  name: string;
  aliases: string[];
  /** Matched only right after "the" ("the Gulf", "the Horn"). */
  theAliases?: string[];
  /** false: the bare name is not matched (only aliases are). */
  matchName?: boolean;
  demonyms: string[];
  countries: string[];
  lat: number;
  lon: number;
  definition: string;
}

export interface AdminData {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
  countries: string[];
  lat: number;
  lon: number;
  /** US state postal code (matches GeoNames admin1 of US cities). */
  admin1?: string;
  matchName?: boolean;
  /** Forms that may follow a city after a comma ("Paris, Texas", "Austin, TX"). */
  qualifiers?: string[];
}

export interface PlacesData {
  countries: CountryData[];
  regions: RegionData[];
  admin: AdminData[];
  government: { heads: string[]; ofHeads: string[]; phrases: { text: string; country: string }[] };
  blockers: string[];
  /** Country names with a second reading in some documents ("Georgia": the US state in US news). */
  altReadings?: { phrase: string; admin: string; when: string[]; unless: string[] }[];
  /** Tokens (space-separated) of phrases that are not plain words, as the tokenizer splits them. */
  tokens?: Record<string, string>;
  words: {
    locatives: string[];
    ofNouns: string[];
    honorifics: string[];
    speechVerbs: string[];
    usUpperNext: string[];
    never: string[];
    context: string[];
    caselessContext: string[];
    personPlaces: string[];
    personNames: string[];
  };
}

/** [geonamesId, name, country, lat, lon, population, flags, admin1, aliases?, acronyms?] */
export type CityRow = [number, string, string, number, number, number, number, string, string[]?, string[]?];

export interface CitiesData {
  rows: CityRow[];
  /** Tokens (space-separated) of names that are not plain words, as the tokenizer splits them. */
  tokens?: Record<string, string>;
}

/** [name, state postal code, lat, lon, population proxy] (scripts/build-counties.ts). */
export type CountyRow = [string, string, number, number, number];

export interface CountiesData {
  rows: CountyRow[];
}

const FLAG_CAPITAL = 1;
const FLAG_ADMIN1 = 2;
/** A small town (scripts/curation/places-cities.json minorTowns): read only with evidence of its state. */
const FLAG_MINOR = 8;

/** Resources of the component; `counties` is optional (no county points without it). */
export interface PlaceResources {
  places: PlacesData;
  cities: CitiesData;
  counties?: CountiesData;
}

/** Loads the committed resources. */
function readResource(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`../resources/${file}`, import.meta.url), "utf8"));
}

/** The countries, regions and admin areas table alone (without the 2.6 MB of cities). */
export function loadPlacesTable(): PlacesData {
  return readResource("places.json") as PlacesData;
}

export function loadPlaceData(): PlaceResources & { counties: CountiesData } {
  return {
    places: loadPlacesTable(),
    cities: readResource("cities.json") as CitiesData,
    counties: readResource("counties.json") as CountiesData,
  };
}

// ---------------------------------------------------------------------------------------------
// Phrase tokenisation

const SIMPLE_PHRASE = /^[A-Za-zÀ-ÖØ-öø-ÿ]+(?: [A-Za-zÀ-ÖØ-öø-ÿ]+)*$/;

/**
 * Tokens of a plain name (Latin-1 letters and single spaces) without running the tokenizer:
 * wink splits such names at spaces only (scripts/build-places.ts checks this for every name).
 * Undefined for anything else, which goes through `Tokenizer.tokenize`.
 */
export function phraseTokens(phrase: string): string[] | undefined {
  return SIMPLE_PHRASE.test(phrase) ? phrase.split(" ") : undefined;
}

/** Tokens after a city at the start of a line that make it a dateline ("KABUL, 3 Jan", "NICE (AFP) -"). */
const DATELINE_AFTER = new Set([",", "-", "—", "–", "--", "("]);

/** Words after a town name that make the phrase an administrative unit we do not hold. */
const COUNTY_WORDS = new Set(["county", "parish", "borough", "township", "counties"]);
/** Words after a place name that make the phrase a street or park ("Wichita Street", "Hopkins Park"). */
const STREET_WORDS = new Set(
  "street st st. avenue ave ave. road rd rd. drive dr dr. boulevard blvd blvd. lane ln ln. parkway pkwy pike park".split(
    " ",
  ),
);
/** Heads of organisation names that may start with a demonym ("American Heart Association"). */
const ORG_HEADS = new Set(
  "association associations society airlines airline airways foundation institute legion cross league academy bank corporation company act church club college university express museum idol chamber".split(
    " ",
  ),
);
/** Lower-case words allowed inside such names ("American Recovery and Reinvestment Act"). */
const ORG_CONNECTORS = new Set(["and", "of", "for", "&"]);
/** Heads of US county names ("Laurel County", "Rapides Parish"). */
const COUNTY_HEADS = new Set(["county", "parish"]);
/** A state abbreviation of two dotted initials ("S.C.", "N.Y.", "W.Va.", "W. Va."). */
const DOTTED_STATE = /^\p{Lu}\.\s?\p{Lu}[a-z]?\.$/u;
/** Words that start multi-word county names ("St. Louis County", "Black Hawk County"). */
const COUNTY_PREFIXES = new Set(
  "st st. ste ste. saint san santa los las la le el de del des du new north south east west fort palm black little big prince grand red glen deaf green blue van lac pointe upper lower mount mt mt. cape royal".split(
    " ",
  ),
);
/** Party prefixes before a state abbreviation ("D-Pa.", "R-Ind."). */
const PARTY = new Set(["d", "r", "i"]);
/** Words after a town's name that make it the administrative area named after it. */
const ADMIN_WORDS = new Set([
  "department",
  "province",
  "district",
  "governorate",
  "region",
  "prefecture",
  "oblast",
  "state",
]);

/** Tokens after which a capitalised word is sentence-initial in effect (quotes, brackets, colons). */
const OPENERS = new Set(['"', "“", "‘", "'", "(", "[", ":", "—", "–", "-", "--"]);

/** Tokens the phrase matcher ignores inside phrases (kept in sync with phrase-matcher.ts). */
const SKIPPABLE = new Set(["-", "–", "—", "."]);
/** Name particles that may be written in lower case inside a capitalised name ("al-Anbar"). */
const PARTICLES = new Set([
  "al",
  "el",
  "ar",
  "as",
  "ad",
  "an",
  "ash",
  "at",
  "az",
  "de",
  "da",
  "do",
  "dos",
  "das",
  "du",
  "des",
  "del",
  "della",
  "di",
  "la",
  "le",
  "les",
  "los",
  "las",
  "van",
  "von",
  "der",
  "den",
  "e",
  "i",
  "y",
  "of",
  "the",
  "and",
  "on",
  "upon",
  "sur",
  "en",
  "am",
  "im",
  "bin",
  "ibn",
]);

function isCapitalised(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() || !/\p{L}/u.test(c);
}

function isAllCapsWord(s: string): boolean {
  return /^\p{Lu}+$/u.test(s);
}

// ---------------------------------------------------------------------------------------------
// Matcher payloads

type TargetType = "country" | "demonym" | "region" | "admin" | "city" | "gov" | "block" | "county";

interface Target {
  type: TargetType;
  /** Index into countries / regions / admin; gov: country index. */
  index: number;
  /** City rows (indices into the row list) sharing the phrase. */
  cities?: number[];
}

const NEED_THE = 1;
const US_ACRONYM = 2;
const NOT_AFTER_OF = 4;

interface Payload {
  target: Target;
  /** For phrases with lower-case words: which pattern words must be capitalised in the text. */
  caps?: boolean[];
  /** The pattern's words are all upper case (acronyms): exempt from the short-capitals check. */
  upperPattern: boolean;
  flags: number;
}

/** A match the component keeps, before records are attached. */
interface Hit {
  ts: number;
  te: number;
  target: Target;
  /** Chosen city row (cities). */
  city?: number;
  /** Demonym use of a country. */
  demonym?: boolean;
  dropped?: boolean;
  /** A county ("Laurel County"): its name, state (admin index), point and county-table row. */
  county?: { name: string; state?: number; lat: number; lon: number; row?: number; approximate?: boolean };
}

/** A county name found in the text, before its state is chosen. */
interface CountyHit {
  hit: Hit;
  /** countyKey of the name without the head word. */
  key: string;
  parish: boolean;
  /** State (admin index) given by a qualifier after a comma ("Newton County, Ga."). */
  qualState?: number;
  /** Candidate rows of the county table. */
  cands: number[];
}

/** A county the document names: towns within ANCHOR_KM of its centroid, in its state, are read first. */
interface TownGrid {
  grid: Map<number, [number, number][]>;
  /** Town name key → index. */
  names: Map<string, number>;
}

interface CountyAnchor {
  state: string;
  lat: number;
  lon: number;
}

/** State evidence (docStates weight) a small town's state needs before the town is read. */
const MINOR_STATE_WEIGHT = 3;
/** Mentions of its country a small town outside the US needs before it is read. */
const MINOR_COUNTRY_WEIGHT = 2;
/** Named counties' centroids by one-degree cell. */
type Anchors = Map<number, CountyAnchor[]>;
/** Towns within this distance of a named county's centroid (in its state) are "in or near" it. */
const ANCHOR_KM = 50;
/** County-table key: folded, no spaces, dots or apostrophes, "Saint" as "St" ("DeKalb" = "De Kalb"). */
export function countyKey(name: string): string {
  return lookupKey(name)
    .replace(/^saint(e?) /, "st$1 ")
    .replace(/['’ ]/g, "");
}
/** One-degree cell of a point (the coherence grid). */
function cellOf(lat: number, lon: number): number {
  return (Math.floor(lat) + 90) * 400 + Math.floor(lon) + 180;
}
const NEIGHBOUR_CELLS = [-401, -400, -399, -1, 0, 1, 399, 400, 401];
/** Equirectangular distance in km (good to a fraction of a percent at these ranges). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) * Math.PI) / 360);
  const y = lat2 - lat1;
  return 111.2 * Math.sqrt(x * x + y * y);
}

export interface PlaceGazetteerOptions {
  /** Tokenizer used to compile names that are not plain; pass the pipeline's own. */
  tokenizer?: Pick<Tokenizer, "tokenize">;
  /** Resources to use instead of the committed ones (tests). */
  data?: PlaceResources;
  /**
   * Mention kinds (from earlier components) whose tokens this component leaves alone. Default:
   * every kind, so group names ("Taliban", "Islamic State Khorasan") outrank place names.
   */
  yieldTo?: EntityKind[];
}

const DEFAULT_YIELD: EntityKind[] = [
  "armed_group",
  "agency",
  "organisation",
  "person",
  "facility",
  "named_event",
  "government",
  "state",
  "place",
];

/** foldKey, with a shortcut for plain ASCII (most names). */
function fold(s: string): string {
  return /^[\x20-\x5f\x61-\x7e]*$/.test(s) ? s.toLowerCase() : foldKey(s);
}

/** A phrase tokenised and folded for the matcher. */
interface Compiled {
  tokens: string[];
  /** Tokens without the matcher's skippable ones. */
  words: string[];
  folded: string[];
  key: string;
}

/** Look-up form: folded, single spaces, hyphens and dots as spaces. */
function lookupKey(name: string): string {
  return foldKey(name)
    .replace(/[\s\-–—.]+/g, " ")
    .trim();
}

/**
 * Finds countries (and their demonyms and governments), world regions, sub-national places and
 * GeoNames cities in text, resolving each to an entity with coordinates and a precision level.
 */
export class PlaceGazetteer implements Component {
  readonly name = "places.gazetteer.v1";
  readonly requires = ["tokens", "sentences"] as const;
  readonly assigns = ["mentions.place"] as const;

  private readonly places: PlacesData;
  private readonly rows: CityRow[];
  private readonly countyRows: CountyRow[];
  /** countyKey → county rows. */
  private readonly countyIndex = new Map<string, number[]>();
  /** Country names that are also US towns ("Lebanon", "Palestine", "Jordan"): key → city rows. */
  private readonly shadowTowns = new Map<string, number[]>();
  /** US states whose bare name is read as the city ("New York", "Washington"): key → admin index. */
  private readonly cityStates = new Map<string, number>();
  private readonly matcher = new PhraseMatcher<Payload>();
  private readonly yieldTo: Set<EntityKind>;
  private readonly countryIndex = new Map<string, number>();
  private readonly regionIndex = new Map<string, number>();
  private readonly adminIndex = new Map<string, number>();
  private readonly cityIndex = new Map<number, number>();
  private readonly lookupIndex = new Map<string, { id: string; rank: number; pop: number }>();
  private readonly qualifierIndex = new Map<string, { admin: number; exact?: string }>();
  /** First words (folded) of the qualifier forms, to skip most commas at once. */
  private readonly qualifierFirst = new Set<string>();
  /** US state postal code → admin index. */
  private readonly stateIndex = new Map<string, number>();
  private readonly records = new Map<string, EntityRecord>();
  /** Coherence support (other names near the chosen readings) of the document being processed. */
  private readonly nearSupport = new Map<string, number>();
  /** Country counts of the document being processed (set at the start of pass 2). */
  private docCounts: Map<string, number> = new Map();
  private readonly heads1 = new Set<string>();
  private readonly heads2 = new Set<string>();
  private readonly ofHeads: Set<string>;
  private readonly locatives: Set<string>;
  private readonly ofNouns: Set<string>;
  private readonly honorifics: Set<string>;
  private readonly speechVerbs: Set<string>;
  private readonly usUpperNext: Set<string>;
  private readonly context: Set<string>;
  private readonly caselessContext: Set<string>;
  private readonly personPlaces: Set<string>;
  private readonly personNames: Set<string>;
  private readonly altReadings = new Map<string, { admin: number; when: string[]; unless: string[] }>();
  private readonly functionWords = new Set([
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
  ]);

  constructor(options: PlaceGazetteerOptions = {}) {
    const data = options.data ?? loadPlaceData();
    this.places = data.places;
    this.rows = data.cities.rows;
    this.countyRows = data.counties?.rows ?? [];
    this.countyRows.forEach((c, i) => {
      const k = countyKey(c[0]);
      const l = this.countyIndex.get(k);
      if (l) l.push(i);
      else this.countyIndex.set(k, [i]);
    });
    this.yieldTo = new Set(options.yieldTo ?? DEFAULT_YIELD);
    const w = this.places.words;
    this.locatives = new Set(w.locatives);
    this.ofNouns = new Set(w.ofNouns);
    this.honorifics = new Set(w.honorifics);
    this.speechVerbs = new Set(w.speechVerbs);
    this.usUpperNext = new Set(w.usUpperNext);
    this.context = new Set(w.context);
    this.caselessContext = new Set(w.caselessContext);
    this.personPlaces = new Set(w.personPlaces);
    this.personNames = new Set(w.personNames);
    const never = new Set(w.never);
    for (const h of this.places.government.heads) {
      const k = lookupKey(h);
      (k.includes(" ") ? this.heads2 : this.heads1).add(k);
    }
    this.ofHeads = new Set(this.places.government.ofHeads.map(lookupKey));
    this.places.countries.forEach((c, i) => {
      this.countryIndex.set(c.code, i);
    });
    this.places.regions.forEach((r, i) => {
      this.regionIndex.set(r.slug, i);
    });
    this.places.admin.forEach((a, i) => {
      this.adminIndex.set(a.id, i);
      for (const q of a.qualifiers ?? []) {
        const exact = /^[A-Z]{2}$/.test(q) ? q : undefined;
        this.qualifierIndex.set(lookupKey(q), { admin: i, ...(exact ? { exact } : {}) });
        this.qualifierFirst.add(lookupKey(q).split(" ")[0]);
      }
    });
    this.rows.forEach((r, ri) => {
      this.cityIndex.set(r[0], ri);
    });
    for (const a of this.places.altReadings ?? []) {
      const ai = this.adminIndex.get(a.admin);
      if (ai !== undefined)
        this.altReadings.set(lookupKey(a.phrase), { admin: ai, when: a.when, unless: a.unless });
    }

    let tokenizer = options.tokenizer;
    const stored: Record<string, string> = { ...data.places.tokens, ...data.cities.tokens };
    const compile = (phrase: string): Compiled | undefined => {
      let tokens = phraseTokens(phrase) ?? stored[phrase]?.split(" ");
      if (!tokens) {
        tokenizer ??= new Tokenizer();
        tokens = tokenizer.tokenize(phrase).map((t) => t.text);
      }
      const words: string[] = [];
      const folded: string[] = [];
      for (const t of tokens) {
        const f = fold(t);
        if (SKIPPABLE.has(f)) continue;
        words.push(t);
        folded.push(f);
      }
      if (words.length === 0) return undefined;
      return { tokens, words, folded, key: folded.join(" ") };
    };
    const seen = new Set<string>();
    const add = (
      c: Compiled,
      target: Target,
      opts: { exact?: boolean; flags?: number; dedupe?: boolean } = {},
    ): void => {
      const { tokens, words, folded } = c;
      let caseRule: CaseRule = "capitalised";
      let caps: boolean[] | undefined;
      let upperPattern = true;
      for (let i = 0; i < words.length; i++) {
        const t = words[i];
        if (upperPattern && t !== t.toUpperCase()) upperPattern = false;
        if (caseRule === "capitalised" && (!isCapitalised(t) || PARTICLES.has(folded[i])))
          caseRule = "insensitive";
      }
      if (opts.exact) caseRule = "exact";
      else if (caseRule === "insensitive")
        caps = words.map((t, i) => /^\p{Lu}/u.test(t) && !PARTICLES.has(folded[i]));
      if (opts.dedupe !== false) {
        const sig = `${c.key}|${caseRule}|${caps ? caps.map(Number).join("") : ""}|${target.type}:${target.index}|${opts.flags ?? 0}`;
        if (seen.has(sig)) return;
        seen.add(sig);
      }
      this.matcher.add({ tokens, caseRule, payload: { target, caps, upperPattern, flags: opts.flags ?? 0 } });
    };
    const nonCityKeys = new Set<string>();
    const addPlace = (
      phrase: string,
      target: Target,
      opts: { exact?: boolean; flags?: number } = {},
    ): string | undefined => {
      const c = compile(phrase);
      if (!c) return undefined;
      nonCityKeys.add(c.key);
      add(c, target, opts);
      return c.key;
    };
    const countryKeys = new Set<string>();

    // Blockers only need to exist in the trie to consume their tokens.
    for (const b of this.places.blockers) addPlace(b, { type: "block", index: -1 });
    this.places.countries.forEach((c, i) => {
      const target: Target = { type: "country", index: i };
      for (const n of [c.name, ...c.aliases]) {
        const k = addPlace(n, target, { flags: fold(n) === "america" ? NOT_AFTER_OF : 0 });
        if (k) countryKeys.add(k);
      }
      for (const a of c.acronyms) addPlace(a, target, { exact: true, flags: a === "US" ? US_ACRONYM : 0 });
      for (const d of c.demonyms) addPlace(d, { type: "demonym", index: i });
    });
    for (const p of this.places.government.phrases) {
      const ci = this.countryIndex.get(p.country);
      if (ci !== undefined) addPlace(p.text, { type: "gov", index: ci });
    }
    this.places.regions.forEach((r, i) => {
      const target: Target = { type: "region", index: i };
      for (const n of [...(r.matchName === false ? [] : [r.name]), ...r.aliases]) {
        addPlace(n, target);
        // "central Asia", "western Europe": writers often lower-case the compass word
        const compass =
          /^(North|South|East|West|Central|Northern|Southern|Eastern|Western|Southeast|South-East|Northeast|North-East|Southwest|South-West|Northwest|North-West)\b/.exec(
            n,
          );
        if (compass) addPlace(compass[1].toLowerCase() + n.slice(compass[1].length), target);
      }
      for (const n of r.theAliases ?? []) addPlace(n, target, { flags: NEED_THE });
      for (const d of r.demonyms) addPlace(d, { type: "demonym", index: -1 - i });
    });
    this.places.admin.forEach((a, i) => {
      const target: Target = { type: "admin", index: i };
      for (const n of [...(a.matchName === false ? [] : [a.name]), ...a.aliases]) addPlace(n, target);
      for (const n of a.acronyms) addPlace(n, target, { exact: true });
      // Dotted abbreviations of two initials ("S.C.", "N.Y.", "W. Va.") are names anywhere.
      for (const q of a.qualifiers ?? []) if (DOTTED_STATE.test(q)) addPlace(q, target, { exact: true });
      if (a.admin1) this.stateIndex.set(a.admin1, i);
      if (a.admin1 && a.matchName === false) {
        const c = compile(a.name);
        if (c) this.cityStates.set(c.key, i);
      }
    });

    // Cities: one target per phrase key, shared by every city of that name; names taken by a
    // country, region, sub-national place or government phrase are left to those.
    const targets = new Map<string, Target>();
    const added = new Set<string>();
    for (let ri = 0; ri < this.rows.length; ri++) {
      const r = this.rows[ri];
      const plain = r[8] ? 1 + r[8].length : 1;
      const total = plain + (r[9]?.length ?? 0);
      for (let n = 0; n < total; n++) {
        const phrase = n === 0 ? r[1] : n < plain ? r[8]![n - 1] : r[9]![n - plain];
        const exact = n >= plain;
        const c = compile(phrase);
        if (!c || never.has(c.key)) continue;
        if (nonCityKeys.has(c.key)) {
          if (!exact && r[2] === "US" && countryKeys.has(c.key)) {
            const l = this.shadowTowns.get(c.key);
            if (!l) this.shadowTowns.set(c.key, [ri]);
            else if (l[l.length - 1] !== ri) l.push(ri);
          }
          continue;
        }
        let target = targets.get(c.key);
        if (!target) {
          target = { type: "city", index: -1, cities: [ri] };
          targets.set(c.key, target);
        } else if (target.cities![target.cities!.length - 1] !== ri) target.cities!.push(ri);
        const sig = exact ? `\u0001${phrase}` : phrase;
        if (added.has(sig)) continue;
        added.add(sig);
        add(c, target, { exact, dedupe: false });
      }
    }
  }

  /** Name → best id, built on first use (countries, then regions, sub-national places, demonyms, cities). */
  private lookupTable(): Map<string, { id: string; rank: number; pop: number }> {
    if (this.lookupIndex.size) return this.lookupIndex;
    const remember = (name: string, id: string, rank: number, pop = 0) => {
      const k = lookupKey(name);
      if (!k) return;
      const cur = this.lookupIndex.get(k);
      if (!cur || rank < cur.rank || (rank === cur.rank && pop > cur.pop))
        this.lookupIndex.set(k, { id, rank, pop });
    };
    for (const c of this.places.countries) {
      const id = `country:${c.code}`;
      for (const n of [c.name, ...c.aliases, ...c.acronyms]) remember(n, id, 0);
      for (const d of c.demonyms) remember(d, id, 3);
      remember(c.code, id, 5);
    }
    for (const r of this.places.regions) {
      const id = `region:${r.slug}`;
      for (const n of [r.name, ...r.aliases]) remember(n, id, 1);
      for (const n of r.theAliases ?? []) remember(`the ${n}`, id, 1);
    }
    for (const a of this.places.admin) {
      const id = `admin:${a.id}`;
      for (const n of [...(a.matchName === false ? [] : [a.name]), ...a.aliases, ...a.acronyms])
        remember(n, id, 2);
    }
    for (const r of this.rows) {
      const id = `geonames:${r[0]}`;
      const score = r[5] + (r[6] & FLAG_CAPITAL ? 1e12 : 0);
      for (const n of [r[1], ...(r[8] ?? []), ...(r[9] ?? [])]) remember(n, id, 4, score);
    }
    return this.lookupIndex;
  }

  /** Number of phrases compiled into the matcher. */
  get phraseCount(): number {
    return this.matcher.size;
  }

  process(doc: AnalysisDoc): void {
    const tokens = doc.tokens;
    if (tokens.length === 0) return;
    const upper = isMostlyUpperCase(doc.text);
    const lower = !upper && isMostlyLowerCase(doc.text);
    const caseless = upper || lower;
    const view: readonly Token[] = lower
      ? tokens.map((t) => ({ ...t, text: t.text.charAt(0).toUpperCase() + t.text.slice(1) }))
      : tokens;
    const covered = this.coveredTokens(doc);
    const matches = this.matcher.match(view, {
      upperDoc: upper,
      ...(covered ? { skip: (i: number) => covered[i] === 1 } : {}),
    });

    // Pass 1: decide what each match is, apart from which city a shared name means.
    const hits: Hit[] = [];
    const hitAt = new Map<number, Hit>();
    for (const m of matches) {
      if (covered && this.anyCovered(covered, m.tokenStart, m.tokenEnd)) continue;
      let best: Payload | undefined;
      for (const p of m.payloads) {
        if (!this.payloadOk(p, view, m.tokenStart, m.tokenEnd, upper, caseless)) continue;
        if (!best || rank(p.target.type) < rank(best.target.type)) best = p;
      }
      if (!best || best.target.type === "block") continue;
      const hit: Hit = { ts: m.tokenStart, te: m.tokenEnd, target: best.target };
      if (best.target.type === "demonym") hit.demonym = true;
      hits.push(hit);
      hitAt.set(hit.ts, hit);
    }

    // "Wichita Street", "Hopkins Park", "Pennsylvania Avenue": a street or park, not the place.
    // "American Red Cross", "American Airlines": a demonym inside an organisation's name.
    for (const h of hits) {
      const t = h.target.type;
      if (t === "region" || t === "gov") continue;
      const next = this.nextToken(view, h.te);
      if (next && STREET_WORDS.has(next.lower) && (caseless || /^\p{Lu}/u.test(next.text))) h.dropped = true;
      else if (t === "demonym" && !caseless && this.inOrgName(view, h.te)) h.dropped = true;
    }

    // Governments: "<country|demonym> [’s] <head>" and "<head> of [the] <country>".
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      if (h.dropped) continue;
      if ((h.target.type !== "country" && h.target.type !== "demonym") || h.target.index < 0) continue;
      if (!this.countryOk(h, view, caseless)) continue;
      const end = this.headAfter(view, h, covered);
      if (end > 0) {
        h.target = { type: "gov", index: h.target.index };
        h.te = end;
        h.demonym = false;
        for (let j = i + 1; j < hits.length && hits[j].ts < end; j++) hits[j].dropped = true;
        continue;
      }
      if (h.target.type === "country") {
        const start = this.headBefore(view, h, covered);
        if (start >= 0) {
          for (let j = i - 1; j >= 0 && hits[j].te > start; j--) hits[j].dropped = true;
          h.target = { type: "gov", index: h.target.index };
          h.ts = start;
        }
      }
    }

    const countyHits = this.findCounties(hits, view, hitAt, covered, caseless);

    // Countries the document names (for choosing between cities of one name): countries,
    // demonyms, governments, sub-national places, cities with a single reading that matter
    // (capital, admin seat or 100,000 people), and the countries of earlier components' entities.
    const counts = new Map<string, number>();
    const count = (c: string) => counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const h of hits) {
      if (h.dropped) continue;
      const t = h.target;
      if (t.type === "country" || t.type === "gov" || (t.type === "demonym" && t.index >= 0)) {
        count(this.places.countries[t.index].code);
      } else if (t.type === "admin") for (const c of this.places.admin[t.index].countries) count(c);
      else if (t.type === "city") {
        const major = this.majorOnly(t.cities ?? []);
        if (major.length !== 1) continue;
        const r = this.rows[major[0]];
        if (r[6] & (FLAG_CAPITAL | FLAG_ADMIN1) || r[5] >= 100_000) count(r[2]);
      }
    }
    for (const m of doc.mentions) {
      if (m.by === this.name) continue;
      const cs = doc.entities.get(m.entity)?.countries;
      if (cs && cs.length <= 2) for (const c of cs) count(c);
    }
    for (const c of countyHits) if (c.cands.length || c.qualState !== undefined || c.parish) count("US");
    this.applyAltReadings(hits, view, counts);
    const docCountries = new Set<string>();
    for (const [c, n] of counts) if (n > 0) docCountries.add(c);
    this.docCounts = counts;
    const surnames = this.surnames(view, caseless);
    // "Monica French said", later "French said": a demonym used as a surname.
    for (const h of hits) {
      if (h.dropped || h.target.type !== "demonym" || caseless) continue;
      if (this.afterName(view, h.ts)) h.dropped = true;
      else if (surnames.has(this.spanKey(view, h.ts, h.te))) {
        const next = this.nextToken(view, h.te);
        if (!next || this.speechVerbs.has(next.lower) || /^[,.;:]$/.test(next.lower)) h.dropped = true;
      }
    }
    const extra: Hit[] = [];
    const ownState = new Map<string, string>();
    const docStates = this.documentStates(hits, view, hitAt, extra, ownState);
    this.countyStates(countyHits, docStates);
    const towns = this.townGrid(hits, view);
    const anchors = this.resolveCounties(countyHits, towns, docStates, docCountries);
    const near = this.coherence(hits, view, docStates);
    let ownHits: Map<string, number> | undefined;

    // Pass 2: cities and the remaining context checks; then emit.
    for (const h of hits) {
      if (h.dropped) continue;
      const t = h.target;
      if (t.type === "city" && this.cityStates.size) {
        const st = this.stateReading(h, view, hitAt);
        if (st !== undefined) {
          h.target = { type: "admin", index: st };
          continue;
        }
      }
      if (t.type === "city") {
        const chosen = this.chooseCity(
          h,
          view,
          hitAt,
          docCountries,
          docStates,
          near,
          caseless,
          doc.text,
          surnames,
          extra,
          anchors,
          ownState,
        );
        if (chosen === undefined) {
          h.dropped = true;
          continue;
        }
        h.city = chosen;
      } else if (t.type === "country" || t.type === "demonym") {
        if (t.type === "country" && !this.countryOk(h, view, caseless)) {
          h.dropped = true;
        } else if (t.type === "country" && this.shadowTowns.size) {
          if (!ownHits) {
            ownHits = new Map();
            for (const o of hits)
              if (!o.dropped && o.target.type === "country") {
                const k = this.spanKey(view, o.ts, o.te);
                ownHits.set(k, (ownHits.get(k) ?? 0) + 1);
              }
          }
          this.shadowTown(h, view, hitAt, counts, ownHits, docStates, docCountries, anchors, towns);
        }
      }
    }
    this.approximateCounties(countyHits, hits);
    for (const c of countyHits)
      if (!c.hit.dropped) {
        extra.push(c.hit);
        hitAt.set(c.hit.ts, c.hit);
      }
    if (extra.length) {
      hits.push(...extra);
      hits.sort((a, b) => a.ts - b.ts);
    }
    for (const h of hits) {
      if (h.dropped) continue;
      const start = tokens[h.ts].start;
      const end = tokens[h.te - 1].end;
      const rec = this.hitRecord(h);
      if (!rec) continue;
      doc.mentions.push({
        start,
        end,
        text: doc.text.slice(start, end),
        kind: rec.kind,
        entity: rec.id,
        by: this.name,
        ...(h.demonym ? { demonym: true } : {}),
      });
      doc.addEntity(rec);
      if (rec.parent) {
        const parent = this.record(rec.parent);
        if (parent) doc.addEntity(parent);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Public look-ups for services

  /** The entity a place name most likely means: country > region > sub-national > demonym > city (capital, then population). */
  lookupPlace(name: string): EntityRecord | undefined {
    const hit = this.lookupTable().get(lookupKey(name));
    return hit ? this.record(hit.id) : undefined;
  }

  /** The record of an id (country:XX, gov:XX, region:slug, admin:id, geonames:N), or undefined. */
  record(id: string): EntityRecord | undefined {
    const cached = this.records.get(id);
    if (cached) return cached;
    const colon = id.indexOf(":");
    const prefix = id.slice(0, colon);
    const rest = id.slice(colon + 1);
    let rec: EntityRecord | undefined;
    if (prefix === "country") {
      const i = this.countryIndex.get(rest);
      if (i !== undefined) rec = this.countryRecord(i);
    } else if (prefix === "gov") {
      const i = this.countryIndex.get(rest);
      if (i !== undefined) rec = this.govRecord(i);
    } else if (prefix === "region") {
      const i = this.regionIndex.get(rest);
      if (i !== undefined) rec = this.regionRecord(i);
    } else if (prefix === "admin") {
      const i = this.adminIndex.get(rest);
      if (i !== undefined) rec = this.adminRecord(i);
    } else if (prefix === "geonames") {
      const i = this.cityIndex.get(Number(rest));
      if (i !== undefined) rec = this.cityRecord(i);
    }
    if (rec) this.records.set(id, rec);
    return rec;
  }

  /** ISO2 country of a place or government id; undefined for regions spanning several countries. */
  countryOf(id: string): string | undefined {
    const colon = id.indexOf(":");
    const prefix = id.slice(0, colon);
    const rest = id.slice(colon + 1);
    if (prefix === "country" || prefix === "gov") return this.countryIndex.has(rest) ? rest : undefined;
    if (prefix === "geonames") {
      const i = this.cityIndex.get(Number(rest));
      return i === undefined ? undefined : this.rows[i][2];
    }
    const cs = this.regionCountries(id);
    return cs.length === 1 ? cs[0] : undefined;
  }

  /** ISO2 countries of a region (region:slug or slug), sub-national place or country; [] if unknown. */
  regionCountries(regionId: string): string[] {
    const colon = regionId.indexOf(":");
    const prefix = colon < 0 ? "region" : regionId.slice(0, colon);
    const rest = colon < 0 ? regionId : regionId.slice(colon + 1);
    if (prefix === "region") {
      const i = this.regionIndex.get(rest);
      return i === undefined ? [] : [...this.places.regions[i].countries];
    }
    if (prefix === "admin") {
      const i = this.adminIndex.get(rest);
      return i === undefined ? [] : [...this.places.admin[i].countries];
    }
    const c = this.countryOf(regionId);
    return c ? [c] : [];
  }

  /** All regions (id, name, countries), for filters in the workbench. */
  regions(): { id: string; name: string; countries: string[]; definition: string }[] {
    return this.places.regions.map((r) => ({
      id: `region:${r.slug}`,
      name: r.name,
      countries: [...r.countries],
      definition: r.definition,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Matching helpers

  private coveredTokens(doc: AnalysisDoc): Uint8Array | undefined {
    let covered: Uint8Array | undefined;
    const tokens = doc.tokens;
    for (const m of doc.mentions) {
      if (m.by === this.name || !this.yieldTo.has(m.kind)) continue;
      covered ??= new Uint8Array(tokens.length);
      let lo = 0;
      let hi = tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tokens[mid].end <= m.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < tokens.length && tokens[i].start < m.end; i++) covered[i] = 1;
    }
    return covered;
  }

  private anyCovered(covered: Uint8Array, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (covered[i]) return true;
    return false;
  }

  private payloadOk(
    p: Payload,
    toks: readonly Token[],
    ts: number,
    te: number,
    upper: boolean,
    caseless: boolean,
  ): boolean {
    if (p.caps && !caseless) {
      let w = 0;
      for (let i = ts; i < te; i++) {
        if (SKIPPABLE.has(toks[i].lower)) continue;
        if (p.caps[w] && !isCapitalised(toks[i].text)) return false;
        w++;
      }
    }
    if (!caseless && !p.upperPattern && te - ts === 1) {
      // "UN", "MAN": a short word in capitals in ordinary text is an acronym, not a place.
      const t = toks[ts].text;
      if (t.length >= 2 && t.length <= 3 && isAllCapsWord(t)) return false;
    }
    const prev = this.prevToken(toks, ts);
    const next = this.nextToken(toks, te);
    if (p.flags & NEED_THE) {
      if (prev?.lower !== "the") return false;
      if (next && (next.lower === "of" || (!caseless && /^\p{Lu}/u.test(next.text)))) return false;
    }
    if (p.flags & NOT_AFTER_OF && prev?.lower === "of") return false;
    if (p.flags & US_ACRONYM && upper) {
      if (prev?.lower !== "the" && !(next && this.usUpperNext.has(next.lower))) return false;
    }
    return true;
  }

  /** A country name that is also a person name ("Jordan", "Chad") next to a first/last name or title is the person. */
  private countryOk(h: Hit, toks: readonly Token[], caseless: boolean): boolean {
    if (caseless || h.target.type !== "country") return true;
    const key = this.spanKey(toks, h.ts, h.te);
    if (!this.personPlaces.has(key)) return true;
    const prev = this.prevToken(toks, h.ts);
    if (prev && this.locatives.has(prev.lower)) return true;
    if (
      prev &&
      isCapitalised(prev.text) &&
      (this.personNames.has(prev.lower) || this.honorifics.has(prev.lower))
    )
      return false;
    const next = this.nextToken(toks, h.te);
    if (next && /^\p{Lu}/u.test(next.text) && this.personNames.has(next.lower)) return false;
    return true;
  }

  /** End token of a government head after a country/demonym match, or 0. */
  private headAfter(toks: readonly Token[], h: Hit, covered: Uint8Array | undefined): number {
    let j = h.te;
    const sent = toks[h.ts].sent;
    // "pro-Russian forces", "anti-American" are not the government.
    if (h.ts >= 2 && toks[h.ts - 1].lower === "-" && /^(pro|anti)$/.test(toks[h.ts - 2].lower)) return 0;
    if (j < toks.length && toks[j].sent === sent && (toks[j].lower === "'s" || toks[j].lower === "'")) {
      if (h.target.type !== "country" || toks[j].start !== toks[j - 1].end) return 0;
      j++;
    }
    if (j >= toks.length || toks[j].sent !== sent || covered?.[j]) return 0;
    if (j + 1 < toks.length && toks[j + 1].sent === sent && !covered?.[j + 1]) {
      if (this.heads2.has(`${toks[j].lower} ${toks[j + 1].lower}`)) return this.headEnd(toks, j + 2);
    }
    if (this.heads1.has(toks[j].lower)) return this.headEnd(toks, j + 1);
    return 0;
  }

  /** A head followed by "-" is a compound ("government-backed"): not a government mention. */
  private headEnd(toks: readonly Token[], end: number): number {
    if (end < toks.length && toks[end].lower === "-" && toks[end].start === toks[end - 1].end) return 0;
    return end;
  }

  /** Start token of "<head> of [the]" before a country match, or -1. */
  private headBefore(toks: readonly Token[], h: Hit, covered: Uint8Array | undefined): number {
    const sent = toks[h.ts].sent;
    let k = h.ts - 1;
    if (k >= 0 && toks[k].lower === "the") k--;
    if (k < 1 || toks[k].lower !== "of" || toks[k].sent !== sent) return -1;
    const head = k - 1;
    if (toks[head].sent !== sent || covered?.[head] || !this.ofHeads.has(toks[head].lower)) return -1;
    return head;
  }

  private prevToken(toks: readonly Token[], ts: number): Token | undefined {
    return ts > 0 && toks[ts - 1].sent === toks[ts].sent ? toks[ts - 1] : undefined;
  }

  private nextToken(toks: readonly Token[], te: number): Token | undefined {
    return te < toks.length && toks[te].sent === toks[te - 1].sent ? toks[te] : undefined;
  }

  private spanKey(toks: readonly Token[], ts: number, te: number): string {
    const parts: string[] = [];
    for (let i = ts; i < te; i++) if (!SKIPPABLE.has(toks[i].lower)) parts.push(toks[i].lower);
    return parts.join(" ");
  }

  /** "in Nice", "the city of Reading", a dateline ("NICE, 3 Jan --"). */
  private locativeContext(toks: readonly Token[], ts: number, te: number, text: string): boolean {
    const prev = this.prevToken(toks, ts);
    if (prev && this.locatives.has(prev.lower)) return true;
    if (prev?.lower === "of" && ts >= 2 && this.ofNouns.has(toks[ts - 2].lower)) return true;
    const lineStart = ts === 0 || text.slice(toks[ts - 1].end, toks[ts].start).includes("\n");
    const next = te < toks.length ? toks[te] : undefined;
    return lineStart && !!next && DATELINE_AFTER.has(next.lower);
  }

  /**
   * Spatial coherence: for each city name with several readings (or only small towns), the
   * readings that lie near (within about one degree) readings of the largest number of the
   * document's other city names ("New London" with "Mt. Pleasant" and "Winfield": the Iowa
   * towns). Names that are English words or person names lend no support. Linear in the
   * candidates: readings are bucketed in one-degree cells.
   */
  private coherence(
    hits: Hit[],
    toks: readonly Token[],
    docStates: Map<string, number>,
  ): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const names = new Map<string, number[]>();
    for (const h of hits)
      if (!h.dropped && h.target.type === "city") {
        const key = this.spanKey(toks, h.ts, h.te);
        if (!names.has(key)) names.set(key, h.target.cities ?? []);
      }
    if (names.size < 2) return out;
    const cell = (r: number) => cellOf(this.rows[r][3], this.rows[r][4]);
    const list = [...names.entries()];
    // Two rounds: the second lends support only from each name's readings that won the first
    // ("Mt. Pleasant" near "New London" and "Winfield" is Iowa's, so it no longer props up the
    // Winfield near Mount Pleasant, Wisconsin).
    for (let round = 0; round < 2; round++) {
      // cell → name index → weight: small towns outside a named state are so many that they lend
      // half a vote.
      const grid = new Map<number, Map<number, number>>();
      list.forEach(([key, all], i) => {
        if (this.caselessContext.has(key) || this.personPlaces.has(key) || this.context.has(key)) return;
        const cands = (round > 0 && out.get(key)) || all;
        for (const r of cands) {
          const w = this.rows[r][6] & FLAG_MINOR && !docStates.has(this.rows[r][7]) ? 0.5 : 1;
          const c = cell(r);
          let m = grid.get(c);
          if (!m) {
            m = new Map();
            grid.set(c, m);
          }
          if ((m.get(i) ?? 0) < w) m.set(i, w);
        }
      });
      const next = new Map<string, number[]>();
      this.nearSupport.clear();
      list.forEach(([key, cands], i) => {
        if (cands.length < 2 && !(cands.length === 1 && this.rows[cands[0]][6] & FLAG_MINOR)) return;
        let bestN = 0;
        let best: number[] = [];
        for (const r of cands) {
          const c = cell(r);
          const seen = new Map<number, number>();
          for (const dc of NEIGHBOUR_CELLS)
            for (const [j, w] of grid.get(c + dc) ?? [])
              if (j !== i && (seen.get(j) ?? 0) < w) seen.set(j, w);
          let n = 0;
          for (const w of seen.values()) n += w;
          if (n > bestN) {
            bestN = n;
            best = [r];
          } else if (n === bestN && bestN > 0) best.push(r);
        }
        if (bestN >= 1) {
          next.set(key, best);
          this.nearSupport.set(key, bestN);
        }
      });
      out.clear();
      for (const [k, v] of next) out.set(k, v);
    }
    return out;
  }

  /** Candidates that are not minor towns. */
  private majorOnly(cands: number[]): number[] {
    let minor = false;
    for (const r of cands) if (this.rows[r][6] & FLAG_MINOR) minor = true;
    return minor ? cands.filter((r) => (this.rows[r][6] & FLAG_MINOR) === 0) : cands;
  }

  /**
   * US states the document names, with counts: state names and dotted abbreviations, state
   * qualifiers after a comma ("Paris, Tenn.", "Newton County, Ga."; an abbreviation that is not
   * yet a mention becomes one), and towns with a single reading among the larger places.
   */
  private documentStates(
    hits: Hit[],
    toks: readonly Token[],
    hitAt: Map<number, Hit>,
    extra: Hit[],
    own: Map<string, string> = new Map(),
  ): Map<string, number> {
    const out = new Map<string, number>();
    const add = (code: string | undefined, n = 1) => {
      if (code) out.set(code, (out.get(code) ?? 0) + n);
    };
    for (const h of hits) {
      if (h.dropped) continue;
      const t = h.target;
      if (t.type === "admin") add(this.places.admin[t.index].admin1, 3);
      else if (t.type === "city") {
        // A town with one reading is weaker evidence, and none when it may be a person's name
        // or sits in a hyphenated name ("Webb-Lawton").
        const major = this.majorOnly(t.cities ?? []);
        if (major.length !== 1 || this.rows[major[0]][2] !== "US") continue;
        const key = this.spanKey(toks, h.ts, h.te);
        if (this.personPlaces.has(key) || this.caselessContext.has(key) || this.context.has(key)) continue;
        const before = h.ts > 0 ? toks[h.ts - 1] : undefined;
        const after = h.te < toks.length ? toks[h.te] : undefined;
        if (before?.lower === "-" && before.start === toks[h.ts].start - 1) continue;
        if (after?.lower === "-" && after.start === toks[h.te - 1].end) continue;
        // Once per name: "New London" said eight times is no more evidence of Connecticut.
        if (own.has(key)) continue;
        own.set(key, this.rows[major[0]][7]);
        add(this.rows[major[0]][7]);
      }
    }
    // "<Capitalised word>, <state abbreviation>" and "D-Pa.": scan the commas and hyphens.
    for (let i = 1; i + 1 < toks.length; i++) {
      const t = toks[i];
      if (t.lower !== "," && t.lower !== "-") continue;
      const nx = toks[i + 1].lower;
      const dot = nx.indexOf(".");
      if (!this.qualifierFirst.has(dot > 0 ? nx.slice(0, dot) : nx) && !hitAt.has(i + 1)) continue;
      const prev = toks[i - 1];
      if (prev.sent !== t.sent || toks[i + 1].sent !== t.sent) continue;
      if (t.lower === "-" && !(PARTY.has(prev.lower) && prev.text === prev.text.toUpperCase())) continue;
      if (t.lower === "," && !/^\p{Lu}/u.test(prev.text)) continue;
      const q = this.qualifierAfter(toks, i, hitAt, true);
      if (!q || q.admin === undefined) continue;
      const a = this.places.admin[q.admin];
      if (!a.admin1) continue;
      if (q.hit) continue;
      if (!q.span) continue;
      const form = toks
        .slice(q.span[0], q.span[1])
        .map((x) => x.text)
        .join("");
      // Only abbreviations with a dot ("Ga.", "Okla.", "N.Y") become mentions; postal codes
      // ("TX") only count, as "IN", "OR", "ME" are words too.
      if (!form.includes(".")) {
        if (/^[A-Z]{2}$/.test(form)) add(a.admin1, 3);
        continue;
      }
      add(a.admin1, 3);
      if (!hitAt.has(q.span[0])) {
        const h: Hit = { ts: q.span[0], te: q.span[1], target: { type: "admin", index: q.admin } };
        extra.push(h);
        hitAt.set(h.ts, h);
      }
    }
    return out;
  }

  /**
   * US counties and Louisiana parishes: one capitalised word before "County"/"Parish", or more
   * when the earlier ones start names ("St. Louis", "Black Hawk", "Prince George's"), or a place
   * the matcher found ("Charles City County"). Returns the county hits with their candidate rows
   * in the county table (every state with a county of that name) and the state a qualifier after
   * a comma gives; overlapping town and state hits are dropped ("Orange County" is not Orange).
   */
  private findCounties(
    hits: Hit[],
    toks: readonly Token[],
    hitAt: Map<number, Hit>,
    covered: Uint8Array | undefined,
    caseless: boolean,
  ): CountyHit[] {
    const found: CountyHit[] = [];
    let byEnd: Map<number, Hit> | undefined;
    for (let i = 1; i < toks.length; i++) {
      const head = toks[i];
      if (head.lower === "counties" || head.lower === "parishes") {
        this.countyList(toks, i, covered, caseless, found);
        continue;
      }
      if (!COUNTY_HEADS.has(head.lower) || covered?.[i]) continue;
      if (!caseless && head.text !== "County" && head.text !== "Parish") continue;
      // "Leadership Henry County" is Henry County.
      let s = i;
      let words = 0;
      for (let k = i - 1; k >= 0 && words < 3; k--) {
        const w = toks[k];
        if (w.sent !== head.sent || covered?.[k]) break;
        if (w.lower === "'s" && s === i && k > 0 && w.start === toks[k - 1].end) {
          s = k;
          continue;
        }
        if (!/^\p{Lu}/u.test(w.text) || !/\p{L}/u.test(w.text)) break;
        if (this.functionWords.has(w.lower) || this.locatives.has(w.lower) || this.honorifics.has(w.lower))
          break;
        if (COUNTY_HEADS.has(w.lower) || (!caseless && isAllCapsWord(w.text) && w.text.length > 1)) break;
        if (words > 0 && !COUNTY_PREFIXES.has(w.lower)) break;
        s = k;
        words++;
      }
      if (words === 0 || toks[s].lower === "'s") continue;
      if (!byEnd) {
        byEnd = new Map();
        for (const h of hits) if (!h.dropped) byEnd.set(h.te, h);
      }
      const named = byEnd.get(i);
      if (named && named.ts < s && (named.target.type === "city" || named.target.type === "admin"))
        s = named.ts;
      const name = toks
        .slice(s, i + 1)
        .map((t, j, a) => (j > 0 && a[j - 1].end < t.start ? ` ${t.text}` : t.text))
        .join("");
      const key = countyKey(name.slice(0, name.length - head.text.length));
      const qual = this.qualifierAfter(toks, i + 1, hitAt);
      const qualState =
        qual?.admin !== undefined && this.places.admin[qual.admin].admin1 ? qual.admin : undefined;
      let cands = this.countyIndex.get(key) ?? [];
      if (head.lower === "parish") cands = cands.filter((c) => this.countyRows[c][1] === "LA");
      // With the county table loaded, a name no US county has is no US county ("Mayo County
      // Council"), unless a state qualifier or "Parish" says otherwise.
      if (!cands.length && this.countyRows.length && qualState === undefined && head.lower !== "parish")
        continue;
      const h: Hit = {
        ts: s,
        te: i + 1,
        target: { type: "county", index: -1 },
        county: { name, lat: 0, lon: 0 },
      };
      found.push({ hit: h, key, parish: head.lower === "parish", qualState, cands });
    }
    for (const c of found)
      for (let k = c.hit.ts; k < c.hit.te; k++) {
        const h = hitAt.get(k);
        if (h && h !== c.hit) h.dropped = true;
      }
    return found;
  }

  /**
   * "Cooke, Grayson and Love counties", "Barrow and Jackson counties": each name is a county
   * (the span is the name alone). At least two names; each one capitalised word, or more when the
   * earlier ones start names ("St. Clair").
   */
  private countyList(
    toks: readonly Token[],
    i: number,
    covered: Uint8Array | undefined,
    caseless: boolean,
    found: CountyHit[],
  ): void {
    const head = toks[i];
    const parish = head.lower === "parishes";
    const names: [number, number][] = [];
    let k = i - 1;
    for (;;) {
      let s = k + 1;
      let words = 0;
      for (; k >= 0 && words < 3; k--) {
        const w = toks[k];
        if (w.sent !== head.sent || covered?.[k] || !/^\p{Lu}\p{L}/u.test(w.text)) break;
        if (this.functionWords.has(w.lower) || this.locatives.has(w.lower)) break;
        if (!caseless && isAllCapsWord(w.text)) break;
        if (words > 0 && !COUNTY_PREFIXES.has(w.lower)) break;
        s = k;
        words++;
      }
      if (words === 0) break;
      names.push([s, s + words]);
      if (k < 0 || toks[k].sent !== head.sent) break;
      if (toks[k].lower === "and" || toks[k].lower === "&") {
        k--;
        if (k >= 0 && toks[k].lower === ",") k--;
      } else if (toks[k].lower === ",") k--;
      else break;
    }
    if (names.length < 2) return;
    for (const [s, e] of names) {
      const text = toks
        .slice(s, e)
        .map((t, j, a) => (j > 0 && a[j - 1].end < t.start ? ` ${t.text}` : t.text))
        .join("");
      const key = countyKey(text);
      let cands = this.countyIndex.get(key) ?? [];
      if (parish) cands = cands.filter((c) => this.countyRows[c][1] === "LA");
      if (!cands.length) continue;
      const name = `${text} ${parish ? "Parish" : "County"}`;
      const h: Hit = {
        ts: s,
        te: e,
        target: { type: "county", index: -1 },
        county: { name, lat: 0, lon: 0 },
      };
      found.push({ hit: h, key, parish, cands });
    }
  }

  /** State evidence of counties: a parish is Louisiana; a county name found in one state only names it. */
  private countyStates(found: CountyHit[], docStates: Map<string, number>): void {
    const seen = new Set<string>();
    for (const c of found) {
      if (c.qualState !== undefined || seen.has(c.key)) continue;
      seen.add(c.key);
      const states = new Set(c.cands.map((r) => this.countyRows[r][1]));
      const only = states.size === 1 ? [...states][0] : c.parish ? "LA" : undefined;
      if (only) docStates.set(only, (docStates.get(only) ?? 0) + 3);
    }
  }

  /**
   * Chooses each county among the states that have one of that name: the qualifier's state, else
   * the candidate with the most support — the document's state evidence, other county names with
   * a namesake in the same state, and towns of the document with a reading within 60 km in the
   * same state ("Paris" and "Henry County": Tennessee) — then the larger population. The point is
   * the county's centroid. Without a table row, the old approximation: the document's
   * most-mentioned town in the state, else the state's point. Returns the chosen counties
   * (anchors for towns).
   */
  private resolveCounties(
    found: CountyHit[],
    towns: TownGrid,
    docStates: Map<string, number>,
    docCountries: Set<string>,
  ): Anchors {
    const anchors: Anchors = new Map();
    if (found.length === 0) return anchors;
    const anchoredRows = new Set<number>();
    const grid = towns.grid;
    const stateNames = new Map<string, Set<string>>();
    for (const c of found)
      for (const r of c.cands) {
        const st = this.countyRows[r][1];
        let s = stateNames.get(st);
        if (!s) {
          s = new Set();
          stateNames.set(st, s);
        }
        s.add(c.key);
      }
    const chosen = new Map<string, number>();
    const support = (ci: number, key: string) => {
      const [, st, lat, lon] = this.countyRows[ci];
      let score = docStates.get(st) ?? 0;
      score += (stateNames.get(st)?.size ?? 1) - (stateNames.get(st)?.has(key) ? 1 : 0);
      const best = new Map<number, number>();
      const c = cellOf(lat, lon);
      for (const dc of NEIGHBOUR_CELLS)
        for (const [ni, r] of grid.get(c + dc) ?? []) {
          const row = this.rows[r];
          if (row[7] !== st || km(lat, lon, row[3], row[4]) > ANCHOR_KM) continue;
          const w = row[6] & FLAG_MINOR ? 2 : 3;
          if ((best.get(ni) ?? 0) < w) best.set(ni, w);
        }
      for (const w of best.values()) score += w;
      return score;
    };
    for (const c of found) {
      const h = c.hit;
      const ck = `${c.key}|${c.qualState ?? ""}`;
      let pick = chosen.get(ck);
      if (pick === undefined && c.cands.length) {
        const qst = c.qualState !== undefined ? this.places.admin[c.qualState].admin1 : undefined;
        const cands = qst ? c.cands.filter((r) => this.countyRows[r][1] === qst) : c.cands;
        let bestScore = -1;
        for (const r of cands) {
          const s = cands.length > 1 ? support(r, c.key) : 1;
          const better =
            pick === undefined ||
            s > bestScore ||
            (s === bestScore && this.countyRows[r][4] > this.countyRows[pick][4]);
          if (better) {
            pick = r;
            bestScore = s;
          }
        }
        // A county name of several states with no support in a document about another country
        // is no US county ("Kent County Council").
        if (pick !== undefined && bestScore === 0 && docCountries.size > 0 && !docCountries.has("US"))
          pick = -1;
        if (pick !== undefined) chosen.set(ck, pick);
      }
      if (pick === -1) {
        h.dropped = true;
        continue;
      }
      if (pick !== undefined) {
        const [, st, lat, lon] = this.countyRows[pick];
        const si = this.stateIndex.get(st);
        if (si !== undefined) h.county!.state = si;
        h.county!.lat = lat;
        h.county!.lon = lon;
        h.county!.row = pick;
        if (!anchoredRows.has(pick)) {
          anchoredRows.add(pick);
          const cell = cellOf(lat, lon);
          const l = anchors.get(cell);
          if (l) l.push({ state: st, lat, lon });
          else anchors.set(cell, [{ state: st, lat, lon }]);
        }
        continue;
      }
      // Not in the table: the state from the qualifier, a parish, or the most-named state.
      let state = c.qualState;
      if (state === undefined && c.parish) state = this.stateIndex.get("LA");
      if (state === undefined) {
        let best = 0;
        for (const [code, n] of docStates)
          if (n > best) {
            best = n;
            state = this.stateIndex.get(code);
          }
      }
      if (state === undefined && docCountries.size > 0 && !docCountries.has("US")) {
        h.dropped = true;
        continue;
      }
      if (state !== undefined) h.county!.state = state;
      h.county!.approximate = true;
    }
    return anchors;
  }

  /** US readings of the document's town names by one-degree cell: [name index, row]. */
  private townGrid(hits: Hit[], toks: readonly Token[]): TownGrid {
    const grid = new Map<number, [number, number][]>();
    const names = new Map<string, number>();
    for (const h of hits) {
      if (h.dropped || (h.target.type !== "city" && h.target.type !== "country")) continue;
      const key = this.spanKey(toks, h.ts, h.te);
      if (names.has(key)) continue;
      // Names that are words or person names lend no support ("Wayne", "Home").
      const city = h.target.type === "city";
      if (city && (this.caselessContext.has(key) || this.personPlaces.has(key) || this.context.has(key)))
        continue;
      const rows = city ? h.target.cities : this.shadowTowns.get(key);
      if (!rows) continue;
      const ni = names.size;
      names.set(key, ni);
      for (const r of rows) {
        const row = this.rows[r];
        if (row[2] !== "US") continue;
        const c = cellOf(row[3], row[4]);
        let l = grid.get(c);
        if (!l) {
          l = [];
          grid.set(c, l);
        }
        l.push([ni, r]);
      }
    }
    return { grid, names };
  }

  /** Names of the grid other than `self` with a US reading within ANCHOR_KM of a row, in its state. */
  private nearbyNames(towns: TownGrid, row: CityRow, self: number): number {
    const seen = new Set<number>();
    for (const dc of NEIGHBOUR_CELLS)
      for (const [ni, r] of towns.grid.get(cellOf(row[3], row[4]) + dc) ?? []) {
        const o = this.rows[r];
        if (ni !== self && o[7] === row[7] && km(row[3], row[4], o[3], o[4]) <= ANCHOR_KM) seen.add(ni);
      }
    return seen.size;
  }

  /** US readings among rows within ANCHOR_KM of a named county's centroid, in its state. */
  private anchored(rows: number[], anchors: Anchors): number[] {
    if (anchors.size === 0) return [];
    return rows.filter((r) => {
      const row = this.rows[r];
      if (row[2] !== "US") return false;
      const c = cellOf(row[3], row[4]);
      for (const dc of NEIGHBOUR_CELLS)
        for (const a of anchors.get(c + dc) ?? [])
          if (a.state === row[7] && km(a.lat, a.lon, row[3], row[4]) <= ANCHOR_KM) return true;
      return false;
    });
  }

  /**
   * A country name that is also a US town ("Lebanon", "Palestine", "Jordan", "Malta") is the
   * town when the document names the country in no other way and local evidence points to one
   * town: a state qualifier ("Palestine, Texas"), a named county around it, its state named
   * (weight 3 or more, the most among the readings), or two other town names within ANCHOR_KM.
   */
  private shadowTown(
    h: Hit,
    toks: readonly Token[],
    hitAt: Map<number, Hit>,
    counts: Map<string, number>,
    ownHits: Map<string, number>,
    docStates: Map<string, number>,
    docCountries: Set<string>,
    anchors: Anchors,
    towns: TownGrid,
  ): void {
    const key = this.spanKey(toks, h.ts, h.te);
    const rows = this.shadowTowns.get(key);
    if (!rows) return;
    const code = this.places.countries[h.target.index].code;
    if ((counts.get(code) ?? 0) > (ownHits.get(key) ?? 0)) return;
    let pick: number[] = [];
    const qual = this.qualifierAfter(toks, h.te, hitAt);
    const qst = qual?.admin !== undefined ? this.places.admin[qual.admin].admin1 : undefined;
    if (qst) pick = rows.filter((r) => this.rows[r][7] === qst);
    if (!pick.length) pick = this.anchored(rows, anchors);
    if (!pick.length) {
      let bestW = 2;
      for (const r of rows) {
        const w = docStates.get(this.rows[r][7]) ?? 0;
        if (w > bestW) {
          bestW = w;
          pick = [r];
        } else if (w === bestW && w > 2) pick.push(r);
      }
    }
    if (!pick.length) {
      const self = towns.names.get(key) ?? -1;
      pick = rows.filter((r) => this.nearbyNames(towns, this.rows[r], self) >= 2);
    }
    if (!pick.length) return;
    h.target = { type: "city", index: -1, cities: rows };
    h.city = this.bestCity(pick, docCountries, false, docStates);
    if (qual?.hit && qual.hit.target.type === "country" && qual.admin !== undefined) {
      qual.hit.target = { type: "admin", index: qual.admin };
      qual.hit.demonym = false;
    }
  }

  /**
   * "New York" and "Washington" are the cities, except next to other US states in a list
   * ("Missouri, New York, North Carolina and Virginia") or before "border" ("the New York
   * border"): then the state.
   */
  private stateReading(h: Hit, toks: readonly Token[], hitAt: Map<number, Hit>): number | undefined {
    const st = this.cityStates.get(this.spanKey(toks, h.ts, h.te));
    if (st === undefined) return undefined;
    const next = this.nextToken(toks, h.te);
    if (next && (next.lower === "border" || next.lower === "line")) return st;
    const isState = (at: number) => {
      const o = hitAt.get(at);
      return !!o && !o.dropped && o.target.type === "admin" && !!this.places.admin[o.target.index].admin1;
    };
    const sep = (t: Token | undefined) => !!t && (t.lower === "," || t.lower === "and" || t.lower === "or");
    const prev = this.prevToken(toks, h.ts);
    if (sep(prev)) {
      let k = h.ts - 2;
      if (k >= 0 && toks[k].lower === ",") k--;
      // the state hit ending at k
      for (let j = k; j >= Math.max(0, k - 3); j--) {
        const o = hitAt.get(j);
        if (o && o.te === k + 1) return isState(j) ? st : undefined;
      }
    }
    if (sep(next)) {
      let k = h.te + 1;
      if (k < toks.length && toks[k].lower === "and") k++;
      if (isState(k)) return st;
    }
    return undefined;
  }

  /** Points of counties not in the table: the document's most-mentioned town in the state, else the state. */
  private approximateCounties(found: CountyHit[], hits: Hit[]): void {
    const towns = new Map<number, number>();
    for (const h of hits)
      if (!h.dropped && h.city !== undefined) towns.set(h.city, (towns.get(h.city) ?? 0) + 1);
    const top = new Map<string, { row: number; n: number }>();
    for (const [r, k] of towns) {
      const row = this.rows[r];
      if (row[2] !== "US") continue;
      for (const st of ["", row[7]]) {
        const cur = top.get(st);
        if (!cur || k > cur.n) top.set(st, { row: r, n: k });
      }
    }
    const us = this.countryIndex.get("US");
    for (const { hit } of found) {
      const c = hit.county!;
      if (hit.dropped || !c.approximate) continue;
      const st = c.state !== undefined ? this.places.admin[c.state] : undefined;
      const town = top.get(st?.admin1 ?? "")?.row;
      const p = town !== undefined ? this.rows[town] : undefined;
      const pt = p
        ? { lat: p[3], lon: p[4] }
        : st
          ? { lat: st.lat, lon: st.lon }
          : us !== undefined
            ? this.places.countries[us]
            : { lat: 0, lon: 0 };
      c.lat = pt.lat;
      c.lon = pt.lon;
    }
  }

  /** Qualifier after a comma: a country or US state hit, or a state form ("TX", "Calif."). */
  private qualifierAfter(
    toks: readonly Token[],
    te: number,
    hitAt: Map<number, Hit>,
    orHyphen = false,
  ): { country?: string; admin?: number; hit?: Hit; span?: [number, number] } | undefined {
    if (te >= toks.length || toks[te].sent !== toks[te - 1].sent) return undefined;
    if (toks[te].lower !== "," && !(orHyphen && toks[te].lower === "-")) return undefined;
    const q = te + 1;
    if (q >= toks.length) return undefined;
    const hit = hitAt.get(q);
    const out: { country?: string; admin?: number; hit?: Hit; span?: [number, number] } = {};
    if (hit && !hit.dropped) {
      out.hit = hit;
      if (hit.target.type === "country") out.country = this.places.countries[hit.target.index].code;
      else if (hit.target.type === "admin") out.admin = hit.target.index;
    }
    for (let k = 3; k >= 1; k--) {
      if (q + k > toks.length) continue;
      const parts: string[] = [];
      for (let i = q; i < q + k; i++) parts.push(toks[i].text);
      const e = this.qualifierIndex.get(lookupKey(parts.join(" ")));
      if (!e) continue;
      if (e.exact && parts.join(" ") !== e.exact) continue;
      if (out.admin === undefined) {
        out.admin = e.admin;
        // Take a following lone "." into the span ("Ky" + ".").
        const end =
          q + k < toks.length && toks[q + k].lower === "." && toks[q + k].start === toks[q + k - 1].end
            ? q + k + 1
            : q + k;
        out.span = [q, end];
      }
      break;
    }
    return out.country !== undefined || out.admin !== undefined ? out : undefined;
  }

  private chooseCity(
    h: Hit,
    toks: readonly Token[],
    hitAt: Map<number, Hit>,
    docCountries: Set<string>,
    docStates: Map<string, number>,
    near: Map<string, number[]>,
    caseless: boolean,
    text: string,
    surnames: Set<string>,
    extra: Hit[],
    anchors: Anchors = new Map(),
    ownState: Map<string, string> = new Map(),
  ): number | undefined {
    const all = h.target.cities ?? [];
    if (all.length === 0) return undefined;
    // Small towns only where the document gives their state; the qualifier below may restore them.
    // (a named state, a state qualifier or a county found in that state only: weight 3 or more;
    // three towns of the state with a single reading count as much).
    // Elsewhere (British and Irish towns) the country must be named at least twice.
    let cands = all.filter((r) => {
      const row = this.rows[r];
      if ((row[6] & FLAG_MINOR) === 0) return true;
      if (row[2] === "US") return (docStates.get(row[7]) ?? 0) >= MINOR_STATE_WEIGHT;
      return (this.docCounts.get(row[2]) ?? 0) >= MINOR_COUNTRY_WEIGHT;
    });
    const next = this.nextToken(toks, h.te);
    // "Orange County", "Plymouth County": a county we do not hold, not the town.
    if (next && COUNTY_WORDS.has(next.lower)) return undefined;
    const key = this.spanKey(toks, h.ts, h.te);
    const qual = this.qualifierAfter(toks, h.te, hitAt);
    let qualified = false;
    if (qual) {
      const byCountry = qual.country
        ? this.majorOnly(all).filter((r) => this.rows[r][2] === qual.country)
        : [];
      const admin = qual.admin !== undefined ? this.places.admin[qual.admin] : undefined;
      const byAdmin = admin?.admin1
        ? all.filter((r) => this.rows[r][2] === "US" && this.rows[r][7] === admin.admin1)
        : admin
          ? all.filter((r) => admin.countries.includes(this.rows[r][2]))
          : [];
      if (byCountry.length) {
        cands = byCountry;
        qualified = true;
      } else if (byAdmin.length) {
        cands = byAdmin;
        qualified = true;
        if (qual.hit && qual.hit.target.type === "country" && qual.admin !== undefined) {
          // "Atlanta, Georgia": the qualifier is the US state, not the country.
          qual.hit.target = { type: "admin", index: qual.admin };
          qual.hit.demonym = false;
        } else if (!qual.hit && qual.admin !== undefined && qual.span) {
          // "Lexington, Ky.": the abbreviation becomes a mention of the state.
          extra.push({ ts: qual.span[0], te: qual.span[1], target: { type: "admin", index: qual.admin } });
        }
      }
    }
    // "LA PAZ DEPARTMENT", "Kunduz province": the admin area named after the town, in a country
    // the document names — do not let a far bigger namesake elsewhere win
    const adminWord = next !== undefined && ADMIN_WORDS.has(next.lower);
    // A town in or near a county the document names (in its state) wins: "Paris" with "Henry
    // County" (Tennessee), "Lebanon" with "Boone County" (Indiana).
    let anchoredHere = false;
    if (!qualified && anchors.size) {
      const inCounty = this.anchored(all, anchors);
      if (inCounty.length) {
        cands = inCounty;
        anchoredHere = true;
      }
    }
    const coherent = qualified || anchoredHere ? undefined : near.get(key);
    if (coherent) {
      // Towns near the document's other places, unless the usual reading is a capital or a
      // city of a million ("Paris" and "London" stay in Europe).
      const usual = cands.length ? this.bestCity(cands, docCountries, adminWord, docStates) : undefined;
      const u = usual !== undefined ? this.rows[usual] : undefined;
      const guarded =
        u !== undefined &&
        ((u[6] & FLAG_CAPITAL) !== 0 ||
          u[5] >= 1_000_000 ||
          (u[2] === "US" && (docStates.get(u[7]) ?? 0) > (ownState.get(key) === u[7] ? 1 : 0)));
      // Nor does a city of 100,000 give way to small towns only ("Arlington" stays in Texas),
      // unless several of the document's names cluster there (Kent, Cornwall, Canaan, Sharon: the
      // Connecticut towns).
      const toMinor =
        u !== undefined &&
        u[5] >= 100_000 &&
        (this.nearSupport.get(key) ?? 0) < 2 &&
        coherent.every((r) => this.rows[r][6] & FLAG_MINOR);
      // Nor a reading in a country the document names to readings in countries it does not
      // ("Woodstock" and "Oxford" in a story about Ontario).
      const abroad =
        u !== undefined && docCountries.has(u[2]) && !coherent.some((r) => docCountries.has(this.rows[r][2]));
      if (usual === undefined || (!coherent.includes(usual) && !guarded && !toMinor && !abroad))
        cands = coherent;
    }
    if (cands.length === 0) return undefined;
    const best = this.bestCity(cands, docCountries, adminWord, docStates);
    if (qualified) return best;
    if (
      anchoredHere &&
      !this.personPlaces.has(key) &&
      !this.context.has(key) &&
      !this.caselessContext.has(key)
    )
      return best;
    const row = this.rows[best];
    const big = (row[6] & FLAG_CAPITAL) !== 0 || row[5] >= 1_000_000;
    const loc = this.locativeContext(toks, h.ts, h.te, text);
    if (loc) return best;
    // A small town named like an English word ("Rodeo", "Commerce") needs context.
    if (row[6] & FLAG_MINOR && (this.caselessContext.has(key) || this.context.has(key))) return undefined;
    if (this.context.has(key)) return undefined;
    // "Manuel Valls", "President Obama", and later bare "Valls" in the same document.
    if (this.afterName(toks, h.ts) || (surnames.has(key) && !big)) return undefined;
    const english = this.caselessContext.has(key);
    if (caseless) {
      // No capitals to go by: without context, only capitals, cities of a million, and
      // admin seats or cities of 100,000 in a country the document names.
      const capital = (row[6] & FLAG_CAPITAL) !== 0;
      if (english || (surnames.has(key) && !big)) return undefined;
      if (this.personPlaces.has(key)) return capital ? best : undefined;
      if (big) return best;
      const seat = (row[6] & FLAG_ADMIN1) !== 0 || row[5] >= 100_000;
      return seat && docCountries.has(row[2]) ? best : undefined;
    }
    // Ordinary text: an English word or a name that opens a sentence carries no capital evidence.
    const first = h.ts === 0 || toks[h.ts - 1].sent !== toks[h.ts].sent || OPENERS.has(toks[h.ts - 1].lower);
    if (english && first) return undefined;
    if (this.personPlaces.has(key)) {
      // Small towns named like people need context; capitals and cities of a million only lose
      // to a name next to them ("George Washington", "Washington Post"); the rest also when they
      // open a sentence or take a speech verb ("Jackson said").
      if ((row[6] & FLAG_CAPITAL) === 0 && row[5] < 100_000) return undefined;
      if (
        big ? this.capitalisedNeighbour(toks, h.ts, h.te) : first || this.personNeighbour(toks, h.ts, h.te)
      ) {
        return undefined;
      }
    }
    return best;
  }

  /**
   * Words used as surnames in this document: the capitalised word after a first name or a title
   * ("Manuel Valls", "President Obama", "Mr. Trapani"); a city of that name is then the person.
   */
  private surnames(toks: readonly Token[], caseless: boolean): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i + 1 < toks.length; i++) {
      const t = toks[i];
      const c = t.text.charCodeAt(0);
      if (c < 65 || c > 90) continue;
      const w = t.lower.endsWith(".") ? t.lower.slice(0, -1) : t.lower;
      const title = this.honorifics.has(w);
      if (!title && (caseless || !this.personNames.has(w))) continue;
      let j = i + 1;
      if (j < toks.length && toks[j].lower === ".") j++;
      // A middle initial ("John F. Kennedy").
      if (j + 1 < toks.length && /^\p{Lu}\.?$/u.test(toks[j].text) && toks[j].sent === t.sent) j++;
      if (j < toks.length && toks[j].lower === ".") j++;
      const n = toks[j];
      if (!n || n.sent !== t.sent || !/^\p{Lu}\p{L}/u.test(n.text)) continue;
      if (!caseless && isAllCapsWord(n.text)) continue;
      out.add(n.lower);
    }
    return out;
  }

  /** Right after a capitalised first name or title ("Manuel Valls", "Queen Victoria"). */
  private afterName(toks: readonly Token[], ts: number): boolean {
    let p = this.prevToken(toks, ts);
    if (p?.lower === "." && ts >= 2) p = toks[ts - 2].sent === toks[ts].sent ? toks[ts - 2] : undefined;
    if (!p || !/^\p{Lu}/u.test(p.text)) return false;
    const w = p.lower.endsWith(".") ? p.lower.slice(0, -1) : p.lower;
    return this.honorifics.has(w) || (this.personNames.has(w) && !isAllCapsWord(p.text));
  }

  /**
   * Capitalised words after a demonym that end in an organisation's head ("American Heart
   * Association", "American Recovery and Reinvestment Act", "American Airlines").
   */
  private inOrgName(toks: readonly Token[], te: number): boolean {
    const sent = toks[te - 1].sent;
    for (let k = te, n = 0; k < toks.length && n < 6; k++, n++) {
      const t = toks[k];
      if (t.sent !== sent) return false;
      if (ORG_CONNECTORS.has(t.lower) && k > te) continue;
      if (!/^\p{Lu}/u.test(t.text)) return false;
      if (ORG_HEADS.has(t.lower)) return true;
    }
    return false;
  }

  /** "Georgia" in a US document with no sign of the Caucasus is the US state. */
  private applyAltReadings(hits: Hit[], toks: readonly Token[], counts: Map<string, number>): void {
    if (this.altReadings.size === 0) return;
    for (const [key, alt] of this.altReadings) {
      const own = hits.filter(
        (h) => !h.dropped && h.target.type === "country" && this.spanKey(toks, h.ts, h.te) === key,
      );
      if (own.length === 0) continue;
      const code = this.places.countries[own[0].target.index].code;
      // "Georgia authorities" (a government phrase over the same name) goes with them.
      const n = key.split(" ").length;
      const govs = hits.filter(
        (h) =>
          !h.dropped &&
          h.target.type === "gov" &&
          h.target.index === own[0].target.index &&
          h.te - h.ts > n &&
          this.spanKey(toks, h.ts, h.ts + n) === key,
      );
      const others = (counts.get(code) ?? 0) - own.length - govs.length;
      if (others > 0) continue;
      if (!alt.when.some((c) => (counts.get(c) ?? 0) > 0)) continue;
      if (alt.unless.some((c) => c !== code && (counts.get(c) ?? 0) > 0)) continue;
      for (const h of own) h.target = { type: "admin", index: alt.admin };
      for (const h of govs) {
        h.te = h.ts + n;
        h.target = { type: "admin", index: alt.admin };
      }
      counts.set(code, 0);
      for (const c of this.places.admin[alt.admin].countries)
        counts.set(c, (counts.get(c) ?? 0) + own.length);
    }
  }

  /** A capitalised word (not a function word) right before or after, or a speech verb after. */
  private personNeighbour(toks: readonly Token[], ts: number, te: number): boolean {
    const next = this.nextToken(toks, te);
    if (next && this.speechVerbs.has(next.lower)) return true;
    return this.capitalisedNeighbour(toks, ts, te);
  }

  private capitalisedNeighbour(toks: readonly Token[], ts: number, te: number): boolean {
    const prev = this.prevToken(toks, ts);
    const next = this.nextToken(toks, te);
    const capWord = (t: Token | undefined) =>
      !!t && /^\p{Lu}\p{L}/u.test(t.text) && !this.functionWords.has(t.lower) && !this.locatives.has(t.lower);
    if (capWord(next)) return true;
    if (prev && capWord(prev)) {
      // Sentence-initial capitals are not evidence of a name unless the word is one.
      const first = ts - 1 === 0 || toks[ts - 2].sent !== prev.sent;
      if (!first || this.personNames.has(prev.lower) || this.honorifics.has(prev.lower)) return true;
    }
    return false;
  }

  /** country mentioned in the document > capital > population, unless one city dwarfs the rest. */
  private bestCity(
    cands: number[],
    docCountries: Set<string>,
    preferLocal = false,
    docStates?: Map<string, number>,
  ): number {
    const better = (a: number, b: number, maxPop: number) => {
      const ra = this.rows[a];
      const rb = this.rows[b];
      const ca = (ra[6] & FLAG_CAPITAL) !== 0 && ra[5] * 10 >= maxPop;
      const cb = (rb[6] & FLAG_CAPITAL) !== 0 && rb[5] * 10 >= maxPop;
      if (ca !== cb) return ca;
      if (ra[5] !== rb[5]) return ra[5] > rb[5];
      return ra[0] < rb[0];
    };
    const pick = (list: number[]) => {
      let maxPop = 0;
      for (const r of list) maxPop = Math.max(maxPop, this.rows[r][5]);
      let b = list[0];
      for (const r of list) if (r !== b && better(r, b, maxPop)) b = r;
      return b;
    };
    const overall = pick(cands);
    if (cands.length === 1) return overall;
    if (docStates?.size) {
      // A US state the document names: its town wins ("Paris" in a Tennessee story), unless the
      // best reading is abroad in a country the document also names ("Paris" with "France").
      let most = 0;
      for (const r of cands)
        if (this.rows[r][2] === "US") most = Math.max(most, docStates.get(this.rows[r][7]) ?? 0);
      const o = this.rows[overall];
      if (most > 0 && !(o[2] === "US" && (docStates.get(o[7]) ?? 0) === most)) {
        const abroad = o[2] !== "US" && docCountries.has(o[2]);
        if (!abroad)
          return pick(
            cands.filter((r) => this.rows[r][2] === "US" && (docStates.get(this.rows[r][7]) ?? 0) === most),
          );
      }
    }
    if (docCountries.size === 0) return overall;
    const inDoc = cands.filter((r) => docCountries.has(this.rows[r][2]));
    if (inDoc.length === 0 || inDoc.includes(overall)) return overall;
    const local = pick(inDoc);
    const o = this.rows[overall];
    // A city of 100,000 in a country the document names beats a capital or metropolis in one it
    // does not ("London" in a story that names Canada and not the UK).
    const lr = this.rows[local];
    const dominant =
      !preferLocal &&
      ((o[6] & FLAG_CAPITAL) !== 0 || o[5] >= 1_000_000) &&
      o[5] >= 10 * lr[5] &&
      (docCountries.has(o[2]) || lr[5] < 100_000);
    return dominant ? overall : local;
  }

  // -------------------------------------------------------------------------------------------
  // Records

  private hitRecord(h: Hit): EntityRecord | undefined {
    const t = h.target;
    switch (t.type) {
      case "country":
        return this.record(`country:${this.places.countries[t.index].code}`);
      case "demonym":
        return t.index >= 0
          ? this.record(`country:${this.places.countries[t.index].code}`)
          : this.record(`region:${this.places.regions[-1 - t.index].slug}`);
      case "gov":
        return this.record(`gov:${this.places.countries[t.index].code}`);
      case "region":
        return this.record(`region:${this.places.regions[t.index].slug}`);
      case "admin":
        return this.record(`admin:${this.places.admin[t.index].id}`);
      case "city":
        return h.city === undefined ? undefined : this.record(`geonames:${this.rows[h.city][0]}`);
      case "county":
        return h.county ? this.countyRecord(h.county) : undefined;
      default:
        return undefined;
    }
  }

  private countryRecord(i: number): EntityRecord {
    const c = this.places.countries[i];
    const geo: Geo = { lat: c.lat, lon: c.lon, country: c.code, precision: "country" };
    return {
      id: `country:${c.code}`,
      kind: "state",
      name: c.name,
      aliases: [...c.aliases, ...c.acronyms],
      countries: [c.code],
      geo,
      externalIds: { iso3166: c.code },
    };
  }

  private govRecord(i: number): EntityRecord {
    const c = this.places.countries[i];
    const aliases = c.demonyms.length ? [`${c.demonyms[0]} government`] : [];
    return {
      id: `gov:${c.code}`,
      kind: "government",
      name: `Government of ${c.the ? "the " : ""}${c.name}`,
      aliases,
      parent: `country:${c.code}`,
      parentRelation: "government",
      countries: [c.code],
    };
  }

  private regionRecord(i: number): EntityRecord {
    const r = this.places.regions[i];
    return {
      id: `region:${r.slug}`,
      kind: "place",
      name: r.name,
      aliases: [...r.aliases],
      countries: [...r.countries],
      geo: { lat: r.lat, lon: r.lon, precision: "region" },
    };
  }

  private adminRecord(i: number): EntityRecord {
    const a = this.places.admin[i];
    const geo: Geo = { lat: a.lat, lon: a.lon, precision: "admin" };
    if (a.countries.length === 1) geo.country = a.countries[0];
    return {
      id: `admin:${a.id}`,
      kind: "place",
      name: a.name,
      aliases: [...a.aliases, ...a.acronyms],
      countries: [...a.countries],
      geo,
    };
  }

  /** A county's record: id `county:us-<state>-<slug>`; the point is approximate (the document's local town). */
  private countyRecord(c: { name: string; state?: number; lat: number; lon: number }): EntityRecord {
    const st = c.state !== undefined ? this.places.admin[c.state] : undefined;
    const slug = foldKey(c.name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const code = st?.admin1?.toLowerCase();
    return {
      id: `county:us-${code ? `${code}-` : ""}${slug}`,
      kind: "place",
      name: st ? `${c.name}, ${st.name}` : c.name,
      aliases: [c.name],
      countries: ["US"],
      geo: { lat: c.lat, lon: c.lon, country: "US", precision: "admin" },
      ...(st ? { parent: `admin:${st.id}`, parentRelation: "in" } : {}),
    };
  }

  private cityRecord(i: number): EntityRecord {
    const r = this.rows[i];
    return {
      id: `geonames:${r[0]}`,
      kind: "place",
      name: r[1],
      aliases: [...(r[8] ?? []), ...(r[9] ?? [])],
      countries: [r[2]],
      geo: { lat: r[3], lon: r[4], country: r[2], precision: "city", geonamesId: r[0] },
      externalIds: { geonames: String(r[0]) },
    };
  }
}

/** Which target wins when several payloads of one phrase pass (a government phrase first). */
function rank(t: TargetType): number {
  switch (t) {
    case "block":
      return 0;
    case "gov":
      return 1;
    case "country":
      return 2;
    case "demonym":
      return 3;
    case "region":
      return 4;
    case "admin":
      return 5;
    default:
      return 6;
  }
}

/** Registry factory: `createPlaceGazetteer({ tokenizer?, data?, yieldTo? })`. */
export function createPlaceGazetteer(options: Record<string, unknown> = {}): PlaceGazetteer {
  return new PlaceGazetteer({
    ...(options.tokenizer ? { tokenizer: options.tokenizer as Pick<Tokenizer, "tokenize"> } : {}),
    ...(options.data ? { data: options.data as PlaceResources } : {}),
    ...(Array.isArray(options.yieldTo) ? { yieldTo: options.yieldTo as EntityKind[] } : {}),
  });
}
