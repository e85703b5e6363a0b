import type { Analysis, DatePrecision, Document, Entity, Event } from "../core/index.js";
import { greatCircleKm, makeId, SitrepError } from "../core/index.js";
import { foldKey } from "../pipeline/normalize.js";
import { dateBounds } from "../store/date-bounds.js";
import type { IncidentBlockQuery, IncidentMember, IncidentMemberInput, Store } from "../store/store.js";

/**
 * Cross-document incident resolution (docs/incidents.md). After a document's events are saved,
 * each attack / clash / plot / arrest event is linked to the stored incident it describes, or
 * starts a new one:
 *
 * 1. **Blocking**: candidates are the stored members the store finds through its indexes — same
 *    type family; for day- and month-precision events an overlapping date window (±3 days
 *    between two day dates, the same month otherwise) in the same country or with the country
 *    unknown; for undated (or year-precision) events only members sharing a distinctive name
 *    (a facility, named event or named target/victim) or the same place and a target word.
 *    `isBlocked` is the same relation as a symmetric predicate.
 * 2. **Scoring**: `scorePair` adds documented feature weights and explains each in `reasons`.
 * 3. **Linking**: a pair scoring at least `LINK_THRESHOLD` (plus `UNDATED_MARGIN` when one side
 *    is undated) is a link. Dated events (day/month) form incidents as connected components of
 *    their links; an undated event follows its single best link (to a dated event's incident, or
 *    through other undated events), so it never joins two dated incidents. Each member records
 *    its best link (score, reasons, the member it links to). The incident id is derived from the
 *    earliest member by (date, document id, event id).
 *
 * Why this is order-independent: blocking is symmetric, so every pair of blocked events is
 * scored exactly once, when the later of the two arrives; components of a graph do not depend on
 * the order its links are added; a member's best link is a maximum under a total order, and an
 * undated member's incident follows from best links alone; the id is a function of the member set.
 * Ingesting the same documents in any order therefore gives the same incidents, ids, scores and
 * reasons.
 */

/** Event types that form incidents, and their family (blocking never crosses families). */
const FAMILY: Record<string, string> = { attack: "attack", clash: "attack", plot: "plot", arrest: "plot" };

export function typeFamily(type: string): string | undefined {
  return FAMILY[type];
}

/** Score at or above which two events are linked (see docs/incidents.md for the calibration). */
export const LINK_THRESHOLD = 4;

/**
 * Extra score a link needs when one side is undated (or only dated to the year): such links rest
 * on names and place alone, and an undated event could otherwise chain incidents of different dates.
 */
export const UNDATED_MARGIN = 0.5;

/** The score a pair must reach to be linked. */
export function linkThreshold(a: IncidentFeatures, b: IncidentFeatures, threshold = LINK_THRESHOLD): number {
  return dateBlocked(a) && dateBlocked(b) ? threshold : threshold + UNDATED_MARGIN;
}

/** Days either side between two day-precision dates. */
export const DAY_WINDOW = 3;

/** What the resolver keeps of an event to score it against later ones (stored as JSON). */
export interface IncidentFeatures {
  type: string;
  subtype?: string;
  label?: string;
  date?: { start: string; end: string; precision: DatePrecision; value: string };
  published?: string;
  place?: { id: string; name: string; lat?: number; lon?: number; precision?: string };
  country?: string;
  /** Perpetrator entity ids. */
  perpetrators: string[];
  /** Perpetrators plus their parents (a claim by ISIS-K and one by the Islamic State share "islamic-state"). */
  groups: string[];
  groupNames: Record<string, string>;
  /** Distinctive entities: facilities and named events in the evidence, named targets and victims. */
  names: { id: string; name: string }[];
  /** Folded content words of target and victim texts. */
  words: string[];
  killed?: number;
  wounded?: number;
}

export interface PairScore {
  score: number;
  reasons: string[];
}

export interface ResolveReport {
  /** Events linked to an incident that holds events of other documents. */
  linked: { eventId: string; incidentId: string; score: number; reasons: string[] }[];
  /** Events that start a new incident. */
  created: { eventId: string; incidentId: string }[];
  /** Incidents folded into another because a new event joined them. */
  merged: { from: string; into: string }[];
  /** Candidates scored (the block size), for diagnostics and the bench. */
  candidates: number;
}

// ---- features --------------------------------------------------------------------------------

