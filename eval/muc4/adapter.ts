import type { Event } from "../../src/core/index.js";
import { eventRoleSpans, hasEventRoles } from "../../src/pipeline/components/event-roles.js";
import type { AnalysisDoc } from "../../src/pipeline/doc.js";
import { normalizeString } from "./normalize.js";
import {
  emptyFillers,
  type FillerEntity,
  ROLES,
  type Role,
  type RoleFillers,
  type Template,
} from "./types.js";

/**
 * Pipeline output → MUC-4 predictions. One template per pipeline event whose type maps onto a
 * MUC-4 incident type; roles from the event's own fields:
 * - PerpOrg: each perpetrator entity, its alternative strings = the texts of its mentions in the
 *   document (or only the first, with `perpOrgStrings: "first"`);
 * - PerpInd: the event's individual perpetrators as described ("gunmen", "terrorists");
 * - Target / Victim: the event's targets; a target that resolves to a person, or that is the
 *   object of a kidnapping, hostage-taking or assassination, is a human target (Victim),
 *   any other is a physical target (Target);
 * - Victim also takes the event's named victims (MUC-4 slot 18 holds names only: descriptions
 *   such as "two soldiers" are left out);
 * - Weapon: the event's weapons, one entity each.
 */
export interface AdapterOptions {
  perpOrgStrings?: "all" | "first";
  /**
   * Roles for which only the event-role tagger's spans count (the rules' own fillers are left
   * out). Default, when the tagger ran: Victim (its names beat the rules' "killed X" phrases).
   */
  taggerOnly?: readonly Role[];
  /** Drop a filler whose words are a part of another filler of the same role ("jaramillo" beside "bernardo jaramillo ossa"). */
  keepShortForms?: boolean;
  /** Keep incidents whose only targets are military or police forces (MUC-4 leaves them out). */
  keepForceTargets?: boolean;
}

/** Our event type/subtype → MUC-4 incident type; undefined for events MUC-4 does not template. */
export function incidentType(ev: Pick<Event, "type" | "subtype">): string | undefined {
  if (ev.type !== "attack") return undefined;
  switch (ev.subtype) {
    case "bombing":
    case "suicide_attack":
    case "aviation_bombing":
      return "bombing";
    case "kidnapping":
    case "hostage_taking":
      return "kidnapping";
    case "arson":
      return "arson";
    case "robbery":
      return "robbery";
    case "forced_work_stoppage":
      return "forced work stoppage";
    default:
      return "attack";
  }
}

const HUMAN_TARGET_SUBTYPES = new Set(["kidnapping", "hostage_taking", "assassination"]);

function entityKey(e: FillerEntity): string {
  return JSON.stringify([...new Set(e.map(normalizeString))].sort());
}

/** Adds an entity to a role unless an identical one (after normalisation) is there. */
function push(list: FillerEntity[], e: FillerEntity): void {
  if (!e.length) return;
  const key = entityKey(e);
  if (!list.some((x) => entityKey(x) === key)) list.push(e);
}

