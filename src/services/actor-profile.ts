import { SitrepError } from "../core/index.js";
import type { EntitySummary, IncidentSummary, Store, StoredClaim, StoredEvent } from "../store/store.js";
import { incidentView } from "./incidents.js";
import { type Grade, gradeSummary, Knowledge, type KnowledgeOptions, type Reviewed } from "./knowledge.js";

export interface ValueSource {
  documentId: string;
  title?: string;
  published?: string;
  source?: string;
  evidence: string;
  grade: Grade;
}

export interface SourcedValue {
  value: string;
  object?: string;
  stance?: string;
  heldBy?: string;
  qualifiers?: StoredClaim["qualifiers"];
  /** Earliest publication date among the sources (how the values are ordered over time). */
  firstReported?: string;
  sources: ValueSource[];
  /** How many of the sources rest on each Admiralty grade. */
  grades: Record<string, number>;
}

/** Where the actor is active: from its incidents (first and last dates) and area claims. */
export interface ActivityArea {
  country: string;
  incidents: number;
  firstDate?: string;
  lastDate?: string;
  /** Claims placing the actor there (area of operation, stronghold). */
  claimed: boolean;
}

export interface ActorProfile {
  actor: EntitySummary;
  parent?: EntitySummary;
  affiliates: EntitySummary[];
  /** Entities merged into this actor, with each merge's reason (docs/actors.md). */
  merged: { id: string; name: string; reason: string; mergeId: number; reviewState: string }[];
  /** Strength estimates, oldest report first, side by side (never reduced to one number). */
  strength: SourcedValue[];
  founded: SourcedValue[];
  areas: SourcedValue[];
  strongholds: SourcedValue[];
  adversaries: SourcedValue[];
  intendedTargets: SourcedValue[];
  assessments: SourcedValue[];
  attributions: SourcedValue[];
  /** Incidents the actor is a perpetrator of: one per real-world event, however many reports. */
  incidents: IncidentSummary[];
  /** Countries of activity with first and last incident dates. */
  activity: ActivityArea[];
  /** Incidents per month (YYYY-MM), from incidents dated to the month or the day. */
  tempo: { month: string; incidents: number }[];
  /** Killed and wounded over the actor's incidents, each incident's preferred figure counted once. */
  lethality: {
    incidents: number;
    withFigures: number;
    killed: number;
    wounded: number;
    killedPerIncident: number | null;
  };
  /** Target types (GTD codebook) over the actor's incidents. */
  targetsByType: { type: string; incidents: number }[];
  /** Every report of an attack, one per document (an incident reported three times is here thrice). */
  attacks: Reviewed<StoredEvent>[];
  otherEvents: Reviewed<StoredEvent>[];
  /** How many of the profile's claims and reports rest on each grade. */
  grades: Record<string, number>;
  asOf?: string;
}

/**
 * Everything the store knows about one actor, every value with the documents it rests on and
 * their Admiralty grades. Identical values from several documents are one row with several
 * sources; different values are kept side by side (4,000-6,000 beside 2,000), never merged.
 * Rejected items are left out and analyst edits applied; with `asOf`, only what was published
 * (and decided) by then.
 */
