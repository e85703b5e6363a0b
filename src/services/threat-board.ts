import { SitrepError } from "../core/index.js";
import type { EntitySummary, Store, StoredClaim, StoredEvent } from "../store/store.js";
import { type Grade, gradeSummary, Knowledge, type KnowledgeOptions, type Reviewed } from "./knowledge.js";

export interface ThreatEvidence {
  documentId: string;
  title?: string;
  published?: string;
  source?: string;
  text: string;
  start: number;
  end: number;
}

export interface ThreatActor {
  actor: { id: string; name: string; kind: string };
  /** Stated or assessed intent against the target, or against a place that contains or is inside it. */
  intent: {
    stance?: string;
    object: { id: string; name: string };
    /** "direct" when the claim names the target itself; otherwise how it relates ("contains FR"). */
    match: string;
    heldBy?: string;
    evidence: ThreatEvidence;
    grade: Grade;
  }[];
  /** How many of the intent statements rest on each grade. */
  grades: Record<string, number>;
}

export interface ThreatBoard {
  target: { id: string; name: string; kind: string; countries: string[] };
  actors: ThreatActor[];
  plotsAndArrests: Reviewed<StoredEvent>[];
  recentAttacks: Reviewed<StoredEvent>[];
  /** How many of the board's statements and reports rest on each grade. */
  grades: Record<string, number>;
  asOf?: string;
}

function countriesOf(e: EntitySummary | undefined): string[] {
  if (!e) return [];
  if (e.id.startsWith("country:")) return [e.id.slice(8)];
  if (e.countries?.length) return e.countries;
  return e.geo?.country ? [e.geo.country] : [];
}

/**
 * The threat board for a target, place or event ("Paris Olympics", "Europe", "Russia"): actors
 * with stated or assessed intent against it — or against a place that contains it or lies within
 * it — each statement with its evidence and source; plots and arrests in its countries; and the
 * most recent attacks there.
 */
export async function threatBoard(
  store: Store,
  name: string,
  options: { attacks?: number } & KnowledgeOptions = {},
): Promise<ThreatBoard> {
  const k = await Knowledge.open(store, options);
  const target = await store.findEntityByName(name);
  if (!target)
    throw new SitrepError("E_NOT_FOUND", `no target, place or event named "${name}" in the store`, { name });
  const targetCountries = countriesOf(target);
  const claims = await k.claims({ property: "intended_target" });

  // resolve every claim's object once
  const objects = new Map<string, EntitySummary | undefined>();
  for (const c of claims)
    if (c.object && !objects.has(c.object)) objects.set(c.object, await store.getEntity(c.object));

  const byActor = new Map<string, ThreatActor>();
  const add = async (c: Reviewed<StoredClaim>, match: string) => {
    let entry = byActor.get(c.subject);
    if (!entry) {
      const a = await store.getEntity(c.subject);
      entry = {
        actor: { id: c.subject, name: a?.name ?? c.subject, kind: a?.kind ?? "armed_group" },
        intent: [],
        grades: {},
      };
      byActor.set(c.subject, entry);
    }
    const obj = c.object ? objects.get(c.object) : undefined;
    const ev = c.evidence[0];
    entry.intent.push({
      ...(c.stance ? { stance: c.stance } : {}),
      object: { id: c.object ?? "", name: obj?.name ?? c.value },
      match,
      ...(c.heldBy ? { heldBy: (await store.getEntity(c.heldBy))?.name ?? c.heldBy } : {}),
      evidence: {
        documentId: c.documentId,
        ...(c.documentTitle ? { title: c.documentTitle } : {}),
        ...(c.published ? { published: c.published } : {}),
        ...(c.source ? { source: c.source } : {}),
        text: ev.text,
        start: ev.start,
        end: ev.end,
      },
      grade: c.grade,
    });
  };
  for (const c of claims) {
    if (!c.object) continue;
    if (c.object === target.id) {
      await add(c, "direct");
      continue;
    }
    const objCountries = countriesOf(objects.get(c.object));
    if (!objCountries.length || !targetCountries.length) continue;
    const shared = objCountries.filter((x) => targetCountries.includes(x));
    if (!shared.length) continue;
    // a claim against Europe covers the Paris Olympics; one against France covers Europe in part
    const relation =
      objCountries.length >= targetCountries.length && targetCountries.every((x) => objCountries.includes(x))
        ? `contains the target (${objects.get(c.object)?.name ?? c.object})`
        : `within the target (${objects.get(c.object)?.name ?? c.object})`;
    await add(c, relation);
  }

  const inTarget = async (type: string): Promise<Reviewed<StoredEvent>[]> => {
    const lists = await Promise.all(
      targetCountries.map((country) => k.events({ type, country, limit: 200 })),
    );
    const seen = new Set<string>();
    return lists
      .flat()
      .filter((e) => !seen.has(`${e.documentId}|${e.id}`) && seen.add(`${e.documentId}|${e.id}`))
      .sort((a, b) => (b.date?.value ?? "").localeCompare(a.date?.value ?? ""));
  };
  const plots = [...(await inTarget("plot")), ...(await inTarget("arrest"))].sort((a, b) =>
    (b.date?.value ?? "").localeCompare(a.date?.value ?? ""),
  );
  const attacks = (await inTarget("attack")).slice(0, options.attacks ?? 20);
  for (const a of byActor.values()) a.grades = gradeSummary(a.intent);
  const actors = [...byActor.values()].sort(
    (a, b) => b.intent.length - a.intent.length || a.actor.name.localeCompare(b.actor.name),
  );
  return {
    target: { id: target.id, name: target.name, kind: target.kind, countries: targetCountries },
    actors,
    plotsAndArrests: plots,
    recentAttacks: attacks,
    grades: gradeSummary([...actors.flatMap((a) => a.intent), ...plots, ...attacks]),
    ...(k.asOf ? { asOf: k.asOf } : {}),
  };
}