const BLOCK_PRECISIONS = new Set(["day", "month"]);
const NAME_KINDS = new Set(["facility", "named_event"]);
/** Facilities and named events; people only by a full name of two or more words ("Hector Oqueli", not "Jesuit"). */
function distinctive(e: Entity): boolean {
  return NAME_KINDS.has(e.kind) || (e.kind === "person" && e.name.trim().split(/\s+/).length >= 2);
}
const STOP = new Set(
  "a an the of in on at to and or for by with from near outside inside its their his her some several two three four five people persons person civilians civilian residents members member".split(
    " ",
  ),
);

function words(text: string): string[] {
  return foldKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w));
}

/** The features of one event of a document (undefined for event types that form no incidents). */
export function eventFeatures(
  event: Event,
  entities: ReadonlyMap<string, Entity>,
  published?: string,
): IncidentFeatures | undefined {
  if (!typeFamily(event.type)) return undefined;
  const f: IncidentFeatures = {
    type: event.type,
    perpetrators: [...event.perpetrators],
    groups: [],
    groupNames: {},
    names: [],
    words: [],
  };
  if (event.subtype) f.subtype = event.subtype;
  if (event.label) f.label = event.label;
  if (event.date?.value && event.date.resolved !== false) {
    const b = dateBounds(event.date.value, event.date.precision);
    if (b) f.date = { ...b, precision: event.date.precision, value: event.date.value };
  }
  if (published) f.published = published.slice(0, 10);
  const place = event.place ? entities.get(event.place) : undefined;
  if (event.place) {
    f.place = { id: event.place, name: place?.name ?? event.place };
    if (place?.geo) {
      f.place.lat = place.geo.lat;
      f.place.lon = place.geo.lon;
      if (place.geo.precision) f.place.precision = place.geo.precision;
    }
  }
  const country = event.country ?? place?.geo?.country;
  if (country) f.country = country.toUpperCase();
  const groups = new Set<string>();
  for (const p of event.perpetrators) {
    let id: string | undefined = p;
    for (let depth = 0; id && depth < 4 && !groups.has(id); depth++) {
      groups.add(id);
      f.groupNames[id] = entities.get(id)?.name ?? id;
      id = entities.get(id)?.parent;
    }
  }
  f.groups = [...groups].sort();
  const names = new Map<string, string>();
  const wordSet = new Set<string>();
  for (const t of event.targets) {
    const e = t.entity ? entities.get(t.entity) : undefined;
    if (t.entity && e && distinctive(e)) names.set(t.entity, e.name);
    for (const w of words(t.text)) wordSet.add(w);
  }
  for (const v of event.victims ?? []) {
    const e = v.entity ? entities.get(v.entity) : undefined;
    if (v.entity && e && distinctive(e)) names.set(v.entity, e.name);
    for (const w of words(v.text)) wordSet.add(w);
  }
  // Facilities and named events mentioned inside the event's evidence ("… at the Crocus City Hall …").
  for (const e of entities.values()) {
    if (!NAME_KINDS.has(e.kind) || names.has(e.id)) continue;
    const inside = e.mentions.some((m) => event.evidence.some((s) => m.start >= s.start && m.end <= s.end));
    if (inside) names.set(e.id, e.name);
  }
  f.names = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => (a.id < b.id ? -1 : 1));
  f.words = [...wordSet].sort();
  const k = event.casualties?.killed;
  const killed = k ? (k.max ?? k.min) : undefined;
  if (killed !== undefined) f.killed = killed;
  const w = event.casualties?.wounded;
  const wounded = w ? (w.max ?? w.min) : undefined;
  if (wounded !== undefined) f.wounded = wounded;
  return f;
}

/**
 * Blocking keys for undated members: one per distinctive name ("name:facility:crocus-city-hall"),
 * and one per place and target word ("place:geonames:3598132:oqueli").
 */
export function blockKeys(f: IncidentFeatures): string[] {
  const keys = f.names.map((n) => `name:${n.id}`);
  if (f.place) for (const w of f.words) keys.push(`place:${f.place.id}:${w}`);
  return keys;
}

/** True when the event's date takes part in date blocking (day or month precision). */
function dateBlocked(
  f: IncidentFeatures,
): f is IncidentFeatures & { date: NonNullable<IncidentFeatures["date"]> } {
  return f.date !== undefined && BLOCK_PRECISIONS.has(f.date.precision);
}

function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round(Math.abs(t(a) - t(b)) / 86_400_000);
}

/**
 * The blocking relation, symmetric: same family, and either both dated (day/month) with
 * overlapping periods (widened by ±3 days when both are day dates) and compatible countries,
 * or at least one undated and a shared distinctive name.
 */