export async function actorProfile(
  store: Store,
  name: string,
  options: KnowledgeOptions = {},
): Promise<ActorProfile> {
  const actor = await store.findEntityByName(name);
  if (!actor) throw new SitrepError("E_NOT_FOUND", `no actor named "${name}" in the store`, { name });
  const k = await Knowledge.open(store, options);
  const [parent, affiliates, claims, events, allIncidents, merges] = await Promise.all([
    actor.parent ? store.getEntity(actor.parent) : Promise.resolve(undefined),
    store.childrenOf(actor.id),
    k.claims({ subject: actor.id }),
    k.events({ actor: actor.id, actorRole: "perpetrator" }),
    store.listIncidents({ actor: actor.id }),
    store.listEntityMerges({ entityId: actor.id, status: "active" }),
  ]);
  const names = new Map<string, string>();
  const ids = new Set<string>();
  for (const c of claims) {
    if (c.object) ids.add(c.object);
    if (c.heldBy) ids.add(c.heldBy);
  }
  await Promise.all(
    [...ids].map(async (id) => {
      const e = await store.getEntity(id);
      if (e) names.set(id, e.name);
    }),
  );
  const group = (property: string): SourcedValue[] => {
    const byKey = new Map<string, SourcedValue>();
    for (const c of claims.filter((x) => x.property === property)) {
      const key = `${c.object ?? c.value}|${c.stance ?? ""}|${c.heldBy ?? ""}`;
      let v = byKey.get(key);
      if (!v) {
        v = {
          value: c.object ? (names.get(c.object) ?? c.value) : c.value,
          ...(c.object ? { object: c.object } : {}),
          ...(c.stance ? { stance: c.stance } : {}),
          ...(c.heldBy ? { heldBy: names.get(c.heldBy) ?? c.heldBy } : {}),
          ...(c.qualifiers ? { qualifiers: c.qualifiers } : {}),
          sources: [],
          grades: {},
        };
        byKey.set(key, v);
      }
      if (!v.sources.some((s) => s.documentId === c.documentId)) {
        v.sources.push({
          documentId: c.documentId,
          ...(c.documentTitle ? { title: c.documentTitle } : {}),
          ...(c.published ? { published: c.published } : {}),
          ...(c.source ? { source: c.source } : {}),
          evidence: c.evidence[0]?.text ?? "",
          grade: c.grade,
        });
      }
    }
    const out = [...byKey.values()];
    for (const v of out) {
      v.grades = gradeSummary(v.sources);
      const first = v.sources
        .map((s) => s.published)
        .filter((p): p is string => !!p)
        .sort()[0];
      if (first) v.firstReported = first;
    }
    // Over time: oldest report first, undated reports last.
    return out.sort((a, b) => (a.firstReported ?? "9999").localeCompare(b.firstReported ?? "9999"));
  };

  // Incidents as of the view's date, each summarised through its incident view (preferred values).
  const incidents: IncidentSummary[] = [];
  const activity = new Map<string, ActivityArea>();
  const tempo = new Map<string, number>();
  const targetTypes = new Map<string, number>();
  const lethality = {
    incidents: 0,
    withFigures: 0,
    killed: 0,
    wounded: 0,
    killedPerIncident: null as number | null,
  };
  for (const summary of allIncidents) {
    const view = await incidentView(store, summary.id, { knowledge: k });
    if (!view) continue;
    // Only incidents where this actor (or one merged into it) is among the perpetrators.
    const group = new Set([actor.id, ...(actor.mergedFrom ?? [])]);
    if (!view.perpetrators.some((p) => group.has(p.entity))) continue;
    incidents.push(summary);
    lethality.incidents++;
    const killed = view.killed.preferred?.value;
    const wounded = view.wounded.preferred?.value;
    if (killed || wounded) lethality.withFigures++;
    lethality.killed += killed ? (killed.max ?? killed.min ?? 0) : 0;
    lethality.wounded += wounded ? (wounded.max ?? wounded.min ?? 0) : 0;
    const date = view.date.preferred?.value;
    const country = view.place.preferred?.value.country ?? summary.country;
    if (date && date.value.length >= 7) {
      const month = date.value.slice(0, 7);
      tempo.set(month, (tempo.get(month) ?? 0) + 1);
    }
    if (country) {
      const a = activity.get(country) ?? { country, incidents: 0, claimed: false };
      a.incidents++;
      if (date) {
        if (!a.firstDate || date.value < a.firstDate) a.firstDate = date.value;
        if (!a.lastDate || date.value > a.lastDate) a.lastDate = date.value;
      }
      activity.set(country, a);
    }
    const types = new Set<string>();
    for (const m of view.members) {
      const ev = events.find((e) => e.documentId === m.source.documentId && e.id === m.source.eventId);
      for (const t of ev?.targets ?? []) if (t.type) types.add(t.type);
    }
    for (const t of types) targetTypes.set(t, (targetTypes.get(t) ?? 0) + 1);
  }
  if (lethality.withFigures)
    lethality.killedPerIncident = Math.round((lethality.killed / lethality.withFigures) * 10) / 10;

  const areas = group("area_of_operation");
  const strongholds = group("stronghold");
  for (const c of claims.filter((x) => x.property === "area_of_operation" || x.property === "stronghold")) {
    const country = c.object?.startsWith("country:") ? c.object.slice(8) : undefined;
    if (!country) continue;
    const a = activity.get(country) ?? { country, incidents: 0, claimed: false };
    a.claimed = true;
    activity.set(country, a);
  }

  const merged: ActorProfile["merged"] = [];
  for (const m of merges.filter((x) => x.into === actor.id)) {
    merged.push({
      id: m.from,
      name: (await store.getEntity(m.from))?.name ?? m.from,
      reason: m.reason,
      mergeId: m.id,
      reviewState: m.reviewState,
    });
  }

  const profile: ActorProfile = {
    actor,
    ...(parent ? { parent } : {}),
    affiliates,
    merged,
    strength: group("strength"),
    founded: group("founded"),
    areas,
    strongholds,
    adversaries: group("adversary"),
    intendedTargets: group("intended_target"),
    assessments: group("assessment"),
    attributions: group("attribution"),
    incidents,
    activity: [...activity.values()].sort(
      (a, b) =>
        b.incidents - a.incidents ||
        (b.lastDate ?? "").localeCompare(a.lastDate ?? "") ||
        a.country.localeCompare(b.country),
    ),
    tempo: [...tempo].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, incidents: n })),
    lethality,
    targetsByType: [...targetTypes]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([type, n]) => ({ type, incidents: n })),
    attacks: events.filter((e) => e.type === "attack"),
    otherEvents: events.filter((e) => e.type !== "attack"),
    grades: gradeSummary([...claims, ...events]),
  };
  if (k.asOf) profile.asOf = k.asOf;
  return profile;
}