function uniqueStrings(strings: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of strings) {
    const k = normalizeString(s);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

/** Targets of an armed force or group (GTD target types): what MUC-4 calls a military target. */
const FORCE_TARGET_TYPES = new Set(["military", "police", "terrorists_non_state_militia"]);
/** Heads of people who are members of an armed force or group. */
const FORCE_MEMBERS =
  /\b(?:soldiers?|troops?|servicem[ae]n|policem[ae]n|police(?:m[ae]n)?|guardsm[ae]n|guards?|officers?|sergeants?|corporals?|lieutenants?|captains?|majors?|colonels?|generals?|marines?|paratroopers?|guerrillas?|rebels?|insurgents?|militants?|terrorists?|traffickers?|drug lords?|commandos?|members of the (?:army|police|armed forces))\b/i;

/**
 * MUC-4's definition of a terrorist incident (taskdoc template-doc-part1, "relevance"): an act
 * against a military or police installation or force, or against members of another armed
 * group, is "a purely guerrilla act" and not templated, unless it also hits civilians or their
 * property. An event whose every target is such a force and whose every victim is described as
 * a member of one is left out; one without any target or victim is kept.
 */
export function onlyForceTargets(ev: Event, doc?: AnalysisDoc): boolean {
  const targets = ev.targets;
  const victims = ev.victims ?? [];
  if (!targets.length && !victims.length) return false;
  if (doc && foreignForces(doc, ev)) return false;
  return (
    targets.every((t) => t.type !== undefined && FORCE_TARGET_TYPES.has(t.type)) &&
    victims.every((v) => !v.entity && FORCE_MEMBERS.test(v.text))
  );
}

/**
 * The definition excludes forces "with the same nationality as the perpetrator" only: "u.s.
 * soldiers" attacked in Honduras, or "venezuelan soldiers" killed by "colombian guerrillas", are a
 * terrorist target. A target or victim described with another country (a demonym, or a
 * country's forces such as "u.s. soldiers") than the event's or the attackers' is a foreign force.
 */
function foreignForces(doc: AnalysisDoc, ev: Event): boolean {
  const countriesIn = (spans: readonly { start?: number; end?: number }[]): Set<string> => {
    const out = new Set<string>();
    for (const m of doc.mentions) {
      const c = m.demonym
        ? doc.entities.get(m.entity)?.geo?.country
        : m.entity.startsWith("gov:")
          ? m.entity.slice(4)
          : m.entity.startsWith("force:")
            ? doc.entities.get(m.entity)?.countries?.[0]
            : undefined;
      if (!c) continue;
      if (
        spans.some(
          (t) => t.start !== undefined && t.end !== undefined && t.start <= m.start && m.end <= t.end,
        )
      )
        out.add(c);
    }
    return out;
  };
  const hit = countriesIn([...ev.targets, ...(ev.victims ?? [])]);
  if (!hit.size) return false;
  const perps = countriesIn(ev.attackers ?? []);
  return [...hit].some(
    (c) => (ev.country !== undefined && c !== ev.country) || (perps.size > 0 && !perps.has(c)),
  );
}

interface TaggedIndex {
  /** "start:end" → role of the tagger's span there. */
  tagged: Map<string, Role>;
  /** Entities mentioned inside the tagger's PerpOrg spans. */
  taggedOrgs: Set<string>;
  /** Normalised strings of the tagger's Weapon spans. */
  taggedWeapons: Set<string>;
}
const TAGGED = new WeakMap<AnalysisDoc, TaggedIndex>();

/** The event-role tagger's spans of a document, indexed once for all its events. */
function taggedIndex(doc: AnalysisDoc): TaggedIndex {
  let idx = TAGGED.get(doc);
  if (idx) return idx;
  idx = { tagged: new Map(), taggedOrgs: new Set(), taggedWeapons: new Set() };
  for (const sp of eventRoleSpans(doc)) {
    idx.tagged.set(`${sp.start}:${sp.end}`, sp.role);
    if (sp.role === "Weapon") idx.taggedWeapons.add(normalizeString(sp.text));
    if (sp.role === "PerpOrg")
      for (const m of doc.mentions) if (m.start >= sp.start && m.end <= sp.end) idx.taggedOrgs.add(m.entity);
  }
  TAGGED.set(doc, idx);
  return idx;
}

export function eventToTemplate(
  doc: AnalysisDoc,
  ev: Event,
  opts: AdapterOptions = {},
): Template | undefined {
  const type = incidentType(ev);
  if (!type) return undefined;
  if (!opts.keepForceTargets && onlyForceTargets(ev, doc)) return undefined;
  const t: Template = { incident_type: type, ...emptyFillers() };
  const { tagged, taggedOrgs, taggedWeapons } = taggedIndex(doc);
  const taggedAs = (x: { start?: number; end?: number }) => tagged.get(`${x.start}:${x.end}`);
  const onlyTagger = new Set<Role>(opts.taggerOnly ?? (hasEventRoles(doc) ? ["Victim", "Weapon"] : []));
  for (const id of ev.perpetrators) {
    if (onlyTagger.has("PerpOrg") && !taggedOrgs.has(id) && !id.startsWith("org:")) continue;
    let texts = uniqueStrings(
      doc.mentions
        .filter((m) => m.entity === id)
        .sort((a, b) => a.start - b.start)
        .map((m) => m.text),
    );
    if (!texts.length) {
      const rec = doc.entities.get(id);
      if (rec) texts = uniqueStrings([rec.name]);
    }
    push(t.PerpOrg, opts.perpOrgStrings === "first" ? texts.slice(0, 1) : texts);
  }
  for (const tg of ev.targets) {
    const role = taggedAs(tg);
    if (role) {
      push(role === "Victim" ? t.Victim : t.Target, uniqueStrings([tg.text]));
      continue;
    }
    const kind = tg.entity ? doc.entities.get(tg.entity)?.kind : undefined;
    const human = kind === "person" || HUMAN_TARGET_SUBTYPES.has(ev.subtype ?? "");
    if (onlyTagger.has(human ? "Victim" : "Target")) continue;
    push(human ? t.Victim : t.Target, uniqueStrings([tg.text]));
  }
  for (const w of ev.weapons) {
    if (onlyTagger.has("Weapon") && !taggedWeapons.has(normalizeString(w))) continue;
    push(t.Weapon, uniqueStrings([w]));
  }
  for (const a of ev.attackers ?? []) {
    if (onlyTagger.has("PerpInd") && !taggedAs(a)) continue;
    push(t.PerpInd, uniqueStrings([a.text]));
  }
  for (const v of ev.victims ?? []) {
    if (taggedAs(v) === "Victim") {
      push(t.Victim, uniqueStrings([v.text]));
      continue;
    }
    if (onlyTagger.has("Victim")) continue;
    const named =
      v.entity !== undefined ||
      /^(\p{Lu}[\p{L}'’.-]*\s+){1,4}\p{Lu}[\p{L}'’.-]*$/u.test(v.text) ||
      looksLikeName(v.text);
    if (named) push(t.Victim, uniqueStrings([v.text]));
  }
  // MUC-4 counts targets in slots of their own (14 and 19, "number"): the description leaves the count out
  t.Target = t.Target.map((e) => uniqueStrings(e.map(dropCount)));
  t.Victim = t.Victim.map((e) => uniqueStrings(e.map(dropCount)));
  if (!opts.keepShortForms) {
    t.PerpOrg = dropShortForms(t.PerpOrg);
    t.Victim = dropShortForms(t.Victim.map((e) => uniqueStrings(e.map(stripTitle))));
  }
  return t;
}

const COUNT_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds".split(" "),
);
/** "seven private bank branches" → "private bank branches"; "one of the vehicles" and a bare count stay. */
function dropCount(s: string): string {
  const words = s.split(/\s+/);
  if (words.length < 2 || words[1].toLowerCase() === "of") return s;
  const w = words[0].toLowerCase();
  return COUNT_WORDS.has(w) || /^\d[\d,]*$/.test(w) ? words.slice(1).join(" ") : s;
}

/** Titles and descriptions that precede a victim's name. */
const TITLES = new Set(
  `president jesuit father priest colonel col mayor judge senator deputy minister general captain major
  doctor dr mr mrs ms msgr monsignor archbishop bishop ambassador attorney commander lieutenant sergeant
  journalist professor former`.split(/\s+/),
);
/** "president mauricio gutierrez castro" → "mauricio gutierrez castro": a title before a name is not part of it. */
function stripTitle(s: string): string {
  const words = s.split(/\s+/);
  let k = 0;
  while (k < words.length - 2 && TITLES.has(words[k].toLowerCase().replace(/[.,]/g, ""))) k++;
  return words.slice(k).join(" ");
}

/** Entities of one string whose words are a contiguous part of another entity's string. */
function dropShortForms(list: FillerEntity[]): FillerEntity[] {
  const norms = list.map((e) => e.map((x) => ` ${normalizeString(x)} `));
  return list.filter((e, i) => {
    if (e.length !== 1) return true;
    const mine = norms[i][0];
    return !norms.some(
      (other, j) => j !== i && other.some((o) => o.length > mine.length && o.includes(mine)),
    );
  });
}

/** Lower-cased MUC text has no capitals: a victim is a name when it has no common-noun head. */
function looksLikeName(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return !words.some((w) => COMMON_HEADS.has(w) || /^\d/.test(w));
}
const COMMON_HEADS = new Set([
  "people",
  "persons",
  "soldiers",
  "soldier",
  "civilians",
  "peasants",
  "members",
  "member",
  "students",
  "workers",
  "priests",
  "officers",
  "officer",
  "police",
  "policemen",
  "guards",
  "children",
  "women",
  "men",
  "leader",
  "leaders",
  "others",
  "troops",
  "residents",
  "staff",
  "employees",
  "official",
  "officials",
  "wife",
  "son",
  "daughter",
  "brother",
]);

/** All templates of one analysed document. */
export function docToTemplates(doc: AnalysisDoc, opts: AdapterOptions = {}): Template[] {
  const out: Template[] = [];
  for (const ev of doc.events) {
    const t = eventToTemplate(doc, ev, opts);
    if (t) out.push(t);
  }
  return out;
}

/**
 * Document-level role fillers (GRIT format): the union of the templates' fillers, de-duplicated,
 * a victim or organisation whose name is part of another's ("bernardo jaramillo" beside
 * "bernardo jaramillo ossa") left out.
 */
export function templatesToExtracts(templates: Template[]): RoleFillers {
  const out = emptyFillers();
  for (const t of templates) for (const role of ROLES) for (const e of t[role]) push(out[role], e);
  // one person or group named in full in one template and in short in another is one filler
  out.Victim = dropShortForms(out.Victim);
  out.PerpOrg = dropShortForms(out.PerpOrg);
  return out;
}