export function isBlocked(a: IncidentFeatures, b: IncidentFeatures): boolean {
  if (typeFamily(a.type) !== typeFamily(b.type)) return false;
  if (dateBlocked(a) && dateBlocked(b)) {
    const tol = a.date.precision === "day" && b.date.precision === "day" ? DAY_WINDOW : 0;
    if (addDays(a.date.start, -tol) > b.date.end || addDays(b.date.start, -tol) > a.date.end) return false;
    return !a.country || !b.country || a.country === b.country;
  }
  const keys = new Set(blockKeys(a));
  return blockKeys(b).some((k) => keys.has(k));
}

/** The store queries that find every stored member `isBlocked` could accept for `f`. */
export function blockQuery(f: IncidentFeatures): IncidentBlockQuery {
  const family = typeFamily(f.type) ?? f.type;
  const keys = blockKeys(f);
  if (!dateBlocked(f)) return { family, keys };
  const tol = f.date.precision === "day" ? DAY_WINDOW : 0;
  const q: IncidentBlockQuery = {
    family,
    windows: [
      { precision: "day", from: addDays(f.date.start, -tol), to: addDays(f.date.end, tol) },
      // A month member starts on the 1st: its month overlaps [start, end] when it starts in one of their months.
      { precision: "month", from: `${f.date.start.slice(0, 7)}-01`, to: f.date.end },
    ],
    keys,
    keysUndatedOnly: true,
  };
  if (f.country) q.country = f.country;
  return q;
}

// ---- scoring ---------------------------------------------------------------------------------

/** Subtypes that different reports use for the same act. */
const SUBTYPE_GROUPS: string[][] = [
  ["bombing", "suicide_attack", "aviation_bombing"],
  ["armed_assault", "facility_attack", "assassination", "unarmed_assault"],
  ["kidnapping", "hostage_taking"],
];

