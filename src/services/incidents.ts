import type { AttributionStatus, Range, ReviewState } from "../core/index.js";
import type { IncidentSummary, ListIncidentsOptions, Store, StoredEvent } from "../store/store.js";
import {
  type Grade,
  gradeSummary,
  Knowledge,
  type KnowledgeOptions,
  type Reviewed,
  reliabilityRank,
} from "./knowledge.js";

/**
 * The incident view (docs/incidents.md): every field of an incident with all the values its
 * sources reported, a preferred value chosen by a documented rule, and the sources behind each.
 *
 * Preferred-value rules (an analyst's edit of a member event's killed/wounded figure wins over
 * all of them; rejected reports are left out of the values; edited fields read as edited):
 * - casualties (killed, wounded): the latest report from the most reliable source — the best
 *   Admiralty reliability among the reports, then the document published last (tolls are
 *   revised upwards as the dead are counted); ties go to the larger figure;
 * - date: the most precise (day over month over year); ties go to the value most sources give,
 *   then the earliest;
 * - place: the most precise (point or city over admin area over country or region); ties go to
 *   the place most sources give;
 * - perpetrators are not reduced to one value: each group is listed with its attribution status
 *   per source (claimed per A; attributed by the US per B; disputed by the Russian government per C).
 */

export interface SourceRef {
  documentId: string;
  eventId: string;
  title?: string;
  published?: string;
  source?: string;
}

export interface Reported<T> {
  value: T;
  /** The text the source used ("at least 133 people"), when known. */
  text?: string;
  source: SourceRef;
  /** Admiralty grade of the report (docs/grades.md). */
  grade?: Grade;
  /** Set when the value is an analyst's edit. */
  analyst?: string;
}

export interface IncidentField<T> {
  values: Reported<T>[];
  preferred?: Reported<T>;
  /** How `preferred` was chosen. */
  rule: string;
  /** How many of the values rest on each grade ("B2": 2, "F6": 1). */
  grades: Record<string, number>;
}

export interface Attribution {
  status: AttributionStatus | "reported";
  /** Entity id of the party making the claim or attribution. */
  by?: string;
  byName?: string;
  /** Parties that dispute it (entity ids and names). */
  disputedBy?: { id: string; name: string }[];
  source: SourceRef;
  grade?: Grade;
}

export interface IncidentPerpetrator {
  entity: string;
  name: string;
  attributions: Attribution[];
}

export interface IncidentMemberView {
  source: SourceRef;
  label?: string;
  score?: number;
  reasons: string[];
  linkedTo?: { documentId: string; eventId: string };
  reviewState: ReviewState;
  grade?: Grade;
}

export interface IncidentView {
  id: string;
  family: string;
  type: string;
  subtype?: string;
  label?: string;
  reviewState: ReviewState;
  eventCount: number;
  documentCount: number;
  date: IncidentField<{ value: string; precision: string }>;
  place: IncidentField<{ id: string; name: string; country?: string; precision?: string }>;
  killed: IncidentField<{ min?: number; max?: number; approx?: boolean }>;
  wounded: IncidentField<{ min?: number; max?: number; approx?: boolean }>;
  targets: IncidentField<{ text: string; entity?: string }>;
  perpetrators: IncidentPerpetrator[];
  members: IncidentMemberView[];
  /** How many reports rest on each grade. */
  grades: Record<string, number>;
  /** Set for an "as of" view: only reports published by then, decisions made by then. */
  asOf?: string;
}

const LATEST_RULE = "latest report from the most reliable source (Admiralty A best; ties: larger figure)";

const DATE_RANK: Record<string, number> = { day: 4, month: 3, year: 2, decade: 1, unknown: 0 };
const PLACE_RANK: Record<string, number> = { point: 4, city: 3, admin: 2, country: 1, region: 1 };

function sourceOf(ev: StoredEvent): SourceRef {
  const s: SourceRef = { documentId: ev.documentId, eventId: ev.id };
  if (ev.documentTitle) s.title = ev.documentTitle;
  if (ev.published) s.published = ev.published;
  if (ev.source) s.source = ev.source;
  return s;
}

