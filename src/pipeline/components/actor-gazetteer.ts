import { readFileSync } from "node:fs";
import type { AnalysisDoc, EntityRecord, Token } from "../doc.js";
import { foldKey } from "../normalize.js";
import { type CaseRule, isMostlyUpperCase, PhraseMatcher } from "../phrase-matcher.js";
import type { Component } from "../pipeline.js";
import { Tokenizer } from "./tokenizer.js";

export type ActorKind = "armed_group" | "agency" | "organisation";

/**
 * One record of src/pipeline/resources/actors.json (built by scripts/build-actors.ts; the
 * schema is documented in docs/gazetteer.md). `name` and `aliases` are matched in text unless
 * they hold a parenthesis (display/look-up forms such as "CV (Brazil)") or `labelOnly` is set
 * for the name. Aliases listed in `ambiguous` match case-exactly and never in all-caps
 * documents; `caseSensitive` ones match case-exactly (all-caps documents allowed); `context`
 * ones are ambiguous and also need group context next to them ("IS fighters", "by IS").
 */
export interface ActorRecord {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  ambiguous?: string[];
  caseSensitive?: string[];
  context?: string[];
  /** The display name is not matched (it is shared with another entity). */
  labelOnly?: boolean;
  parent?: string;
  /** How this entity relates to `parent`: province | affiliate | faction | wing. */
  parentRelation?: string;
  /** The group this one grew out of (al-Qaida in Iraq for the Islamic State); history, not a parent. */
  predecessor?: string;
  /** jihadist, islamist, shia-militia, nationalist-separatist, left-wing, right-wing, ... */
  category?: string;
  /** ISO 3166-1 alpha-2 codes of the countries where it is (or was) active. */
  countries?: string[];
  founded?: string;
  /** Earlier and current names with years, for groups that renamed themselves. */
  names?: { name: string; from?: string; to?: string }[];
  deFactoGovernment?: { country: string; since: string };
  /** un: UN Security Council reference numbers; ucdp: UCDP actor ids (comma-separated). */
  externalIds?: Record<string, string>;
  sources: ("curated" | "un" | "ucdp")[];
  note?: string;
}

export interface ActorGazetteerOptions {
  /** Records to use instead of the committed resource (tests, custom gazetteers). */
  records?: ActorRecord[];
  /** Tokenizer used to compile the names; pass the pipeline's own to avoid loading wink twice. */
  tokenizer?: Pick<Tokenizer, "tokenize">;
}

type AliasRule = "insensitive" | "caseSensitive" | "ambiguous" | "context";

interface Payload {
  /** Index into the record list (lower wins when two records share a phrase). */
  index: number;
  rule: AliasRule;
}

/** Words before an ambiguous context alias that make it a name ("the IS", "by IS", "anti-IS"). */
const CONTEXT_BEFORE = new Set([
  "the",
  "by",
  "of",
  "from",
  "against",
  "between",
  "anti",
  "pro",
  "join",
  "joined",
  "joining",
  "fight",
  "fighting",
  "fought",
  "defeat",
  "defeated",
  "blamed",
  "blaming",
  "targeting",
  "targeted",
  "combating",
  "countering",
  "battling",
  "attacking",
  "former",
  "rival",
  "ex",
  "vs",
  "versus",
  "(",
]);

/** Words after an ambiguous context alias that make it a name ("IS fighters", "IS claimed"). */
const CONTEXT_AFTER = new Set([
  "'s",
  "'",
  ")",
  "-",
  "fighters",
  "fighter",
  "militants",
  "militant",
  "jihadists",
  "jihadist",
  "members",
  "member",
  "group",
  "group's",
  "claimed",
  "claims",
  "claim",
  "said",
  "says",
  "stated",
  "statement",
  "announced",
  "affiliate",
  "affiliates",
  "affiliated",
  "branch",
  "branches",
  "province",
  "provinces",
  "leader",
  "leaders",
  "leadership",
  "commander",
  "commanders",
  "chief",
  "founder",
  "boss",
  "emir",
  "spokesman",
  "spokesperson",
  "official",
  "officials",
  "cell",
  "cells",
  "supporters",
  "sympathisers",
  "sympathizers",
  "loyalists",
  "followers",
  "propaganda",
  "media",
  "attack",
  "attacks",
  "attacked",
  "bombing",
  "bombings",
  "suicide",
  "gunmen",
  "gunman",
  "operatives",
  "operative",
  "recruits",
  "recruiter",
  "recruiters",
  "recruitment",
  "territory",
  "caliphate",
  "stronghold",
  "strongholds",
  "remnants",
  "insurgents",
  "insurgency",
  "network",
  "networks",
  "mercenaries",
  "contractors",
  "forces",
  "troops",
  "units",
  "unit",
  "hostages",
  "captives",
  "report",
  "reported",
  "reports",
  "researchers",
  "urged",
  "called",
  "documented",
]);