function subtypesCompatible(a: string, b: string): boolean {
  return SUBTYPE_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

const km = greatCircleKm;

const COARSE_PLACE = new Set(["admin", "country", "region"]);

/**
 * Scores a pair of events (symmetric: scorePair(a, b) equals scorePair(b, a), reasons included).
 * Weights (docs/incidents.md):
 * - type: same type and subtype +1; same type, compatible or missing subtype +0.5; same type,
 *   conflicting subtypes −1.5; different types of one family −0.5;
 * - date: same day +1.5; one day apart +0.5; two or three days apart −0.5; a month date
 *   overlapping the other +0.25;
 * - place: same place +1.5 (same region or country +0.5); within 50 km +0.75; a region/country and a place in the same country
 *   +0.25; two places further apart −2; no places but the same country +0.25; different
 *   countries −3;
 * - perpetrators: a shared group (or parent group) +1; both named and disjoint −0.5;
 * - distinctive names (facility, named event, named target or victim) shared +4;
 * - target/victim words: two or more shared +2 ("hector oqueli"), one shared +0.5;
 * - killed: the later report's figure between 0.8× and 3×+5 of the earlier +0.5 (tolls grow),
 *   otherwise −1.
 */
export function scorePair(a: IncidentFeatures, b: IncidentFeatures): PairScore {
  // Order the pair canonically so that reasons read the same whichever side is new.
  if (canonical(b) < canonical(a)) [a, b] = [b, a];
  let score = 0;
  const reasons: string[] = [];
  const add = (w: number, why: string) => {
    score += w;
    reasons.push(`${w >= 0 ? "+" : ""}${w} ${why}`);
  };

  if (a.type === b.type) {
    const sa = a.subtype && a.subtype !== "unknown" ? a.subtype : undefined;
    const sb = b.subtype && b.subtype !== "unknown" ? b.subtype : undefined;
    if (sa && sb && sa === sb) add(1, `same type ${a.type}/${sa}`);
    else if (sa && sb && subtypesCompatible(sa, sb)) add(0.5, `compatible subtypes ${sa} ~ ${sb}`);
    else if (sa && sb) add(-1.5, `conflicting subtypes ${sa} vs ${sb}`);
    else add(0.5, `same type ${a.type}`);
  } else add(-0.5, `different types ${a.type} vs ${b.type}`);

  if (a.date && b.date) {
    if (a.date.precision === "day" && b.date.precision === "day") {
      const d = daysBetween(a.date.start, b.date.start);
      if (d === 0) add(1.5, `same day ${a.date.start}`);
      else if (d === 1) add(0.5, `dates one day apart (${a.date.start}, ${b.date.start})`);
      else if (d <= DAY_WINDOW) add(-0.5, `dates ${d} days apart (${a.date.start}, ${b.date.start})`);
      else add(-2, `dates ${d} days apart (${a.date.start}, ${b.date.start})`);
    } else if (a.date.start <= b.date.end && b.date.start <= a.date.end) {
      add(
        0.25,
        `dates overlap at ${a.date.precision}/${b.date.precision} precision (${a.date.value}, ${b.date.value})`,
      );
    }
  }

  if (a.country && b.country && a.country !== b.country)
    add(-3, `different countries ${a.country} vs ${b.country}`);
  else if (a.place && b.place) {
    if (a.place.id === b.place.id) {
      // A shared region or country says far less than a shared city.
      if (COARSE_PLACE.has(a.place.precision ?? "")) add(0.5, `same area ${a.place.name}`);
      else add(1.5, `same place ${a.place.name}`);
    } else {
      const coarse = COARSE_PLACE.has(a.place.precision ?? "") || COARSE_PLACE.has(b.place.precision ?? "");
      const dist =
        a.place.lat !== undefined &&
        a.place.lon !== undefined &&
        b.place.lat !== undefined &&
        b.place.lon !== undefined
          ? km({ lat: a.place.lat, lon: a.place.lon }, { lat: b.place.lat, lon: b.place.lon })
          : undefined;
      if (dist !== undefined && dist <= 50)
        add(0.75, `places ${Math.round(dist)} km apart (${a.place.name}, ${b.place.name})`);
      else if (coarse && a.country && a.country === b.country) {
        add(0.25, `${a.place.name} and ${b.place.name} in the same country ${a.country}`);
      } else {
        add(
          -2,
          `different places ${a.place.name} vs ${b.place.name}${dist !== undefined ? ` (${Math.round(dist)} km)` : ""}`,
        );
      }
    }
  } else if (a.country && a.country === b.country) add(0.25, `same country ${a.country}`);

  if (a.groups.length && b.groups.length) {
    const shared = a.groups.filter((g) => b.groups.includes(g));
    if (shared.length) add(1, `shared perpetrator ${shared.map((g) => a.groupNames[g] ?? g).join(", ")}`);
    else add(-0.5, "different perpetrators named");
  }

  const bNames = new Set(b.names.map((n) => n.id));
  const sharedNames = a.names.filter((n) => bNames.has(n.id));
  if (sharedNames.length) add(4, `shared name ${sharedNames.map((n) => n.name).join(", ")}`);

  if (a.words.length && b.words.length) {
    const bw = new Set(b.words);
    const shared = a.words.filter((w) => bw.has(w));
    if (shared.length >= 2) add(2, `shared target words: ${shared.join(" ")}`);
    else if (shared.length) add(0.5, `one shared target word: ${shared[0]}`);
  }

  if (a.killed !== undefined && b.killed !== undefined) {
    const [early, late] = (a.published ?? "") <= (b.published ?? "") ? [a, b] : [b, a];
    const e = early.killed ?? 0;
    const l = late.killed ?? 0;
    if (l >= e * 0.8 && l <= e * 3 + 5) add(0.5, `killed figures compatible (${e} then ${l})`);
    else add(-1, `killed figures differ (${e} then ${l})`);
  }
  return { score: Math.round(score * 100) / 100, reasons };
}

function canonical(f: IncidentFeatures): string {
  return JSON.stringify([
    f.date?.start ?? "",
    f.published ?? "",
    f.type,
    f.subtype ?? "",
    f.place?.id ?? "",
    f.names,
    f.words,
    f.groups,
    f.killed ?? -1,
  ]);
}

// ---- resolution ------------------------------------------------------------------------------

/**
 * Orders members: date start (undated last), document id, event id. The separator is U+0001:
 * below every printable character (so a shorter id sorts first, as with NUL) and storable in
 * PostgreSQL text, which refuses NUL.
 */
export function sortKey(f: IncidentFeatures, documentId: string, eventId: string): string {
  return `${f.date?.start ?? "9999-12-31"}\u0001${documentId}\u0001${eventId}`;
}

/** The id of the incident whose earliest member has this sort key. */
export function incidentIdFor(head: string): string {
  return makeId("incident", head);
}

/** Total order of a member's candidate best links: higher score, then the partner's ids. */
function better(
  s: number,
  partner: { documentId: string; eventId: string },
  current: { score?: number; linkedTo?: { documentId: string; eventId: string } },
): boolean {
  if (current.score === undefined || !current.linkedTo) return true;
  if (s !== current.score) return s > current.score;
  const a = `${partner.documentId}\u0000${partner.eventId}`;
  const b = `${current.linkedTo.documentId}\u0000${current.linkedTo.eventId}`;
  return a < b;
}

type Link = { score?: number; reasons: string[]; linkedTo?: { documentId: string; eventId: string } };

const memberKey = (m: { documentId: string; eventId: string }) => `${m.documentId}\u0000${m.eventId}`;

/**
 * Links the incident-forming events of one stored document (idempotent: events already linked
 * are skipped). Call it after `store.saveAnalysis` succeeded for the document.
 *
 * Membership (docs/incidents.md § Linking): dated events (day or month precision) form incidents
 * as connected components of their links ("core" links); an undated event follows its single best
 * link — to a dated event's incident, or, through other undated events, to a group of its own — so
 * it never joins two dated incidents. Each new event is one step: score its block, update the best
 * links it beats, recompute the membership of every member of the incidents involved, write.
 */
export async function resolveIncidents(
  store: Store,
  input: { document: Pick<Document, "id" | "published">; analysis: Pick<Analysis, "events" | "entities"> },
  options: { threshold?: number } = {},
): Promise<ResolveReport> {
  const threshold = options.threshold ?? LINK_THRESHOLD;
  const docId = input.document.id;
  const report: ResolveReport = { linked: [], created: [], merged: [], candidates: 0 };
  const done = new Set((await store.listIncidentMembers({ documentId: docId })).map((m) => m.eventId));
  const entities = new Map(input.analysis.entities.map((e) => [e.id, e]));
  const fresh: { event: Event; f: IncidentFeatures; key: string }[] = [];
  for (const event of [...input.analysis.events].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (done.has(event.id)) continue;
    const f = eventFeatures(event, entities, input.document.published);
    if (f) fresh.push({ event, f, key: sortKey(f, docId, event.id) });
  }
  // Events of one document are never scored against each other, so taking them one at a time
  // gives the same result as taking them together.
  for (const item of fresh) await resolveOne(store, docId, item, threshold, report);
  if (fresh.length) await replacePlaced(store, docId);
  return report;
}

async function resolveOne(
  store: Store,
  docId: string,
  { event, f, key }: { event: Event; f: IncidentFeatures; key: string },
  threshold: number,
  report: ResolveReport,
): Promise<void> {
  // A report whose link an analyst rejected stands alone (docs/review.md): it links to nothing
  // and nothing links to it, whichever order the reports arrive in.
  const history = await store.listReviews({ itemKind: "incident_link", documentId: docId, itemId: event.id });
  // Likewise a report an analyst placed with another (an edited link): only the analyst moves it.
  const last = history.at(-1)?.decision;
  const analystControlled = last === "rejected" || last === "edited";
  const candidates = analystControlled
    ? []
    : (await store.blockIncidents(blockQuery(f))).filter(
        (m) =>
          m.documentId !== docId &&
          m.reviewState !== "rejected" &&
          m.reviewState !== "edited" &&
          isBlocked(f, m.features as IncidentFeatures),
      );
  report.candidates += candidates.length;
  const me = { documentId: docId, eventId: event.id };
  const meDated = dateBlocked(f);
  const mine: Link = { reasons: [] };
  /** Dated candidates the new event is core-linked to. */
  const core: IncidentMember[] = [];
  /** Candidates whose best link becomes the new event. */
  const relinked = new Map<string, Link>();
  for (const m of candidates) {
    const other = m.features as IncidentFeatures;
    const s = scorePair(f, other);
    if (s.score < linkThreshold(f, other, threshold)) continue;
    const partner = { documentId: m.documentId, eventId: m.eventId };
    const otherDated = dateBlocked(other);
    if (meDated && otherDated) core.push(m);
    // A dated event's shown link is its best core link; an undated one's is its best link of any kind.
    if ((!meDated || otherDated) && better(s.score, partner, mine)) {
      Object.assign(mine, { score: s.score, reasons: s.reasons, linkedTo: partner });
    }
    if ((!otherDated || meDated) && better(s.score, me, m)) {
      relinked.set(memberKey(m), { score: s.score, reasons: s.reasons, linkedTo: me });
    }
  }

  // Every member of the incidents involved, as stored, plus the new event.
  const involved = new Set<string>();
  for (const m of core) involved.add(m.incidentId);
  if (!meDated && mine.linkedTo) {
    const p = candidates.find(
      (c) => memberKey(c) === memberKey(mine.linkedTo as { documentId: string; eventId: string }),
    );
    if (p) involved.add(p.incidentId);
  }
  for (const m of candidates) if (relinked.has(memberKey(m))) involved.add(m.incidentId);
  const members = new Map<string, IncidentMember>();
  for (const id of [...involved].sort()) {
    for (const m of await store.listIncidentMembers({ incidentId: id })) members.set(memberKey(m), m);
  }
  const newMember: IncidentMember = {
    incidentId: "",
    documentId: docId,
    eventId: event.id,
    family: typeFamily(f.type) ?? f.type,
    sortKey: key,
    features: f,
    reasons: mine.reasons,
    reviewState: "proposed",
  };
  if (mine.score !== undefined) newMember.score = mine.score;
  if (mine.linkedTo) newMember.linkedTo = mine.linkedTo;
  if (meDated) {
    newMember.dateStart = f.date.start;
    newMember.dateEnd = f.date.end;
    newMember.datePrecision = f.date.precision;
  }
  if (f.country) newMember.country = f.country;
  const meKey = memberKey(me);
  members.set(meKey, newMember);
  const before = new Map(
    [...members].map(([k, m]) => [k, { incidentId: m.incidentId, score: m.score, linkedTo: m.linkedTo }]),
  );
  for (const [k, link] of relinked) {
    const m = members.get(k);
    if (m) members.set(k, { ...m, score: link.score, reasons: link.reasons, linkedTo: link.linkedTo });
  }

  // Dated members: components of their incidents, joined by the new event's core links.
  const dated = (m: IncidentMember) => m.dateStart !== undefined;
  const root = new Map<string, string>();
  const findRoot = (x: string): string => {
    let r = x;
    while (root.get(r) !== undefined && root.get(r) !== r) r = root.get(r) as string;
    return r;
  };
  const join = (a: string, b: string) => {
    const ra = findRoot(a);
    const rb = findRoot(b);
    if (ra === rb) return;
    if (ra < rb) root.set(rb, ra);
    else root.set(ra, rb);
  };
  for (const m of members.values())
    if (dated(m) && m.incidentId) root.set(`inc:${m.incidentId}`, findRoot(`inc:${m.incidentId}`));
  if (meDated) {
    root.set("new", "new");
    for (const m of core) join("new", `inc:${m.incidentId}`);
  }
  const datedGroup = (m: IncidentMember) => findRoot(m === newMember ? "new" : `inc:${m.incidentId}`);
  // Undated members follow their best links to a dated member, or into a cycle.
  const terminal = new Map<string, string>();
  const resolve = (k: string): string => {
    const known = terminal.get(k);
    if (known) return known;
    const path: string[] = [];
    const seen = new Set<string>();
    let cur: string | undefined = k;
    let label: string | undefined;
    while (cur !== undefined) {
      const m = members.get(cur);
      if (!m) {
        label = `kept:${members.get(path[path.length - 1] ?? k)?.incidentId ?? k}`;
        break;
      }
      if (dated(m)) {
        label = datedGroup(m);
        break;
      }
      const t = terminal.get(cur);
      if (t) {
        label = t;
        break;
      }
      if (seen.has(cur)) {
        const cycle = path.slice(path.indexOf(cur));
        label = `cycle:${cycle.sort()[0]}`;
        break;
      }
      seen.add(cur);
      path.push(cur);
      cur = m.linkedTo ? memberKey(m.linkedTo) : undefined;
    }
    label ??= `alone:${path[path.length - 1]}`;
    for (const p of path) terminal.set(p, label);
    return label;
  };
  const groups = new Map<string, IncidentMember[]>();
  for (const [k, m] of members) {
    const g = dated(m) ? datedGroup(m) : resolve(k);
    const list = groups.get(g);
    if (list) list.push(m);
    else groups.set(g, [m]);
  }

  const changes: IncidentMemberInput[] = [];
  for (const list of groups.values()) {
    const head = list.reduce((a, b) => (b.sortKey < a.sortKey ? b : a)).sortKey;
    const incidentId = incidentIdFor(head);
    for (const m of list) {
      const was = before.get(memberKey(m));
      const isNew = memberKey(m) === meKey;
      if (isNew) {
        if (m.score !== undefined) {
          report.linked.push({ eventId: event.id, incidentId, score: m.score, reasons: m.reasons });
        } else report.created.push({ eventId: event.id, incidentId });
      }
      if (!isNew && was && was.incidentId === incidentId && !relinked.has(memberKey(m))) continue;
      if (!isNew && was && was.incidentId !== incidentId) {
        if (!report.merged.some((x) => x.from === was.incidentId && x.into === incidentId)) {
          report.merged.push({ from: was.incidentId, into: incidentId });
        }
      }
      const { reviewState, incidentHead, ...rest } = m;
      changes.push({ ...rest, incidentId, keys: blockKeys(m.features as IncidentFeatures) });
    }
  }
  await store.applyIncidentChanges({ merges: [], members: changes });
}

/**
 * An analyst rejected the link of one member (docs/review.md): the member leaves its incident to
 * stand alone, and the rest of the incident is regrouped without it by the resolver's own rules
 * (dated reports joined by their links, undated ones following their best link) — so reports
 * that were held together only through the rejected one come apart. Later reports never link to
 * it (`resolveIncidents` skips rejected members), and re-ingesting it keeps it alone.
 * Limitation: regrouping looks only inside the incident; an undated report whose best link was
 * the rejected one is not re-scored against other incidents until it is re-ingested.
 */
export async function detachMember(
  store: Store,
  key: { documentId: string; eventId: string },
  options: { threshold?: number } = {},
): Promise<void> {
  const threshold = options.threshold ?? LINK_THRESHOLD;
  const [me] = (await store.listIncidentMembers({ documentId: key.documentId })).filter(
    (m) => m.eventId === key.eventId,
  );
  if (!me) return;
  const rest = (await store.listIncidentMembers({ incidentId: me.incidentId })).filter(
    (m) => memberKey(m) !== memberKey(me) && m.reviewState !== "rejected",
  );
  const changes: IncidentMemberInput[] = [];
  const { reviewState, incidentHead, score, linkedTo, ...alone } = me;
  changes.push({
    ...alone,
    incidentId: incidentIdFor(me.sortKey),
    reasons: ["an analyst rejected the link"],
    keys: blockKeys(me.features as IncidentFeatures),
  });
  for (const m of regroup(rest, threshold)) {
    const { reviewState: _r, incidentHead: _h, ...input } = m;
    changes.push({ ...input, keys: blockKeys(m.features as IncidentFeatures) });
  }
  await store.applyIncidentChanges({ merges: [], members: changes });
}

/** Groups a set of members by the resolver's rules, with fresh best links and incident ids. */
function regroup(members: IncidentMember[], threshold: number): IncidentMember[] {
  const out = members.map((m) => {
    const copy: IncidentMember = { ...m, reasons: [] };
    delete copy.score;
    delete copy.linkedTo;
    return copy;
  });
  const byKey = new Map(out.map((m) => [memberKey(m), m]));
  const root = new Map<string, string>(out.map((m) => [memberKey(m), memberKey(m)]));
  const find = (x: string): string => {
    let r = x;
    while (root.get(r) !== r) r = root.get(r) as string;
    return r;
  };
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i];
      const b = out[j];
      if (a.documentId === b.documentId) continue;
      const fa = a.features as IncidentFeatures;
      const fb = b.features as IncidentFeatures;
      if (!isBlocked(fa, fb)) continue;
      const s = scorePair(fa, fb);
      if (s.score < linkThreshold(fa, fb, threshold)) continue;
      const aDated = dateBlocked(fa);
      const bDated = dateBlocked(fb);
      if (aDated && bDated) {
        const ra = find(memberKey(a));
        const rb = find(memberKey(b));
        if (ra !== rb) root.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
      }
      for (const [x, y, xDated, yDated] of [
        [a, b, aDated, bDated],
        [b, a, bDated, aDated],
      ] as const) {
        const partner = { documentId: y.documentId, eventId: y.eventId };
        if ((!xDated || yDated) && better(s.score, partner, x)) {
          x.score = s.score;
          x.reasons = s.reasons;
          x.linkedTo = partner;
        }
      }
    }
  }
  // Undated members follow their best links to a dated member's group, or into a cycle.
  const label = new Map<string, string>();
  const groupOf = (k: string): string => {
    const seen: string[] = [];
    let cur: string | undefined = k;
    while (cur !== undefined) {
      const m = byKey.get(cur);
      if (!m) break;
      if (m.dateStart !== undefined || dateBlocked(m.features as IncidentFeatures)) return find(cur);
      const known = label.get(cur);
      if (known) return known;
      if (seen.includes(cur)) return `cycle:${seen.slice(seen.indexOf(cur)).sort()[0]}`;
      seen.push(cur);
      cur = m.linkedTo ? memberKey(m.linkedTo) : undefined;
    }
    return `alone:${seen[seen.length - 1] ?? k}`;
  };
  const groups = new Map<string, IncidentMember[]>();
  for (const m of out) {
    const g = groupOf(memberKey(m));
    label.set(memberKey(m), g);
    const list = groups.get(g);
    if (list) list.push(m);
    else groups.set(g, [m]);
  }
  for (const list of groups.values()) {
    const head = list.reduce((a, b) => (b.sortKey < a.sortKey ? b : a)).sortKey;
    for (const m of list) m.incidentId = incidentIdFor(head);
  }
  return out;
}