function rangeValue(r: Range): { min?: number; max?: number; approx?: boolean } {
  const out: { min?: number; max?: number; approx?: boolean } = {};
  if (r.min !== undefined) out.min = r.min;
  if (r.max !== undefined) out.max = r.max;
  if (r.approx) out.approx = true;
  return out;
}

/** The figure a range stands for when comparing: its maximum, else its minimum. */
function figure(v: { min?: number; max?: number }): number {
  return v.max ?? v.min ?? 0;
}

function byPublished(a: SourceRef, b: SourceRef): number {
  const pa = a.published ?? "";
  const pb = b.published ?? "";
  return pa < pb ? -1 : pa > pb ? 1 : a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}

const relRank = (r: Reported<unknown>) => (r.grade ? reliabilityRank(r.grade.reliability) : 5);

function latest<T extends { min?: number; max?: number }>(values: Reported<T>[]): Reported<T> | undefined {
  return [...values].sort(
    (a, b) => relRank(a) - relRank(b) || byPublished(b.source, a.source) || figure(b.value) - figure(a.value),
  )[0];
}

function mostSupported<T>(
  values: Reported<T>[],
  key: (v: T) => string,
  rank: (v: T) => number,
): Reported<T> | undefined {
  const support = new Map<string, number>();
  for (const v of values) support.set(key(v.value), (support.get(key(v.value)) ?? 0) + 1);
  return [...values].sort(
    (a, b) =>
      rank(b.value) - rank(a.value) ||
      (support.get(key(b.value)) ?? 0) - (support.get(key(a.value)) ?? 0) ||
      byPublished(a.source, b.source),
  )[0];
}

function field<T>(values: Reported<T>[], preferred: Reported<T> | undefined, rule: string): IncidentField<T> {
  const f: IncidentField<T> = {
    values,
    rule,
    grades: gradeSummary(values.filter((v): v is Reported<T> & { grade: Grade } => v.grade !== undefined)),
  };
  if (preferred) f.preferred = preferred;
  return f;
}