const DASHES = new Set(["-", "–", "—", "‒", "―"]);

/**
 * The matcher skips dashes inside names only when they touch a word ("ISIS-K", "ISIS–K"); names
 * are also written with a spaced dash ("Islamic State – Khorasan Province"), so free-standing
 * dashes are left out of the token view the phrases are matched on. Offsets are unchanged.
 */
function withoutSpacedDashes(tokens: readonly Token[]): readonly Token[] {
  let any = false;
  for (let i = 0; i < tokens.length; i++) {
    if (DASHES.has(tokens[i].text) && isSpaced(tokens, i)) {
      any = true;
      break;
    }
  }
  if (!any) return tokens;
  return tokens.filter((t, i) => !(DASHES.has(t.text) && isSpaced(tokens, i)));
}

function isSpaced(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return (i === 0 || tokens[i - 1].end < t.start) && (i + 1 >= tokens.length || tokens[i + 1].start > t.end);
}

/** Look-up key: folded case and diacritics, hyphens/dots/slashes as spaces, no leading "the". */
export function actorKey(name: string): string {
  return foldKey(name)
    .replace(/[\s\-–—./]+/g, " ")
    .replace(/^the /, "")
    .trim();
}

function toEntityRecord(r: ActorRecord): EntityRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    aliases: r.aliases,
    ...(r.parent ? { parent: r.parent } : {}),
    ...(r.parentRelation ? { parentRelation: r.parentRelation } : {}),
    ...(r.countries?.length ? { countries: r.countries } : {}),
    ...(r.externalIds ? { externalIds: r.externalIds } : {}),
  };
}

/** Loads the committed resource (src/pipeline/resources/actors.json). */
export function loadActorRecords(): ActorRecord[] {
  const raw = JSON.parse(readFileSync(new URL("../resources/actors.json", import.meta.url), "utf8")) as {
    actors: ActorRecord[];
  };
  return raw.actors;
}

/**
 * Finds armed groups, security agencies and international organisations by name (curated
 * aliases plus the UN sanctions list and UCDP actors), with case rules for ambiguous names.
 */
export class ActorGazetteer implements Component {
  readonly name = "actors.gazetteer.v1";
  readonly requires = ["tokens", "sentences"] as const;
  readonly assigns = ["mentions.actor"] as const;

  private readonly records: ActorRecord[];
  private readonly entities: EntityRecord[];
  private readonly byId = new Map<string, number>();
  private readonly byKey = new Map<string, number[]>();
  /** Every phrase, for mixed-case text. */
  private readonly mixed = new PhraseMatcher<Payload>();
  /** Phrases safe in all-caps text (no ambiguous or context aliases). */
  private readonly upper = new PhraseMatcher<Payload>();

