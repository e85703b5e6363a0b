import { SitrepError } from "../core/index.js";
import type { EntitySummary, IncidentSummary, Store, StoredClaim, StoredEvent } from "../store/store.js";

export interface SourcedValue {
  value: string;
  object?: string;
  stance?: string;
  heldBy?: string;
  qualifiers?: StoredClaim["qualifiers"];
  sources: { documentId: string; title?: string; published?: string; source?: string; evidence: string }[];
}

export interface ActorProfile {
  actor: EntitySummary;
  parent?: EntitySummary;
  affiliates: EntitySummary[];
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
  /** Every report of an attack, one per document (an incident reported three times is here thrice). */
  attacks: StoredEvent[];
  otherEvents: StoredEvent[];
}

/**
 * Everything the store knows about one actor, every value with the documents it rests on.
 * Identical values from several documents are one row with several sources; different values
 * are kept side by side (4,000-6,000 beside 2,000), never merged.
 */
export async function actorProfile(store: Store, name: string): Promise<ActorProfile> {
  const actor = await store.findEntityByName(name);
  if (!actor) throw new SitrepError("E_NOT_FOUND", `no actor named "${name}" in the store`, { name });
  const [parent, affiliates, allClaims, allEvents, incidents] = await Promise.all([
    actor.parent ? store.getEntity(actor.parent) : Promise.resolve(undefined),
    store.childrenOf(actor.id),
    store.listClaims({ subject: actor.id }),
    store.listEvents({ actor: actor.id, actorRole: "perpetrator" }),
    store.listIncidents({ actor: actor.id }),
  ]);
  // what an analyst rejected is not shown as knowledge (it stays in the review history)
  const claims = allClaims.filter((c) => c.reviewState !== "rejected");
  const events = allEvents.filter((e) => e.reviewState !== "rejected");
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
        });
      }
    }
    return [...byKey.values()];
  };
  return {
    actor,
    ...(parent ? { parent } : {}),
    affiliates,
    strength: group("strength"),
    founded: group("founded"),
    areas: group("area_of_operation"),
    strongholds: group("stronghold"),
    adversaries: group("adversary"),
    intendedTargets: group("intended_target"),
    assessments: group("assessment"),
    attributions: group("attribution"),
    incidents,
    attacks: events.filter((e) => e.type === "attack"),
    otherEvents: events.filter((e) => e.type !== "attack"),
  };
}