/** The incident with every reported value and its sources; undefined when there is no such incident. */
export async function incidentView(
  store: Store,
  id: string,
  options: KnowledgeOptions & { knowledge?: Knowledge } = {},
): Promise<IncidentView | undefined> {
  const detail = await store.getIncident(id);
  if (!detail) return undefined;
  const k = options.knowledge ?? (await Knowledge.open(store, options));
  // Reports known (as of the view's date) whose link to the incident an analyst did not reject.
  const linked = detail.members.filter(
    (m) =>
      k.known(m.event.published, m.event.ingestedAt) &&
      k.stateOf("incident_link", m.documentId, m.eventId, m.reviewState) !== "rejected",
  );
  if (!linked.length) return undefined;
  const sources = new Map(linked.map((m) => [m.documentId, m.event.source ?? m.documentId]));
  const corroboration = (ev: StoredEvent) =>
    new Set([...sources.values()].filter((s) => s !== (ev.source ?? ev.documentId))).size;
  const graded = new Map<string, Reviewed<StoredEvent>>();
  // Values are listed in publication order (then document id), so a revised figure reads as one.
  const events = linked
    .flatMap((m) => {
      const r = k.reviewEvent(m.event, corroboration(m.event));
      if (r) graded.set(`${m.documentId}\u0000${m.eventId}`, r);
      return r ?? [];
    })
    .sort((a, b) => byPublished(sourceOf(a), sourceOf(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const names = new Map<string, { name: string; country?: string; precision?: string }>();
  const canonical = new Map<string, string>();
  const ids = new Set<string>();
  for (const ev of events) {
    if (ev.place) ids.add(ev.place);
    for (const p of ev.perpetrators) ids.add(p);
    if (ev.attribution?.by) ids.add(ev.attribution.by);
    for (const d of ev.attribution?.disputedBy ?? []) ids.add(d);
  }
  for (const p of [...ids]) {
    // A perpetrator merged into another actor reads as that actor.
    const e = await store.getEntity(p);
    if (e?.mergedInto) ids.add(e.mergedInto);
  }
  for (const eid of [...ids].sort()) {
    const e = await store.getEntity(eid);
    if (e) {
      if (e.mergedInto) canonical.set(eid, e.mergedInto);
      const n: { name: string; country?: string; precision?: string } = { name: e.name };
      if (e.geo?.country) n.country = e.geo.country;
      if (e.geo?.precision) n.precision = e.geo.precision;
      names.set(eid, n);
    }
  }
  const nameOf = (eid: string) => names.get(eid)?.name ?? eid;

  const dates: Reported<{ value: string; precision: string }>[] = [];
  const places: Reported<{ id: string; name: string; country?: string; precision?: string }>[] = [];
  const killed: Reported<{ min?: number; max?: number; approx?: boolean }>[] = [];
  const wounded: Reported<{ min?: number; max?: number; approx?: boolean }>[] = [];
  const targets: Reported<{ text: string; entity?: string }>[] = [];
  const perps = new Map<string, IncidentPerpetrator>();
  // Analysts' edits of casualty figures win over every report (review history, docs/review.md).
  const analystKilled: Reported<{ min?: number; max?: number; approx?: boolean }>[] = [];
  const analystWounded: Reported<{ min?: number; max?: number; approx?: boolean }>[] = [];
  for (const ev of events) {
    const edit = k.overrides("event", ev.documentId, ev.id);
    const analyst = k.editor("event", ev.documentId, ev.id) ?? "";
    const source = { ...sourceOf(ev), title: `analyst ${analyst}`.trim() };
    if (typeof edit.killed === "number")
      analystKilled.push({ value: { min: edit.killed, max: edit.killed }, source, analyst, grade: ev.grade });
    if (typeof edit.wounded === "number")
      analystWounded.push({
        value: { min: edit.wounded, max: edit.wounded },
        source,
        analyst,
        grade: ev.grade,
      });
  }
  for (const ev of events) {
    const source = sourceOf(ev);
    const grade = ev.grade;
    const edit = k.overrides("event", ev.documentId, ev.id);
    if (ev.date?.value) {
      const r: Reported<{ value: string; precision: string }> = {
        value: { value: ev.date.value, precision: ev.date.precision },
        source,
      };
      if (ev.date.text) r.text = ev.date.text;
      r.grade = grade;
      dates.push(r);
    }
    if (ev.place) {
      const info = names.get(ev.place);
      const v: { id: string; name: string; country?: string; precision?: string } = {
        id: ev.place,
        name: nameOf(ev.place),
      };
      const country = info?.country ?? ev.country;
      if (country) v.country = country;
      if (info?.precision) v.precision = info.precision;
      places.push({ value: v, source, grade });
    }
    for (const [list, r] of [
      [killed, ev.casualties?.killed],
      [wounded, ev.casualties?.wounded],
    ] as const) {
      if (!r || (r.min === undefined && r.max === undefined)) continue;
      // An analyst's figure is listed once, as the analyst's (above), not as the source's.
      if (list === killed && typeof edit.killed === "number") continue;
      if (list === wounded && typeof edit.wounded === "number") continue;
      const rep: Reported<{ min?: number; max?: number; approx?: boolean }> = {
        value: rangeValue(r),
        source,
        grade,
      };
      if (r.text) rep.text = r.text;
      list.push(rep);
    }
    for (const t of ev.targets) {
      const v: { text: string; entity?: string } = { text: t.text };
      if (t.entity) v.entity = t.entity;
      targets.push({ value: v, source, grade });
    }
    for (const raw of ev.perpetrators) {
      const p = canonical.get(raw) ?? raw;
      let entry = perps.get(p);
      if (!entry) {
        entry = { entity: p, name: nameOf(p), attributions: [] };
        perps.set(p, entry);
      }
      const a: Attribution = { status: ev.attribution?.status ?? "reported", source, grade };
      const by = ev.attribution?.by;
      if (by) {
        a.by = by;
        a.byName = nameOf(by);
      }
      // a dispute names its holder once: as `by` of a "disputed" status, not again among disputedBy
      const disputed = (ev.attribution?.disputedBy ?? []).filter(
        (d) => !(a.status === "disputed" && d === by),
      );
      if (disputed.length) a.disputedBy = disputed.map((d) => ({ id: d, name: nameOf(d) }));
      entry.attributions.push(a);
    }
  }

  const view: IncidentView = {
    id: detail.id,
    family: detail.family,
    type: detail.type,
    reviewState: detail.reviewState,
    eventCount: linked.length,
    documentCount: new Set(linked.map((m) => m.documentId)).size,
    date: field(
      dates,
      mostSupported(
        dates,
        (v) => v.value,
        (v) => DATE_RANK[v.precision] ?? 0,
      ),
      "most precise date; ties: most sources, then earliest report",
    ),
    place: field(
      places,
      mostSupported(
        places,
        (v) => v.id,
        (v) => PLACE_RANK[v.precision ?? ""] ?? 0,
      ),
      "most precise place; ties: most sources, then earliest report",
    ),
    killed: analystKilled.length
      ? field([...killed, ...analystKilled], analystKilled.at(-1), "analyst override")
      : field(killed, latest(killed), LATEST_RULE),
    wounded: analystWounded.length
      ? field([...wounded, ...analystWounded], analystWounded.at(-1), "analyst override")
      : field(wounded, latest(wounded), LATEST_RULE),
    targets: field(targets, undefined, "all reported targets are kept"),
    perpetrators: [...perps.values()].sort(
      (a, b) => b.attributions.length - a.attributions.length || (a.entity < b.entity ? -1 : 1),
    ),
    grades: gradeSummary(events),
    members: linked.map((m) => {
      const mv: IncidentMemberView = {
        source: sourceOf(m.event),
        reasons: m.reasons,
        reviewState: k.stateOf("incident_link", m.documentId, m.eventId, m.reviewState),
      };
      const g = graded.get(`${m.documentId}\u0000${m.eventId}`);
      if (g) mv.grade = g.grade;
      if (m.event.label) mv.label = m.event.label;
      if (m.score !== undefined) mv.score = m.score;
      if (m.linkedTo) mv.linkedTo = m.linkedTo;
      return mv;
    }),
  };
  if (detail.subtype) view.subtype = detail.subtype;
  if (detail.label) view.label = detail.label;
  if (k.asOf) view.asOf = k.asOf;
  return view;
}

export interface IncidentListOptions {
  /** An entity id or a name/alias of one. */
  actor?: string;
  country?: string;
  since?: string;
  limit?: number;
  /** YYYY-MM-DD: only incidents reported by then (by documents published on or before it). */
  asOf?: string;
}

/** Incidents matching the filters, latest first. An unknown actor name matches nothing. */
export async function listIncidents(
  store: Store,
  options: IncidentListOptions = {},
): Promise<IncidentSummary[]> {
  const query: ListIncidentsOptions = {};
  if (options.actor) {
    const entity = (await store.getEntity(options.actor)) ?? (await store.findEntityByName(options.actor));
    if (!entity) return [];
    query.actor = entity.id;
  }
  if (options.country) query.country = options.country;
  if (options.since) query.since = options.since;
  if (!options.asOf) {
    if (options.limit !== undefined) query.limit = options.limit;
    return store.listIncidents(query);
  }
  const k = await Knowledge.open(store, { asOf: options.asOf });
  const out: IncidentSummary[] = [];
  for (const summary of await store.listIncidents(query)) {
    const detail = await store.getIncident(summary.id);
    if (!detail?.members.some((m) => k.known(m.event.published, m.event.ingestedAt))) continue;
    out.push(summary);
    if (options.limit !== undefined && out.length >= options.limit) break;
  }
  return out;
}