/**
 * The anchor for moving a report into incident `incidentId`: its earliest member other than the
 * report itself. E_NOT_FOUND when there is no such incident (or it holds only the report).
 */
export async function linkAnchor(
  store: Store,
  incidentId: string,
  me: { documentId: string; eventId: string },
): Promise<{ documentId: string; eventId: string }> {
  const members = (await store.listIncidentMembers({ incidentId })).filter(
    (m) => memberKey(m) !== memberKey(me) && m.reviewState !== "rejected",
  );
  const head = members.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))[0];
  if (!head) {
    throw new SitrepError(
      "E_NOT_FOUND",
      `no incident ${incidentId} with other reports to move the report into`,
      {
        field: "incidentId",
        incidentId,
      },
    );
  }
  return { documentId: head.documentId, eventId: head.eventId };
}

/**
 * An analyst put a report with another (docs/review.md): it leaves its incident (the rest is
 * regrouped as for a rejected link) and joins the anchor's incident, linked to the anchor with
 * the reason "placed by an analyst". Incidents are never split by later resolution steps (they
 * only join), so the placement holds as reports arrive; a re-ingested report whose history says
 * so is placed again (`resolveIncidents`).
 */
export async function placeMember(
  store: Store,
  key: { documentId: string; eventId: string },
  anchor: { documentId: string; eventId: string },
): Promise<void> {
  await detachMember(store, key);
  const [me] = (await store.listIncidentMembers({ documentId: key.documentId })).filter(
    (m) => m.eventId === key.eventId,
  );
  const [target] = (await store.listIncidentMembers({ documentId: anchor.documentId })).filter(
    (m) => m.eventId === anchor.eventId,
  );
  if (!me || !target) return;
  const group = (await store.listIncidentMembers({ incidentId: target.incidentId })).filter(
    (m) => memberKey(m) !== memberKey(me),
  );
  const head = [...group, me].reduce((a, b) => (b.sortKey < a.sortKey ? b : a)).sortKey;
  const incidentId = incidentIdFor(head);
  const changes: IncidentMemberInput[] = [];
  for (const m of group) {
    if (m.incidentId === incidentId) continue;
    const { reviewState: _r, incidentHead: _h, ...input } = m;
    changes.push({ ...input, incidentId, keys: blockKeys(m.features as IncidentFeatures) });
  }
  const { reviewState: _r, incidentHead: _h, score: _s, ...mine } = me;
  changes.push({
    ...mine,
    incidentId,
    linkedTo: { documentId: anchor.documentId, eventId: anchor.eventId },
    reasons: ["placed by an analyst"],
    keys: blockKeys(me.features as IncidentFeatures),
  });
  await store.applyIncidentChanges({ merges: [], members: changes });
}

