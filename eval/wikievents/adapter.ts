import type { Event } from "../../src/core/index.js";
import { eventRoleSpans } from "../../src/pipeline/components/event-roles.js";
import type { QuantityDetail } from "../../src/pipeline/components/quantities.js";
import { isStateForce } from "../../src/pipeline/components/state-forces.js";
import type { AnalysisDoc, EntityMention } from "../../src/pipeline/doc.js";
import type { OffsetMap } from "../geo/align.js";
import type { KairosOntology, WeDocument, WeEventMention } from "./reader.js";
import { headToken, type PredictedArgument } from "./scorer.js";

/**
 * Pipeline output → WikiEvents arguments for each gold event mention (the trigger is given).
 *
 * The production pipeline has Sitrep's own event types (attack, arrest, plot, clash, ...) with
 * roles perpetrators, targets, weapons, place and casualty counts, plus entity mentions and
 * quantities with a casualty `effect`. Each gold event is linked to the pipeline event whose
 * evidence contains its trigger (else one whose evidence lies in the trigger's sentence), of a
 * compatible family, and the pipeline's roles are renamed to the KAIROS role of that event type
 * (ontology/event_role_KAIROS.json), keeping only roles the type has:
 *
 *   perpetrators → Attacker | Killer | Injurer | Perpetrator | Damager | Destroyer
 *   targets      → Target | Artifact (damage/destroy) | Detainee (arrest)
 *   weapons      → ExplosiveDevice (explosives, DetonateExplode) | Instrument
 *   (place: not taken from the pipeline event, whose place is document-level; see below)
 *   casualty counts: killed → Victim of Life.Die, wounded → Victim of Life.Injure
 *   (the counted noun: "three Russian military personnel … wounded" → "personnel"; taken from the
 *   pipeline's quantity layer in the trigger's sentence even without a pipeline event).
 *
 * Only arguments in the trigger's sentence are kept (the pipeline's sentence, and the WikiEvents
 * sentence, which can hold several): WikiEvents annotates arguments there (426 of the 428 dev
 * arguments), while a merged pipeline event gathers roles from the whole document.
 *
 * Then every role still empty is filled by word order from the candidates of the trigger's
 * clause (`fillByPosition`): names (mentions, NER), casualty counts, role-tagger heads, pronouns
 * and a short list of typed news nouns, each with KAIROS entity types checked against the
 * ontology's `role_types`. Rules: the doer role (Attacker, Communicator, Transporter, ...) is the
 * nearest fitting candidate before an active trigger or after "by"; the undergoer role (Target,
 * Detainee, Recipient, ...) the nearest after an active trigger, before a passive one, after
 * "of/on/against/with" a nominal one ("the attack on"); for types whose template subject is the
 * undergoer (Life.Die, Life.Injure: "<arg1> died") the subject is the victim unless an object
 * follows; weapons are instruments/explosive devices before they are targets; Place, Destination
 * and Origin are fitting candidates governed by a locative preposition ("in/at/near", "to", "from");
 * nothing governed by a locative preposition is a participant.
 *
 * Span conventions: WikiEvents marks names in full ("Deir ez-Zor", "Islamic State") and common
 * noun phrases by their head word ("a convoy of Russian soldiers" → "convoy"), so names (entity
 * mentions of named kinds) keep their span and noun phrases are reduced to their head word.
 */

/** Token positions (character offsets into `doc.text`) of the WikiEvents tokens. */
export interface TokenIndex {
  starts: number[];
  ends: number[];
}

/** Smallest normalised offset j with f(j) >= pos (f is non-decreasing on 0..len). */
function firstAtLeast(f: (j: number) => number, len: number, pos: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f(mid) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Token positions in the normalised text from their positions in the raw (rebuilt) text. */
export function tokenIndexIn(
  map: OffsetMap,
  normLength: number,
  starts: number[],
  ends: number[],
): TokenIndex {
  return {
    starts: starts.map((s) => firstAtLeast(map.toRaw, normLength, s)),
    ends: ends.map((e) => firstAtLeast(map.endToRaw, normLength, e)),
  };
}

/** The tokens covering a character span [start, end), or undefined when none does. */
export function charsToTokens(idx: TokenIndex, start: number, end: number): [number, number] | undefined {
  // first token ending after start
  let lo = 0;
  let hi = idx.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx.ends[mid] <= start) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // last token starting before end
  lo = first;
  hi = idx.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx.starts[mid] < end) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1;
  if (first >= idx.starts.length || last < first) return undefined;
  return [first, last + 1];
}

