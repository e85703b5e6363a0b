/**
 * Builds the actor gazetteer, src/pipeline/resources/actors.json, from
 *   - the hand curation in scripts/curation/actors.curated.json (wins over everything else),
 *   - the UN Security Council Consolidated List (un_sc_entity_names.tsv, derived from the XML),
 *   - the UCDP Actor Dataset v22.1 (ucdp-actor-221.csv; formally organised non-state actors only).
 *
 * Rebuild the committed artefact with:
 *
 *   node --import tsx scripts/build-actors.ts --data /work/shared/data/actors
 *
 * Options: --data DIR (default /work/shared/data/actors), --out FILE (default
 * src/pipeline/resources/actors.json), --verbose (lists dropped and merged names).
 * When the data folder or its files are missing the script says so and exits with status 1
 * without touching the committed file. Output is deterministic: same inputs, same bytes.
 * See docs/gazetteer.md for the policy this implements.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ActorKind, ActorRecord } from "../src/pipeline/components/actor-gazetteer.js";
import { foldKey } from "../src/pipeline/normalize.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CURATION = join(ROOT, "scripts/curation/actors.curated.json");
const UN_FILE = "un_sc_entity_names.tsv";
const UCDP_FILE = "ucdp-actor-221.csv";

// ---------------------------------------------------------------------------------------------
// Curation schema

const NameHistorySchema = z.object({
  name: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
});
const CuratedActorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    kind: z.enum(["armed_group", "agency", "organisation"]).default("armed_group"),
    name: z.string().min(1),
    category: z.string().optional(),
    aliases: z.array(z.string().min(1)),
    ambiguous: z.array(z.string()).optional(),
    caseSensitive: z.array(z.string()).optional(),
    context: z.array(z.string()).optional(),
    parent: z.string().optional(),
    parentRelation: z.enum(["province", "affiliate", "faction", "wing"]).optional(),
    /** The group this one grew out of (AQI → Islamic State): history, not a parent. */
    predecessor: z.string().optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
    founded: z.string().optional(),
    un: z.array(z.string()).optional(),
    ucdp: z.array(z.string()).optional(),
    importAliases: z.boolean().default(true),
    blockAliases: z.array(z.string()).optional(),
    names: z.array(NameHistorySchema).optional(),
    note: z.string().optional(),
    deFactoGovernment: z.object({ country: z.string(), since: z.string() }).optional(),
  })
  .strict();

const CurationSchema = z.object({
  $comment: z.string().optional(),
  policy: z.object({
    unLists: z.array(z.string()),
    unNonArmed: z.array(z.string()),
    ucdpOrg: z.array(z.string()),
    skipUcdp: z.array(z.string()),
    minAliasLength: z.number().int(),
    minImportedAcronymLength: z.number().int(),
    stopWords: z.array(z.string()),
    genericWords: z.array(z.string()),
    blockedAliases: z.array(z.string()),
    blockedPatterns: z.array(z.string()),
  }),
  actors: z.array(CuratedActorSchema),
});
type Policy = z.infer<typeof CurationSchema>["policy"];

// ---------------------------------------------------------------------------------------------
// Small helpers