/**
 * Analysts' placements survive re-ingesting in any order: after a document's events are resolved,
 * every placed report (an `edited` incident link with an anchor) whose own document or anchor's
 * document this is goes back with its anchor, when both are stored.
 */
async function replacePlaced(store: Store, docId: string): Promise<void> {
  const latest = new Map<string, { documentId: string; eventId: string; withEvent?: string }>();
  for (const r of await store.listReviews({ itemKind: "incident_link" })) {
    const withEvent =
      r.decision === "edited" && typeof r.edit?.withEvent === "string" ? r.edit.withEvent : undefined;
    latest.set(`${r.documentId}\u0001${r.itemId}`, {
      documentId: r.documentId,
      eventId: r.itemId,
      ...(withEvent ? { withEvent } : {}),
    });
  }
  for (const p of latest.values()) {
    if (!p.withEvent) continue;
    const [documentId, eventId] = p.withEvent.split(" ");
    if (p.documentId !== docId && documentId !== docId) continue;
    const [me] = (await store.listIncidentMembers({ documentId: p.documentId })).filter(
      (m) => m.eventId === p.eventId,
    );
    const [anchor] = (await store.listIncidentMembers({ documentId })).filter((m) => m.eventId === eventId);
    if (!me || !anchor || me.incidentId === anchor.incidentId) continue;
    await placeMember(store, { documentId: p.documentId, eventId: p.eventId }, { documentId, eventId });
  }
}