  constructor(options: ActorGazetteerOptions = {}) {
    this.records = options.records ?? loadActorRecords();
    this.entities = this.records.map(toEntityRecord);
    const tokenizer = options.tokenizer ?? new Tokenizer();
    // Curated records first, then by id, so a shared phrase resolves deterministically.
    const order = this.records
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        const ca = a.r.sources.includes("curated") ? 0 : 1;
        const cb = b.r.sources.includes("curated") ? 0 : 1;
        return ca - cb || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0);
      });
    for (const { r, i } of order) {
      this.byId.set(r.id, i);
      const rules = new Map<string, AliasRule>();
      for (const a of r.caseSensitive ?? []) rules.set(a, "caseSensitive");
      for (const a of r.ambiguous ?? []) rules.set(a, "ambiguous");
      for (const a of r.context ?? []) rules.set(a, "context");
      const names = r.labelOnly ? r.aliases : [r.name, ...r.aliases];
      for (const key of new Set([r.id, r.name, ...r.aliases].map(actorKey))) {
        const list = this.byKey.get(key);
        if (list) list.push(i);
        else this.byKey.set(key, [i]);
      }
      for (const phrase of new Set(names)) {
        if (phrase.includes("(")) continue; // display / look-up form, not a text pattern
        const rule = rules.get(phrase) ?? "insensitive";
        const tokens = tokenizer.tokenize(phrase).map((t) => t.text);
        if (tokens.length === 0) continue;
        const payload: Payload = { index: i, rule };
        const caseRule: CaseRule = rule === "insensitive" ? "insensitive" : "exact";
        this.mixed.add({ tokens, payload, caseRule });
        if (rule === "insensitive" || rule === "caseSensitive") this.upper.add({ tokens, payload, caseRule });
      }
    }
  }

  /** Number of compiled phrases (mixed-case matcher). */
  get phraseCount(): number {
    return this.mixed.size;
  }

  /** The records this gazetteer knows (as loaded). */
  get actorRecords(): readonly ActorRecord[] {
    return this.records;
  }

  process(doc: AnalysisDoc): void {
    const upperDoc = isMostlyUpperCase(doc.text);
    const matcher = upperDoc ? this.upper : this.mixed;
    const tokens = withoutSpacedDashes(doc.tokens);
    for (const m of matcher.match(tokens, { upperDoc })) {
      let best: Payload | undefined;
      for (const p of m.payloads) {
        if (p.rule === "context" && !this.hasContext(tokens, m.tokenStart, m.tokenEnd)) continue;
        if (!best || this.rank(p) < this.rank(best)) best = p;
      }
      if (!best) continue;
      const rec = this.records[best.index];
      doc.mentions.push({
        start: m.start,
        end: m.end,
        text: doc.text.slice(m.start, m.end),
        kind: rec.kind,
        entity: rec.id,
        by: this.name,
      });
      doc.addEntity(this.entities[best.index]);
      if (rec.parent) {
        const pi = this.byId.get(rec.parent);
        if (pi !== undefined) doc.addEntity(this.entities[pi]);
      }
    }
  }

  /** Folded exact look-up of a name, alias or id ("ISKP", "daesh", "isis-k"); curated first. */
  lookup(name: string): EntityRecord | undefined {
    const hits = this.byKey.get(actorKey(name));
    if (!hits?.length) return undefined;
    const best = [...hits].sort(
      (a, b) => this.rank({ index: a, rule: "insensitive" }) - this.rank({ index: b, rule: "insensitive" }),
    )[0];
    return this.entities[best];
  }

  /** The full record of an id, or undefined. */
  get(id: string): ActorRecord | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.records[i];
  }

  private rank(p: Payload): number {
    const curated = this.records[p.index].sources.includes("curated");
    return (curated ? 0 : 1_000_000) + p.index;
  }

  private hasContext(tokens: readonly Token[], from: number, to: number): boolean {
    const sent = tokens[from].sent;
    const prev = from > 0 && tokens[from - 1].sent === sent ? tokens[from - 1] : undefined;
    const next = to < tokens.length && tokens[to].sent === sent ? tokens[to] : undefined;
    if (prev && CONTEXT_BEFORE.has(prev.lower)) return true;
    if (prev?.lower === "-" && from > 1 && /^(anti|pro|ex)$/.test(tokens[from - 2].lower)) return true;
    if (next && next.start === tokens[to - 1].end && (next.lower === "'s" || next.lower === "'")) return true;
    if (next && next.lower === "-" && next.start === tokens[to - 1].end) return true;
    return !!next && next.lower !== "-" && CONTEXT_AFTER.has(next.lower);
  }
}

/** Registry factory: `createActorGazetteer({ records?, tokenizer? })`. */
export function createActorGazetteer(options: Record<string, unknown> = {}): ActorGazetteer {
  return new ActorGazetteer({
    ...(Array.isArray(options.records) ? { records: options.records as ActorRecord[] } : {}),
    ...(options.tokenizer ? { tokenizer: options.tokenizer as Pick<Tokenizer, "tokenize"> } : {}),
  });
}

/**
 * Resolves a name typed by an analyst (`sitrep actor NAME`) to an actor entity. Builds a
 * gazetteer when none is given: pass one in when resolving many names.
 */
export function resolveActorName(
  name: string,
  gazetteer: ActorGazetteer = new ActorGazetteer(),
): EntityRecord | undefined {
  return gazetteer.lookup(name);
}
