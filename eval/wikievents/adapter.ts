import type { Event } from "../../src/core/index.js";
import type { QuantityDetail } from "../../src/pipeline/components/quantities.js";
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
 *   place        → Place
 *   casualty counts: killed → Victim of Life.Die, wounded → Victim of Life.Injure
 *   (the counted noun: "three Russian military personnel … wounded" → "personnel"; taken from the
 *   pipeline's quantity layer in the trigger's sentence even without a pipeline event).
 *
 * Only arguments in the trigger's sentence are kept (the pipeline's sentence, and the WikiEvents
 * sentence, which can hold several): WikiEvents annotates arguments there (426 of the 428 dev
 * arguments), while a merged pipeline event gathers roles from the whole document.
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
  if (!event) return out;

  const perpRole = firstOf(PERPETRATOR_ROLES);
  for (const p of event.perpetrators) {
    const m = nearestMention(p);
    if (m) push(perpRole, m.start, m.end, NAME_KINDS.has(m.kind) ? "name" : "head");
  }
  const targetRole = firstOf(TARGET_ROLES);
  for (const t of event.targets) {
    if (t.start === undefined || t.end === undefined) continue;
    const m = t.entity
      ? doc.mentions.find((x) => x.entity === t.entity && x.start >= t.start! && x.end <= t.end!)
      : undefined;
    if (m && NAME_KINDS.has(m.kind) && m.start === t.start && m.end === t.end)
      push(targetRole, m.start, m.end, "name");
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
  if (event.place && has("Place")) {
    const m = nearestMention(event.place);
    if (m) push("Place", m.start, m.end, "name");
  }
  if (effectRole.length && has("Victim") && !out.some((a) => a.role === "Victim")) {
    const c = ev.event_type.startsWith("Life.Die") ? event.casualties?.killed : event.casualties?.wounded;
    if (c?.text) {
      const at = nearestText(c.text);
      if (at) push("Victim", at[0], at[1], "last");
    }
  }
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
