import type { Store } from "../store/store.js";
import { incidentView } from "./incidents.js";
import { Knowledge } from "./knowledge.js";
import { regionsOf } from "./regions.js";

export interface ActorTrend {
  actor: { id: string; name: string };
  /** Attack incidents per month (YYYY-MM), from incidents dated to the month or the day. */
  tempo: { month: string; attacks: number }[];
  recent: { from: string; to: string; attacks: number; countries: string[] };
  baseline: { from: string; to: string; attacks: number; countries: string[] };
  /** Relative change of attacks, recent window against baseline (null when the baseline is empty). */
  tempoChange: number | null;
  /** Countries with attacks in the recent window and none in the baseline window. */
  newCountries: string[];
  /** UN M49 sub-regions with attacks in the recent window and none in the baseline window. */
  newRegions: string[];
}

export interface TrendsReport {
  asOf: string;
  windowMonths: number;
  actors: ActorTrend[];
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}`;
}

/**
 * Tempo and geographic spread per actor, counted in incidents (one per real-world attack however
 * many reports describe it, docs/incidents.md): attacks per month, the last `windowMonths`
 * months (ending with the month of `asOf`) against the same span before, and the countries where
 * the actor is newly active. Only reports published on or before `asOf` count and only analyst
 * decisions made by then apply, so the report shows what was known then; each incident's date
 * and country are its preferred values. Incidents dated less precisely than a month are left out
 * of the tempo (they cannot be placed in a month).
 */
export async function trends(
  store: Store,
  options: { actor?: string; asOf?: string; windowMonths?: number; minAttacks?: number } = {},
): Promise<TrendsReport> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const k = await Knowledge.open(store, { asOf });
  const windowMonths = options.windowMonths ?? 12;
  const end = (k.asOf ?? asOf).slice(0, 7);
  const recentFrom = addMonths(end, -(windowMonths - 1));
  const baselineTo = addMonths(recentFrom, -1);
  const baselineFrom = addMonths(recentFrom, -windowMonths);

  const actors = options.actor
    ? [await store.getEntity(options.actor)]
    : await store.listEntities({ kind: "armed_group", limit: 200 });

  const out: ActorTrend[] = [];
  for (const actor of actors) {
    if (!actor) continue;
    const group = new Set([actor.id, ...(actor.mergedFrom ?? [])]);
    const byMonth = new Map<string, number>();
    const recentCountries = new Set<string>();
    const baselineCountries = new Set<string>();
    let recent = 0;
    let baseline = 0;
    let dated = 0;
    for (const summary of await store.listIncidents({ actor: actor.id, family: "attack" })) {
      const view = await incidentView(store, summary.id, { knowledge: k });
      if (!view || !view.perpetrators.some((p) => group.has(p.entity))) continue;
      const date = view.date.preferred?.value.value;
      if (!date || date.length < 7) continue;
      dated++;
      const month = date.slice(0, 7);
      if (month > end) continue;
      const country = view.place.preferred?.value.country ?? summary.country;
      byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
      if (month >= recentFrom) {
        recent++;
        if (country) recentCountries.add(country);
      } else if (month >= baselineFrom && month <= baselineTo) {
        baseline++;
        if (country) baselineCountries.add(country);
      }
    }
    if (dated < (options.minAttacks ?? 1)) continue;
    out.push({
      actor: { id: actor.id, name: actor.name },
      tempo: [...byMonth.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, attacks]) => ({ month, attacks })),
      recent: { from: recentFrom, to: end, attacks: recent, countries: [...recentCountries].sort() },
      baseline: {
        from: baselineFrom,
        to: baselineTo,
        attacks: baseline,
        countries: [...baselineCountries].sort(),
      },
      tempoChange: baseline ? (recent - baseline) / baseline : null,
      newCountries: [...recentCountries].filter((c) => !baselineCountries.has(c)).sort(),
      newRegions: newRegions(recentCountries, baselineCountries),
    });
  }
  out.sort((a, b) => b.recent.attacks - a.recent.attacks || a.actor.name.localeCompare(b.actor.name));
  return { asOf: k.asOf ?? asOf, windowMonths, actors: out };
}

function newRegions(recent: Set<string>, baseline: Set<string>): string[] {
  const before = new Set([...baseline].flatMap(regionsOf));
  return [...new Set([...recent].flatMap(regionsOf))].filter((r) => !before.has(r)).sort();
}