function parseArgs(argv: string[]): { data: string; out: string; verbose: boolean } {
  let data = "/work/shared/data/actors";
  let out = join(ROOT, "src/pipeline/resources/actors.json");
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--data") data = argv[++i] ?? data;
    else if (a === "--out") out = argv[++i] ?? out;
    else if (a === "--verbose") verbose = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: node --import tsx scripts/build-actors.ts [--data DIR] [--out FILE] [--verbose]");
      process.exit(0);
    } else {
      console.error(`build-actors: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return { data: resolve(data), out: resolve(out), verbose };
}

/** Key under which two names count as the same name (case, diacritics, hyphens and dots folded). */
export function aliasKey(s: string): string {
  return foldKey(s)
    .replace(/[\s\-–—./]+/g, " ")
    .replace(/^the /, "")
    .trim();
}

/** Key of a case-exact name: folded key plus the spelling ("jem|JeM"). */
function exactKey(s: string): string {
  return `${aliasKey(s)}|${s.replace(/[’‘]/g, "'")}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function cleanSpaces(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/^["'“”‘’\s]+|["“”\s,;]+$/g, "")
    .trim();
}

/** Latin script only: news text is English, original-script names are not useful keys. */
function isLatin(s: string): boolean {
  return !/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(s);
}

function isAcronym(s: string): boolean {
  if (/\s/.test(s)) return false;
  const letters = s.replace(/[^A-Za-z]/g, "");
  if (letters.length < 2) return /\d/.test(s) && s.length <= 5;
  if (s.length <= 8 && /^[A-Z0-9][A-Z0-9\-/&.]*$/.test(s)) return true;
  return s.length <= 6 && /^[A-Z][a-z]?[A-Z]/.test(s);
}

const SMALL_WORDS = new Set([
  "of",
  "and",
  "the",
  "in",
  "for",
  "on",
  "at",
  "by",
  "to",
  "a",
  "an",
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "et",
  "wa",
  "wal",
  "fi",
]);

/** Title case for the all-caps names of the UN list ("AL-HARAMAIN FOUNDATION" → "Al-Haramain Foundation"). */
function titleCase(s: string): string {
  if (/[a-z]/.test(s)) return s;
  let first = true;
  return s.replace(/[A-Za-zÀ-ÿ'’]+/g, (w, offset: number) => {
    const lower = w.toLowerCase();
    const prev = s.charAt(offset - 1);
    const out =
      !first && SMALL_WORDS.has(lower) && prev !== "-"
        ? lower
        : lower.charAt(0).toUpperCase() + lower.slice(1);
    first = false;
    return out;
  });
}

function slugify(s: string): string {
  return foldKey(s)
    .replace(/['’]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

/** Minimal RFC 4180 reader (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

// ---------------------------------------------------------------------------------------------
// Country names (to keep place names out of the actor list, and to map UCDP locations)

const REGION_CODES: string[] = [];
for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) REGION_CODES.push(String.fromCharCode(a, b));
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
const COUNTRY_BY_NAME = new Map<string, string>();
for (const code of REGION_CODES) {
  let name: string | undefined;
  try {
    name = regionNames.of(code);
  } catch {
    name = undefined;
  }
  if (!name || /^[A-Z]{2}$/.test(name)) continue;
  if (["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"].includes(code)) continue;
  COUNTRY_BY_NAME.set(aliasKey(name), code);
}
/** UCDP location spellings that Intl does not know (historical or informal names). */
const UCDP_LOCATIONS: Record<string, string> = {
  "ivory coast": "CI",
  "dr congo": "CD",
  congo: "CG",
  "bosnia herzegovina": "BA",
  "united states of america": "US",
  "north macedonia": "MK",
  "south yemen": "YE",
  "south vietnam": "VN",
  cambodia: "KH",
  russia: "RU",
  serbia: "RS",
  yemen: "YE",
  vietnam: "VN",
  myanmar: "MM",
  zimbabwe: "ZW",
  madagascar: "MG",
  hyderabad: "IN",
  "east timor": "TL",
  "timor leste": "TL",
  "kingdom of eswatini": "SZ",
  swaziland: "SZ",
  czechoslovakia: "CZ",
  "west germany": "DE",
  "east germany": "DE",
  turkey: "TR",
  "burkina faso": "BF",
  "the gambia": "GM",
  gambia: "GM",
  palestine: "PS",
  "cape verde": "CV",
};
for (const [k, v] of Object.entries(UCDP_LOCATIONS)) COUNTRY_BY_NAME.set(k, v);

function countryOf(location: string): string | undefined {
  const base = aliasKey(location.replace(/\(.*?\)/g, ""));
  return COUNTRY_BY_NAME.get(base);
}

// ---------------------------------------------------------------------------------------------
// Name filters

interface Filters {
  minLength: number;
  minAcronymLength: number;
  generic: Set<string>;
  stop: Set<string>;
  blocked: Set<string>;
  patterns: RegExp[];
}

function makeFilters(p: Policy): Filters {
  return {
    minLength: p.minAliasLength,
    minAcronymLength: p.minImportedAcronymLength,
    generic: new Set(p.genericWords.map((w) => foldKey(w))),
    stop: new Set(p.stopWords.map((w) => foldKey(w))),
    blocked: new Set(p.blockedAliases.map(aliasKey)),
    patterns: p.blockedPatterns.map((s) => new RegExp(s, "i")),
  };
}

/** Why an imported name is refused, or undefined when it is usable as an alias. */
function rejectReason(name: string, f: Filters): string | undefined {
  if (name.replace(/\s/g, "").length < f.minLength) return "too short";
  if (!isLatin(name)) return "not Latin script";
  // Imported three-letter acronyms collide with everything (OAS, NRA, MIA, CPI, USC ...).
  if (isAcronym(name) && !/\d/.test(name) && name.replace(/[^A-Za-z]/g, "").length < f.minAcronymLength) {
    return "short acronym";
  }
  const key = aliasKey(name);
  if (f.blocked.has(key)) return "blocked";
  if (f.patterns.some((re) => re.test(foldKey(name)))) return "blocked pattern";
  if (COUNTRY_BY_NAME.has(key)) return "country name";
  const words = foldKey(name)
    .split(/[\s\-–—/]+/)
    .map((w) => w.replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, ""))
    .filter(Boolean);
  // "Army of God", "Islamic Group", "Supporters of Islam": short phrases of generic words are
  // descriptions or literal translations, not names. Longer all-generic names ("Revolutionary
  // United Front") are kept; when several groups share one, the collision rule drops it.
  const content = words.filter((w) => !f.stop.has(w));
  if (content.length <= 2 && isAllGeneric(name, f)) return "generic words";
  return undefined;
}

/** True when every word of a name is a generic or stop word ("People's Liberation Army"). */
function isAllGeneric(name: string, f: Filters): boolean {
  return foldKey(name)
    .split(/[\s\-–—/]+/)
    .map((w) => w.replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, ""))
    .filter(Boolean)
    .every((w) => f.generic.has(w) || f.stop.has(w));
}

/** Splits one UN name string into its usable parts: "NAME (ACR)", "A / B", "X ; Y", nested lists. */
function splitUnName(raw: string): { display: string; parts: string[] } {
  const s = cleanSpaces(raw.replace(/^"+|"+$/g, ""));
  const parts: string[] = [];
  // Top-level parenthetical groups: acronyms or ';'-separated alias lists; qualifiers are dropped.
  let outside = "";
  let depth = 0;
  let group = "";
  for (const c of s) {
    if (c === "(") {
      if (depth > 0) group += c;
      depth++;
    } else if (c === ")" && depth > 0) {
      depth--;
      if (depth === 0) {
        for (const piece of group.split(/[;]/)) {
          const inner = cleanSpaces(
            piece
              .replace(/\(original script\)/gi, "")
              .replace(/\s+-\s+sub-unit name/i, "")
              .replace(/[()]/g, " "),
          );
          for (const sub of inner.split(/,\s*/)) {
            const t = cleanSpaces(sub);
            if (t && (isAcronym(t) || group.includes(";"))) {
              parts.push(t);
            }
          }
        }
        group = "";
      } else group += c;
    } else if (depth > 0) group += c;
    else outside += c;
  }
  for (const piece of outside.split(/\s+\/\s+|\s*;\s*/)) {
    const t = cleanSpaces(piece.replace(/\s+-\s*$/, ""));
    if (t) parts.push(t);
  }
  return { display: s, parts };
}

// ---------------------------------------------------------------------------------------------
// Build

interface Draft {
  record: ActorRecord;
  /** How the display name is matched: like a flagged alias, or "label" (not matched at all). */
  nameFlag?: "ambiguous" | "caseSensitive" | "context" | "label";
  /** Alias strings in insertion order with their case flag. */
  aliases: Map<string, "ambiguous" | "caseSensitive" | "context" | undefined>;
  curated: boolean;
}

interface Log {
  dropped: string[];
  merged: string[];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const unPath = join(args.data, UN_FILE);
  const ucdpPath = join(args.data, UCDP_FILE);
  const missing = [args.data, unPath, ucdpPath].filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(
      `build-actors: data not found (${missing.join(", ")}).\n` +
        `The committed ${args.out} was left untouched. Pass --data DIR pointing at a folder with ${UN_FILE} and ${UCDP_FILE}.`,
    );
    process.exit(1);
  }

  const curation = CurationSchema.parse(JSON.parse(readFileSync(CURATION, "utf8")));
  const policy = curation.policy;
  const filters = makeFilters(policy);
  const log: Log = { dropped: [], merged: [] };

  // ---- 1. curated entries; every curated name is reserved for its entry
  const drafts = new Map<string, Draft>();
  const owner = new Map<string, string>(); // alias key → entity id (curated and imported)
  const curatedKeys = new Map<string, string>();
  const curatedExactFold = new Map<string, string>(); // folded key of case-exact curated names
  const problems: string[] = [];
  for (const c of curation.actors) {
    if (drafts.has(c.id)) problems.push(`duplicate id ${c.id}`);
    const flags = new Map<string, "ambiguous" | "caseSensitive" | "context">();
    for (const a of c.ambiguous ?? []) flags.set(a, "ambiguous");
    for (const a of c.caseSensitive ?? []) flags.set(a, "caseSensitive");
    for (const a of c.context ?? []) flags.set(a, "context");
    const record: ActorRecord = {
      id: c.id,
      kind: c.kind as ActorKind,
      name: c.name,
      aliases: [],
      sources: ["curated"],
      ...(c.category ? { category: c.category } : {}),
      ...(c.parent ? { parent: c.parent, parentRelation: c.parentRelation } : {}),
      ...(c.predecessor ? { predecessor: c.predecessor } : {}),
      ...(c.countries?.length ? { countries: [...c.countries] } : {}),
      ...(c.founded ? { founded: c.founded } : {}),
      ...(c.names ? { names: c.names } : {}),
      ...(c.note ? { note: c.note } : {}),
      ...(c.deFactoGovernment ? { deFactoGovernment: c.deFactoGovernment } : {}),
    };
    const ext: Record<string, string> = {};
    if (c.un?.length) ext.un = c.un.join(",");
    if (c.ucdp?.length) ext.ucdp = c.ucdp.join(",");
    if (Object.keys(ext).length) record.externalIds = ext;
    const aliases = new Map<string, "ambiguous" | "caseSensitive" | "context" | undefined>();
    for (const a of [c.name, ...c.aliases]) {
      // A case-exact curated alias ("JeM") reserves its spelling only; others the folded key.
      const exact = flags.has(a);
      const k = exact ? exactKey(a) : aliasKey(a);
      const prev = exact
        ? (curatedKeys.get(k) ?? curatedKeys.get(aliasKey(a)))
        : (curatedKeys.get(k) ?? curatedExactFold.get(k));
      if (prev && prev !== c.id) problems.push(`curated name "${a}" of ${c.id} is also a name of ${prev}`);
      curatedKeys.set(k, c.id);
      if (exact) curatedExactFold.set(aliasKey(a), c.id);
      if (!exact) owner.set(k, c.id);
      if (a !== c.name) aliases.set(a, flags.get(a));
    }
    drafts.set(c.id, { record, aliases, curated: true, nameFlag: flags.get(c.name) });
  }
  for (const d of drafts.values()) {
    const p = d.record.parent;
    if (p && !drafts.has(p)) problems.push(`${d.record.id}: unknown parent ${p}`);
    if (p && !d.record.parentRelation) problems.push(`${d.record.id}: parent without parentRelation`);
  }
  if (problems.length) {
    console.error(`build-actors: curation errors:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  /** Curated entry that reserves an imported name (imported acronyms are case-exact). */
  const reservedBy = (name: string): string | undefined =>
    curatedKeys.get(aliasKey(name)) ??
    (isAcronym(name) ? curatedKeys.get(exactKey(name)) : curatedExactFold.get(aliasKey(name)));
  const byUn = new Map<string, string>();
  const byUcdp = new Map<string, string>();
  const blockedFor = new Map<string, Set<string>>();
  const noImport = new Set<string>();
  for (const c of curation.actors) {
    for (const r of c.un ?? []) byUn.set(r, c.id);
    for (const r of c.ucdp ?? []) byUcdp.set(r, c.id);
    blockedFor.set(c.id, new Set((c.blockAliases ?? []).map(aliasKey)));
    if (!c.importAliases) noImport.add(c.id);
  }

  /** Imported alias candidates per entity, resolved after every source is read. */
  const imported = new Map<string, Set<string>>();
  const addImported = (id: string, name: string, source: string) => {
    if (noImport.has(id)) return;
    const reason = rejectReason(name, filters);
    if (reason) {
      log.dropped.push(`${source} ${id}: "${name}" (${reason})`);
      return;
    }
    if (blockedFor.get(id)?.has(aliasKey(name))) {
      log.dropped.push(`${source} ${id}: "${name}" (blocked for this entry)`);
      return;
    }
    let set = imported.get(id);
    if (!set) {
      set = new Set();
      imported.set(id, set);
    }
    set.add(name);
  };

  const takenIds = new Set(drafts.keys());
  const newId = (name: string, fallback: string): string => {
    let id = slugify(name) || fallback;
    if (takenIds.has(id)) id = `${id}-${fallback}`;
    takenIds.add(id);
    return id;
  };

  /**
   * Creates an imported entity, or merges it into an earlier imported entity with the same
   * folded display name (UN and UCDP often list the same group). A display name that belongs
   * to a curated entry is a different group of the same name (curated entries claim their UN
   * and UCDP records by id), so it is not merged: the entity takes its next usable name.
   */
  const importEntity = (
    source: "un" | "ucdp",
    ref: string,
    kind: ActorKind,
    displayCandidates: string[],
    names: string[],
    countries: string[],
  ): void => {
    const strip = (n: string) => n.replace(/\s*\(.*?\)\s*/g, " ").trim();
    const usable = displayCandidates.filter((n) => !rejectReason(strip(n), filters) && !reservedBy(strip(n)));
    const first = usable[0];
    const target = first ? owner.get(aliasKey(first)) : undefined;
    // All-generic names ("National Liberation Front") are shared by unrelated groups: never merged.
    if (first && target && !drafts.get(target)!.curated && !isAllGeneric(strip(first), filters)) {
      const d = drafts.get(target)!;
      log.merged.push(`${source} ${ref} "${first}" → ${target}`);
      addSource(d.record, source, ref);
      for (const cc of countries)
        if (!d.record.countries?.includes(cc))
          d.record.countries = [...(d.record.countries ?? []), cc].sort(cmp);
      for (const n of names) addImported(target, n, source);
      return;
    }
    if (!first) {
      log.dropped.push(`${source} ${ref}: entity "${displayCandidates[0] ?? names[0]}" has no usable name`);
      return;
    }
    const id = newId(strip(first), `${source}-${ref.toLowerCase().replace(/\./g, "")}`);
    const record: ActorRecord = {
      id,
      kind,
      name: first,
      aliases: [],
      sources: [source],
      externalIds: { [source]: ref },
      ...(countries.length ? { countries } : {}),
    };
    drafts.set(id, { record, aliases: new Map(), curated: false });
    owner.set(aliasKey(first), id);
    for (const n of names) addImported(id, n, source);
  };

  // ---- 2. UN Security Council list
  const unRows = readFileSync(unPath, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean);
  const header = unRows.shift()!.split("\t");
  const col = (n: string) => header.indexOf(n);
  const unById = new Map<string, { list: string; primary?: string; names: string[] }>();
  for (const line of unRows) {
    const f = line.split("\t");
    const ref = f[col("reference_number")];
    const list = f[col("un_list_type")];
    if (!policy.unLists.includes(list)) continue;
    let e = unById.get(ref);
    if (!e) {
      e = { list, names: [] };
      unById.set(ref, e);
    }
    const kind = f[col("name_kind")];
    const name = f[col("name")];
    if (kind === "primary") e.primary = name;
    if (kind === "primary" || kind === "alias") e.names.push(name);
  }
  let unCount = 0;
  for (const ref of [...unById.keys()].sort(cmp)) {
    const e = unById.get(ref)!;
    unCount++;
    const names: string[] = [];
    const displays: string[] = [];
    for (const raw of e.names) {
      const { display, parts } = splitUnName(raw);
      if (raw === e.primary) displays.push(titleCase(display), ...parts.map(titleCaseUnlessAcronym));
      for (const p of parts) names.push(titleCaseUnlessAcronym(p));
    }
    const curatedId = byUn.get(ref);
    if (curatedId) {
      addSource(drafts.get(curatedId)!.record, "un", ref);
      for (const n of names) addImported(curatedId, n, "un");
      continue;
    }
    const kind: ActorKind = policy.unNonArmed.includes(ref) ? "organisation" : "armed_group";
    importEntity("un", ref, kind, displays, names, []);
  }

  // ---- 3. UCDP actors (formally organised non-state groups)
  const csv = parseCsv(readFileSync(ucdpPath, "utf8").replace(/^\uFEFF/, ""));
  const h = csv.shift()!;
  const c = (row: string[], n: string) => (row[h.indexOf(n)] ?? "").trim();
  const ucdpRows = csv
    .filter((r) => policy.ucdpOrg.includes(c(r, "Org")) && !policy.skipUcdp.includes(c(r, "ActorId")))
    .sort((a, b) => Number(c(a, "ActorId")) - Number(c(b, "ActorId")));
  const last = (s: string) => {
    const parts = s.split(",").map(cleanSpaces).filter(Boolean);
    return parts[parts.length - 1] ?? "";
  };
  for (const r of ucdpRows) {
    const ref = c(r, "ActorId");
    const list = (s: string) =>
      s
        .split(",")
        .map(cleanSpaces)
        .filter((x) => x && x.toLowerCase() !== "n/a");
    const single = (s: string) => {
      const t = cleanSpaces(s);
      return t && t.toLowerCase() !== "n/a" ? [t] : [];
    };
    const raw = [
      ...single(c(r, "NameData")),
      ...single(c(r, "NameOrig")),
      ...single(c(r, "NameOrigFull")),
      ...single(c(r, "NameOrigFullEng")),
      ...list(c(r, "NewName")),
      ...list(c(r, "NewNameFullMotherTongue")),
      ...list(c(r, "NewNameFullEng")),
    ];
    // Parenthetical qualifiers ("Mara 18 (Guatemala)") are display only, not part of a name.
    const names = [
      ...new Set(raw.map((n) => cleanSpaces(n.replace(/\s*\([^)]*\)\s*/g, " "))).filter(Boolean)),
    ];
    const current = c(r, "NewName") ? last(c(r, "NewName")) : c(r, "NameData");
    const currentFull = c(r, "NewName") ? last(c(r, "NewNameFullEng")) : c(r, "NameOrigFullEng");
    const display = cleanSpaces(
      isAcronym(current.replace(/\s*\(.*?\)/g, "")) && currentFull && currentFull.toLowerCase() !== "n/a"
        ? currentFull
        : current,
    );
    const curatedId = byUcdp.get(ref);
    if (curatedId) {
      addSource(drafts.get(curatedId)!.record, "ucdp", ref);
      for (const n of names) addImported(curatedId, n, "ucdp");
      continue;
    }
    const countries = [
      ...new Set(
        c(r, "Location")
          .split(",")
          .map((l) => countryOf(l.trim()))
          .filter((x): x is string => !!x),
      ),
    ].sort(cmp);
    importEntity(
      "ucdp",
      ref,
      "armed_group",
      [display, ...names.filter((n) => !isAcronym(n))],
      names,
      countries,
    );
  }

  // ---- 4. resolve imported aliases: reserved names, collisions between imported entities
  const importedOwners = new Map<string, Set<string>>();
  for (const [id, names] of imported) {
    for (const n of names) {
      const k = aliasKey(n);
      const cur = reservedBy(n);
      if (cur && cur !== id) continue;
      let s = importedOwners.get(k);
      if (!s) {
        s = new Set();
        importedOwners.set(k, s);
      }
      s.add(id);
    }
  }
  for (const d of drafts.values()) {
    if (!d.curated) {
      const k = aliasKey(d.record.name);
      let s = importedOwners.get(k);
      if (!s) {
        s = new Set();
        importedOwners.set(k, s);
      }
      s.add(d.record.id);
    }
  }
  for (const [id, names] of [...imported].sort((a, b) => cmp(a[0], b[0]))) {
    const d = drafts.get(id)!;
    const seen = new Set([...d.aliases.keys(), d.record.name].map(aliasKey));
    for (const n of names) {
      const k = aliasKey(n);
      if (seen.has(k)) continue;
      const cur = reservedBy(n);
      if (cur && cur !== id) {
        log.dropped.push(`${id}: "${n}" (reserved by curated ${cur})`);
        continue;
      }
      const owners = importedOwners.get(k);
      if (owners && owners.size > 1) {
        log.dropped.push(`${id}: "${n}" (shared by ${[...owners].sort(cmp).join(", ")})`);
        continue;
      }
      seen.add(k);
      d.aliases.set(n, isAcronym(n) ? "ambiguous" : undefined);
    }
  }
  // Imported entities whose display name collides with another imported entity keep it as a
  // label only when they still have a usable alias; otherwise they are dropped.
  for (const d of [...drafts.values()]) {
    if (d.curated) continue;
    const k = aliasKey(d.record.name);
    const cur = reservedBy(d.record.name);
    const shared = (importedOwners.get(k)?.size ?? 0) > 1 || (cur !== undefined && cur !== d.record.id);
    if (shared) {
      if (d.aliases.size === 0) {
        log.dropped.push(`${d.record.id}: entity dropped, its only name "${d.record.name}" is shared`);
        drafts.delete(d.record.id);
        continue;
      }
      d.nameFlag = "label";
    }
    if (isAcronym(d.record.name) && !d.nameFlag) d.nameFlag = "ambiguous";
  }

  // ---- 5. write
  const actors: ActorRecord[] = [];
  for (const d of drafts.values()) {
    const rec = d.record;
    const flagged: Record<"ambiguous" | "caseSensitive" | "context", string[]> = {
      ambiguous: [],
      caseSensitive: [],
      context: [],
    };
    const aliases: string[] = [];
    const nameKey = aliasKey(rec.name);
    const keys = new Set<string>();
    for (const [a, flag] of d.aliases) {
      const k = `${aliasKey(a)}|${flag ?? ""}|${flag ? a : ""}`;
      if (keys.has(k) || (aliasKey(a) === nameKey && !flag && !d.nameFlag)) continue;
      keys.add(k);
      aliases.push(a);
      if (flag) flagged[flag].push(a);
    }
    rec.aliases = aliases.sort(cmp);
    if (d.nameFlag && d.nameFlag !== "label") flagged[d.nameFlag].push(rec.name);
    if (d.nameFlag === "label") rec.labelOnly = true;
    for (const f of ["ambiguous", "caseSensitive", "context"] as const) {
      if (flagged[f].length) rec[f] = [...new Set(flagged[f])].sort(cmp);
    }
    rec.sources = [...new Set(rec.sources)].sort(cmp) as ActorRecord["sources"];
    if (rec.countries) rec.countries = [...new Set(rec.countries)];
    actors.push(orderKeys(rec));
  }
  actors.sort((a, b) => cmp(a.id, b.id));

  const counts = {
    actors: actors.length,
    armedGroups: actors.filter((a) => a.kind === "armed_group").length,
    curatedArmedGroups: actors.filter((a) => a.kind === "armed_group" && a.sources.includes("curated"))
      .length,
    agencies: actors.filter((a) => a.kind === "agency").length,
    organisations: actors.filter((a) => a.kind === "organisation").length,
    names: actors.reduce((n, a) => n + 1 + a.aliases.length, 0),
    aliases: actors.reduce((n, a) => n + a.aliases.length, 0),
    unEntitiesRead: unCount,
    ucdpActorsRead: ucdpRows.length,
  };
  const header2 = {
    schema: "sitrep.actors/1",
    build: "node --import tsx scripts/build-actors.ts --data /work/shared/data/actors",
    sources: [
      { id: "curated", file: "scripts/curation/actors.curated.json", sha256: sha256(CURATION) },
      {
        id: "un",
        title: "UN Security Council Consolidated List (2025-04-19)",
        file: UN_FILE,
        lists: policy.unLists,
        sha256: sha256(unPath),
      },
      {
        id: "ucdp",
        title: "UCDP Actor Dataset v22.1",
        citation: "Davies, Pettersson & Öberg (2022), Journal of Peace Research 59(4)",
        file: UCDP_FILE,
        org: policy.ucdpOrg,
        sha256: sha256(ucdpPath),
      },
    ],
    counts,
  };
  const body = `${JSON.stringify(header2).slice(0, -1)},"actors":[\n${actors.map((a) => JSON.stringify(a)).join(",\n")}\n]}\n`;
  writeFileSync(args.out, body);
  console.log(`build-actors: wrote ${args.out}`);
  console.log(`build-actors: ${JSON.stringify(counts)}`);
  console.log(
    `build-actors: ${log.dropped.length} names dropped, ${log.merged.length} entities merged by name`,
  );
  if (args.verbose) {
    for (const m of log.merged) console.log(`  merged  ${m}`);
    for (const d of log.dropped) console.log(`  dropped ${d}`);
  }
}

function titleCaseUnlessAcronym(s: string): string {
  return isAcronym(s) ? s : titleCase(s);
}

function addSource(rec: ActorRecord, source: "un" | "ucdp", ref: string): void {
  if (!rec.sources.includes(source)) rec.sources.push(source);
  const ext = rec.externalIds ?? {};
  const have = ext[source] ? ext[source].split(",") : [];
  if (!have.includes(ref)) have.push(ref);
  ext[source] = have.join(",");
  rec.externalIds = ext;
}

const KEY_ORDER = [
  "id",
  "kind",
  "name",
  "aliases",
  "ambiguous",
  "caseSensitive",
  "context",
  "labelOnly",
  "parent",
  "parentRelation",
  "predecessor",
  "category",
  "countries",
  "founded",
  "names",
  "deFactoGovernment",
  "externalIds",
  "sources",
  "note",
];

function orderKeys(rec: ActorRecord): ActorRecord {
  const out: Record<string, unknown> = {};
  const src = rec as unknown as Record<string, unknown>;
  for (const k of KEY_ORDER) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src).sort(cmp)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  if (out.externalIds) {
    const e = out.externalIds as Record<string, string>;
    out.externalIds = Object.fromEntries(
      Object.keys(e)
        .sort(cmp)
        .map((k) => [k, e[k]]),
    );
  }
  return out as unknown as ActorRecord;
}

main();