/** Pipeline event families each KAIROS type may take arguments from. */
function families(kairosType: string): Set<string> {
  if (
    kairosType.startsWith("Conflict.Attack") ||
    kairosType.startsWith("Life.Die") ||
    kairosType.startsWith("Life.Injure") ||
    kairosType.startsWith("ArtifactExistence.DamageDestroyDisableDismantle") ||
    kairosType.startsWith("GenericCrime")
  )
    return new Set(["attack", "clash"]);
  if (kairosType.startsWith("Justice.ArrestJailDetain")) return new Set(["arrest"]);
  return new Set();
}

const PERPETRATOR_ROLES = ["Attacker", "Killer", "Injurer", "Perpetrator", "Damager", "Destroyer"];
const TARGET_ROLES = ["Target", "Artifact", "Detainee"];
const EXPLOSIVE_WEAPON =
  /\b(?:bombs?|explosives?|ieds?|dynamite|grenades?|mines?|mortars?|rockets?|missiles?|vests?|belts?)\b/i;

const DETERMINER = /^(?:the|a|an|its|their|his|her|this|that|these|those)$/i;
/** Lower-case words allowed inside a name ("Bank of England", "al - Sukhnah"). */
const CONNECTOR = /^(?:of|the|de|al|el|and|-|'s|’s)$/i;

/** Entity kinds whose mentions are names (kept whole); other spans are reduced to their head. */
const NAME_KINDS = new Set([
  "armed_group",
  "state",
  "agency",
  "organisation",
  "person",
  "place",
  "facility",
  "named_event",
]);

export interface AdapterContext {
  /** The WikiEvents document (tokens, gold triggers). */
  we: WeDocument;
  /** The pipeline's analysis of the rebuilt document text. */
  doc: AnalysisDoc;
  /** WikiEvents token positions in `doc.text`. */
  index: TokenIndex;
  ontology?: KairosOntology;
}

/** Arguments for every gold event mention of one document: event id → arguments. */
export function wikieventsArguments(ctx: AdapterContext): Record<string, PredictedArgument[]> {
  const out: Record<string, PredictedArgument[]> = {};
  const sentOf: number[] = [];
  ctx.we.sentences.forEach(([toks], i) => {
    for (let k = 0; k < toks.length; k++) sentOf.push(i);
  });
  for (const ev of ctx.we.event_mentions) out[ev.id] = argumentsFor(ctx, ev, sentOf);
  return out;
}

function argumentsFor(ctx: AdapterContext, ev: WeEventMention, sentOf: number[]): PredictedArgument[] {
  const { we, doc, index, ontology } = ctx;
  const roles = ontology?.[ev.event_type]?.roles;
  if (!roles) return [];
  const has = (r: string) => roles.includes(r);
  const firstOf = (rs: string[]) => rs.find(has);
  const trigStart = index.starts[ev.trigger.start];
  const trigEnd = index.ends[ev.trigger.end - 1];
  const sent = doc.sentenceAt(trigStart);
  const sentSpan = sent >= 0 ? doc.sentences[sent] : { start: trigStart, end: trigEnd };

  const out: PredictedArgument[] = [];
  /** span mode: "name" keeps the span (minus leading determiners), "head" reduces a noun phrase to its head, "last" takes its last word (a counted noun). */
  const push = (role: string | undefined, start: number, end: number, mode: "name" | "head" | "last") => {
    if (!role) return;
    // arguments are local: in the pipeline's sentence holding the trigger
    if (start < sentSpan.start || end > sentSpan.end) return;
    const t = charsToTokens(index, start, end);
    if (!t) return;
    let [s, e] = t;
    while (e - s > 1 && DETERMINER.test(we.tokens[s])) s++;
    // a capitalised phrase is a name: kept whole ("Camp Shorabak")
    if (mode === "head" && we.tokens.slice(s, e).every((w) => /^\p{Lu}/u.test(w) || CONNECTOR.test(w)))
      mode = "name";
    if (mode === "head") {
      const h = headToken(we.tokens, s, e);
      s = h;
      e = h + 1;
    } else if (mode === "last") {
      let h = e - 1;
      while (h > s && !/\p{L}|\p{N}/u.test(we.tokens[h])) h--;
      s = h;
      e = h + 1;
    }
    // never the trigger itself
    if (s < ev.trigger.end && e > ev.trigger.start) return;
    // WikiEvents arguments sit in the trigger's sentence (426 of 428 in dev)
    if (sentOf[s] !== sentOf[ev.trigger.start]) return;
    if (out.some((a) => a.role === role && a.start === s && a.end === e)) return;
    out.push({ role, start: s, end: e, text: we.tokens.slice(s, e).join(" ") });
  };
  const nearestMention = (entity: string): EntityMention | undefined => {
    let best: EntityMention | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (const m of doc.mentions) {
      if (m.entity !== entity) continue;
      const inSent = m.start >= sentSpan.start && m.end <= sentSpan.end;
      const d = Math.abs(m.start - trigStart) + (inSent ? 0 : 1e6);
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    return best;
  };
  const nearestText = (text: string): [number, number] | undefined => {
    const hay = doc.text.toLowerCase();
    const needle = text.toLowerCase();
    let best: [number, number] | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      const inSent = at >= sentSpan.start && at + needle.length <= sentSpan.end;
      const d = Math.abs(at - trigStart) + (inSent ? 0 : 1e6);
      if (d < bestD) {
        bestD = d;
        best = [at, at + needle.length];
      }
    }
    return best;
  };

  // Casualty counts in the trigger's sentence: the counted noun is the victim.
  const effectRole = ev.event_type.startsWith("Life.Die")
    ? ["killed", "dead"]
    : ev.event_type.startsWith("Life.Injure")
      ? ["wounded", "injured"]
      : [];
  if (effectRole.length && has("Victim")) {
    for (const q of doc.quantities as QuantityDetail[]) {
      if (q.start < sentSpan.start || q.end > sentSpan.end) continue;
      if (q.effect && effectRole.includes(q.effect) && q.unit) push("Victim", q.start, q.end, "last");
    }
  }

  const event = linkEvent(doc, ev.event_type, trigStart, trigEnd, sentSpan);
  if (!event) {
    fillByPosition(ctx, ev, out, sentOf);
    return out;
  }

  const perpRole = firstOf(PERPETRATOR_ROLES);
  for (const p of event.perpetrators) {
    const m = nearestMention(p);
    if (m) push(perpRole, m.start, m.end, isName(m) ? "name" : "head");
  }
  const targetRole = firstOf(TARGET_ROLES);
  for (const t of event.targets) {
    if (t.start === undefined || t.end === undefined) continue;
    const m = t.entity
      ? doc.mentions.find((x) => x.entity === t.entity && x.start >= t.start! && x.end <= t.end!)
      : undefined;
    if (m && isName(m) && m.start === t.start && m.end === t.end) push(targetRole, m.start, m.end, "name");
    else push(targetRole, t.start, t.end, "head");
  }
  for (const w of event.weapons) {
    const at = nearestText(w);
    if (!at) continue;
    const explosive = EXPLOSIVE_WEAPON.test(w);
    push(
      explosive && has("ExplosiveDevice") ? "ExplosiveDevice" : has("Instrument") ? "Instrument" : undefined,
      at[0],
      at[1],
      "last",
    );
  }
  // the event's place is taken by fillByPosition from a locative phrase ("in X", "at X") of the
  // trigger's clause: the pipeline's event place is document-level and often another sentence's
  if (effectRole.length && has("Victim") && !out.some((a) => a.role === "Victim")) {
    const c = ev.event_type.startsWith("Life.Die") ? event.casualties?.killed : event.casualties?.wounded;
    if (c?.text) {
      const at = nearestText(c.text);
      if (at) push("Victim", at[0], at[1], "last");
    }
  }
  fillByPosition(ctx, ev, out, sentOf);
  return out;
}

/** The pipeline event a gold trigger belongs to: its evidence holds the trigger, else it lies in the trigger's sentence. */
export function linkEvent(
  doc: AnalysisDoc,
  kairosType: string,
  trigStart: number,
  trigEnd: number,
  sentence: { start: number; end: number },
): Event | undefined {
  const fam = families(kairosType);
  if (!fam.size) return undefined;
  const candidates = doc.events.filter((e) => fam.has(e.type));
  const containing = candidates.find((e) => e.evidence.some((x) => x.start <= trigStart && x.end >= trigEnd));
  if (containing) return containing;
  let best: Event | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const e of candidates) {
    for (const x of e.evidence) {
      if (x.start < sentence.start || x.end > sentence.end) continue;
      const d = Math.min(Math.abs(x.start - trigEnd), Math.abs(trigStart - x.end));
      if (d < bestD) {
        bestD = d;
        best = e;
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Ontology-driven filling by position (any event type)

/**
 * A possible argument in the WikiEvents tokens with its KAIROS entity types (lower-case, as in
 * ontology/event_role_KAIROS.json `role_types`).
 */
export interface Candidate {
  start: number;
  end: number;
  types: ReadonlySet<string>;
}

/** Whether a mention is a name (kept whole): not a state force's description ("French police"). */
function isName(m: EntityMention): boolean {
  return NAME_KINDS.has(m.kind) && !isStateForce(m);
}

const KIND_TYPES: Partial<Record<string, string[]>> = {
  person: ["per"],
  armed_group: ["org"],
  organisation: ["org"],
  agency: ["org"],
  government: ["org", "gpe"],
  state: ["gpe"],
  place: ["gpe", "loc"],
  facility: ["fac"],
};
const NER_TYPES: Partial<Record<string, string[]>> = { PER: ["per"], ORG: ["org"], LOC: ["gpe", "loc"] };
const ROLE_SPAN_TYPES: Record<string, string[]> = {
  PerpInd: ["per"],
  PerpOrg: ["org"],
  Victim: ["per"],
  Target: ["fac"],
  Weapon: ["wea"],
};

/** Personal and relative pronouns: WikiEvents marks them as arguments ("he", "who", "they"). */
const PRONOUNS: Record<string, string[]> = {
  he: ["per"],
  she: ["per"],
  him: ["per"],
  her: ["per"],
  i: ["per"],
  we: ["per", "org"],
  us: ["per", "org"],
  they: ["per", "org"],
  them: ["per", "org"],
  who: ["per", "org"],
};

/** Common-noun heads of news text by KAIROS entity type (singular and plural forms). */
const NOUN_TYPES = new Map<string, string[]>();
function nouns(words: string, types: string[]): void {
  for (const w of words.split(" ")) {
    NOUN_TYPES.set(w, types);
    if (!w.endsWith("s")) NOUN_TYPES.set(w.endsWith("y") ? `${w.slice(0, -1)}ies` : `${w}s`, types);
  }
}
nouns(
  "person people man men woman women child children civilian soldier troop officer policeman policemen official militant gunman gunmen fighter attacker bomber insurgent terrorist rebel resident victim protester student worker passenger journalist member guard prisoner suspect hostage leader commander minister president spokesman spokeswoman witness driver employee citizen agent individual",
  ["per"],
);
nouns("police army military government forces group authorities organisation organization ministry", ["org"]);
nouns(
  "bomb explosive device ied grenade rocket missile mortar mine gun rifle weapon shell firearm pistol knife",
  ["wea"],
);
nouns("car truck van vehicle bus plane aircraft helicopter drone boat ship train convoy", ["veh"]);
nouns(
  "building station house home hospital school mosque church market hotel embassy airport base checkpoint office headquarters bridge restaurant cafe bar shop store bank prison jail camp compound court",
  ["fac"],
);
nouns("area city town village province district region country street road border", ["loc"]);

/** Roles that name the doer (the template's subject), the undergoer, and the place prepositions. */
const AGENT_ROLES = new Set([
  "Attacker",
  "Killer",
  "Injurer",
  "Perpetrator",
  "Communicator",
  "Participant",
  "Transporter",
  "Jailer",
  "Giver",
  "Prosecutor",
  "Damager",
  "Destroyer",
  "Demonstrator",
  "Investigator",
  "Impeder",
  "Employer",
  "Observer",
  "ManufacturerAssembler",
  "Preventer",
]);
const PATIENT_ROLES = new Set([
  "Victim",
  "Target",
  "Detainee",
  "Defendant",
  "Recipient",
  "Artifact",
  "PassengerArtifact",
  "AcquiredEntity",
  "Employee",
  "Patient",
]);
const BE = new Set(["was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"]);
const PLACE_PREP = new Set(["in", "at", "near", "outside", "inside", "on", "across", "around"]);
const CLAUSE_STOP = new Set([".", ";", ":", "!", "?", "said", "says", "told", "according"]);
const WINDOW = 12;
const LOCATIVE = new Set([
  "in",
  "at",
  "to",
  "into",
  "from",
  "near",
  "inside",
  "outside",
  "across",
  "through",
  "toward",
  "towards",
  "by",
]);
/** Words before a noun phrase: a trigger after them is a noun ("the attack", "after bombings"). */
const NOMINAL_BEFORE = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "its",
  "their",
  "his",
  "her",
  "our",
  "'s",
  "’s",
  "of",
  "after",
  "following",
  "during",
  "since",
  "before",
  "in",
]);
/** Prepositions introducing the undergoer of a nominal trigger. */
const PATIENT_PREP = new Set(["of", "on", "against", "with"]);

const CANDIDATES = new WeakMap<AnalysisDoc, Candidate[]>();

/** Candidate arguments of a document: names, casualty counts, role-tagger spans, pronouns and typed nouns. */
export function candidatesOf(we: WeDocument, doc: AnalysisDoc, index: TokenIndex): Candidate[] {
  const cached = CANDIDATES.get(doc);
  if (cached) return cached;
  const byToken: (Candidate | undefined)[] = new Array(we.tokens.length);
  const out: Candidate[] = [];
  const add = (t: [number, number] | undefined, types: string[] | undefined, strip = true) => {
    if (!t || !types?.length) return;
    let [s, e] = t;
    while (strip && e - s > 1 && DETERMINER.test(we.tokens[s])) s++;
    for (let i = s; i < e; i++) if (byToken[i]) return; // earlier sources win
    const c = { start: s, end: e, types: new Set(types) };
    for (let i = s; i < e; i++) byToken[i] = c;
    out.push(c);
  };
  const head = (t: [number, number] | undefined): [number, number] | undefined => {
    if (!t) return undefined;
    let [s, e] = t;
    while (e - s > 1 && DETERMINER.test(we.tokens[s])) s++;
    if (we.tokens.slice(s, e).every((w) => /^\p{Lu}/u.test(w) || CONNECTOR.test(w))) return [s, e];
    const h = headToken(we.tokens, s, e);
    return [h, h + 1];
  };
  for (const m of doc.mentions) {
    if (m.demonym) continue;
    const t = charsToTokens(index, m.start, m.end);
    // a state force is a description ("French police" → "police"), not a name
    add(isStateForce(m) ? head(t) : t, KIND_TYPES[m.kind]);
  }
  for (const n of doc.ner) add(charsToTokens(index, n.start, n.end), NER_TYPES[n.type]);
  for (const q of doc.quantities as QuantityDetail[]) {
    const t = charsToTokens(index, q.start, q.end);
    if (!t || !q.effect) continue;
    // "11 injured": the number; "three soldiers": the counted noun
    const counted = q.unit && q.unit !== q.effect && NOUN_TYPES.get(we.tokens[t[1] - 1].toLowerCase());
    add(counted ? [t[1] - 1, t[1]] : [t[0], t[0] + 1], ["per"]);
  }
  for (const r of eventRoleSpans(doc))
    add(head(charsToTokens(index, r.start, r.end)), ROLE_SPAN_TYPES[r.role]);
  we.tokens.forEach((w, i) => {
    const lw = w.toLowerCase();
    add([i, i + 1], PRONOUNS[lw] ?? NOUN_TYPES.get(lw));
  });
  out.sort((a, b) => a.start - b.start);
  CANDIDATES.set(doc, out);
  return out;
}

/** Fills the roles of `ev` still empty from the candidates around its trigger, by role kind and word order. */
function fillByPosition(
  ctx: AdapterContext,
  ev: WeEventMention,
  out: PredictedArgument[],
  sentOf: number[],
): void {
  const { we, doc, index, ontology } = ctx;
  const entry = ontology?.[ev.event_type];
  if (!entry) return;
  const tokens = we.tokens;
  const lower = (i: number) => tokens[i]?.toLowerCase() ?? "";
  const ts = ev.trigger.start;
  const te = ev.trigger.end;
  // the trigger's sentence: WikiEvents' and the pipeline's
  const sent = doc.sentenceAt(index.starts[ts]);
  let lo = ts;
  while (
    lo > 0 &&
    sentOf[lo - 1] === sentOf[ts] &&
    (sent < 0 || index.starts[lo - 1] >= doc.sentences[sent].start)
  )
    lo--;
  let hi = te;
  while (
    hi < tokens.length &&
    sentOf[hi] === sentOf[ts] &&
    (sent < 0 || index.ends[hi] <= doc.sentences[sent].end)
  )
    hi++;
  const cands = candidatesOf(we, doc, index).filter((c) => c.start >= lo && c.end <= hi);
  const filled = new Set(out.map((a) => a.role));
  const used = new Set(out.map((a) => `${a.start}:${a.end}`));
  const typesOf = (role: string) => new Set(entry.role_types[entry.roles.indexOf(role)] ?? []);
  const fits = (c: Candidate, role: string) => {
    const allowed = typesOf(role);
    return [...c.types].some((t) => allowed.has(t)) && !used.has(`${c.start}:${c.end}`);
  };
  const put = (role: string, c: Candidate | undefined) => {
    if (!c) return;
    filled.add(role);
    used.add(`${c.start}:${c.end}`);
    out.push({ role, start: c.start, end: c.end, text: tokens.slice(c.start, c.end).join(" ") });
  };
  /** Nearest candidate before the trigger in its clause. */
  const before = (pred: (c: Candidate) => boolean) => {
    for (let k = cands.length - 1; k >= 0; k--) {
      const c = cands[k];
      if (c.end > ts) continue;
      if (ts - c.end > WINDOW) break;
      let blocked = false;
      for (let i = c.end; i < ts; i++) if (CLAUSE_STOP.has(lower(i))) blocked = true;
      if (blocked) break;
      if (pred(c)) return c;
    }
    return undefined;
  };
  /** Nearest candidate after the trigger in its clause. */
  const after = (pred: (c: Candidate) => boolean) => {
    for (const c of cands) {
      if (c.start < te) continue;
      if (c.start - te > WINDOW) break;
      let blocked = false;
      for (let i = te; i < c.start; i++) if (CLAUSE_STOP.has(lower(i))) blocked = true;
      if (blocked) break;
      if (pred(c)) return c;
    }
    return undefined;
  };
  /** The token governing a noun phrase that ends in a candidate starting at `s`: skips determiners and modifiers. */
  const governor = (s: number) => {
    let i = s - 1;
    for (let k = 0; k < 3 && i > lo && (DETERMINER.test(tokens[i]) || /^\p{Lu}/u.test(tokens[i])); k++) i--;
    return i;
  };
  const passive = [ts - 1, ts - 2].some((i) => i >= lo && BE.has(lower(i)));
  const byAgent = (role: string) => after((c) => lower(c.start - 1) === "by" && fits(c, role));

  // instruments first: a weapon is an instrument before it is a target
  for (const role of ["ExplosiveDevice", "Instrument", "Vehicle"]) {
    if (!entry.roles.includes(role) || filled.has(role)) continue;
    const explosive = (c: Candidate) => EXPLOSIVE_WEAPON.test(tokens.slice(c.start, c.end).join(" "));
    const pred = (c: Candidate) =>
      fits(c, role) &&
      c.types.has(role === "Vehicle" ? "veh" : "wea") &&
      (role !== "ExplosiveDevice" || explosive(c)) &&
      (role !== "Instrument" || !entry.roles.includes("ExplosiveDevice") || !explosive(c));
    const a = after(pred);
    const b = before(pred);
    put(role, !a ? b : !b ? a : a.start - te <= ts - b.end ? a : b);
  }

  const agent = entry.roles.find((r) => AGENT_ROLES.has(r));
  const patient = entry.roles.find((r) => PATIENT_ROLES.has(r));
  // a noun in a locative phrase is a place, never a participant ("drove to X", "killed in X")
  const notLocative = (c: Candidate) => !LOCATIVE.has(lower(c.start - 1));
  const fitsAgent = (c: Candidate) => !!agent && fits(c, agent) && notLocative(c);
  const fitsPatient = (c: Candidate) =>
    !!patient && fits(c, patient) && notLocative(c) && lower(c.start - 1) !== "by";
  const by = agent && !filled.has(agent) ? byAgent(agent) : undefined;
  // nominal trigger ("the bombing", "an attack on"): agents are prenominal, undergoers follow "of/on/against"
  // (a candidate right before the trigger is a modifier only when no object follows: "the rebel attack on",
  // not "a soldier shot civilians")
  const objectFollows = DETERMINER.test(tokens[te] ?? "") || cands.some((c) => c.start === te);
  const nominal =
    NOMINAL_BEFORE.has(lower(ts - 1)) ||
    (!objectFollows &&
      cands.some((c) => c.end === ts && !PRONOUNS[lower(c.start)] && NOMINAL_BEFORE.has(lower(c.start - 1))));
  if (nominal) {
    if (agent && !filled.has(agent)) put(agent, by ?? cands.find((c) => c.end === ts && fitsAgent(c)));
    if (patient && !filled.has(patient))
      put(
        patient,
        after((c) => fitsPatient(c) && PATIENT_PREP.has(lower(governor(c.start)))),
      );
  } else if (patient && PATIENT_ROLES.has(entry.roles[0])) {
    // the template's subject is the undergoer ("<arg1> died", "<arg1> was injured by <arg2>")
    const a = passive ? undefined : after(fitsPatient);
    const agentBefore = a && agent && !filled.has(agent) && !by ? before(fitsAgent) : undefined;
    if (!filled.has(patient)) put(patient, agentBefore ? a : (before(fitsPatient) ?? a));
    if (agent && !filled.has(agent)) put(agent, by ?? agentBefore);
  } else {
    if (agent && !filled.has(agent)) put(agent, by ?? (passive ? undefined : before(fitsAgent)));
    if (patient && !filled.has(patient)) put(patient, passive ? before(fitsPatient) : after(fitsPatient));
  }
  // places: a location after a locative preposition (destination "to", origin "from")
  const placeRoles: [string, Set<string>][] = [
    ["Place", PLACE_PREP],
    ["Destination", new Set(["to", "into", "in", "at"])],
    ["Origin", new Set(["from"])],
  ];
  for (const [role, preps] of placeRoles) {
    if (!entry.roles.includes(role) || filled.has(role)) continue;
    const pred = (c: Candidate) => fits(c, role) && preps.has(lower(governor(c.start)));
    const a = after(pred);
    const b = role === "Place" ? before(pred) : undefined;
    put(role, !a ? b : !b ? a : a.start - te <= ts - b.end ? a : b);
  }
}
