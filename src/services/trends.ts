import type { Store, StoredEvent } from "../store/store.js";

export interface ActorTrend {
  actor: { id: string; name: string };
  /** Attacks per month (YYYY-MM), from events dated to the month or the day. */
  tempo: { month: string; attacks: number }[];
  recent: { from: string; to: string; attacks: number; countries: string[] };
  baseline: { from: string; to: string; attacks: number; countries: string[] };
  /** Relative change of attacks, recent window against baseline (null when the baseline is empty). */
  tempoChange: number | null;
  /** Countries with attacks in the recent window and none in the baseline window. */
  newCountries: string[];
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
 * Tempo and geographic spread per actor: attacks per month, the last `windowMonths` months
 * (ending with the month of `asOf`) against the same span before, and the countries where the
 * actor is newly active. Only events from documents published on or before `asOf` count, so the
 * report shows what was known then. Events dated less precisely than a month are left out of
 * the tempo (they cannot be placed in a month).
 */
export async function trends(
  store: Store,
  options: { actor?: string; asOf?: string; windowMonths?: number; minAttacks?: number } = {},
): Promise<TrendsReport> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const windowMonths = options.windowMonths ?? 12;
  const end = asOf.slice(0, 7);
  const recentFrom = addMonths(end, -(windowMonths - 1));
  const baselineTo = addMonths(recentFrom, -1);
  const baselineFrom = addMonths(recentFrom, -windowMonths);

  let actorIds: string[];
  if (options.actor) actorIds = [options.actor];
  else actorIds = (await store.listEntities({ kind: "armed_group", limit: 200 })).map((e) => e.id);

  const out: ActorTrend[] = [];
  for (const id of actorIds) {
    const events = (
      await store.listEvents({ actor: id, actorRole: "perpetrator", type: "attack", limit: 10_000 })
    ).filter((e) => e.reviewState !== "rejected" && (!e.published || e.published.slice(0, 10) <= asOf));
    const dated = events.filter(
      (e): e is StoredEvent & { date: { value: string } } => (e.date?.value?.length ?? 0) >= 7,
    );
    if (dated.length < (options.minAttacks ?? 1)) continue;
    const byMonth = new Map<string, number>();
    const recentCountries = new Set<string>();
    const baselineCountries = new Set<string>();
    let recent = 0;
    let baseline = 0;
    // several reports of one attack count once: same date and place (until incident resolution
    // links reports across documents, this is the proxy)
    const seen = new Set<string>();
    for (const e of dated) {
      const key = `${e.date.value}|${e.place ?? e.country ?? e.label ?? e.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const month = e.date.value.slice(0, 7);
      if (month > end) continue;
      byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
      if (month >= recentFrom) {
        recent++;
        if (e.country) recentCountries.add(e.country);
      } else if (month >= baselineFrom && month <= baselineTo) {
        baseline++;
        if (e.country) baselineCountries.add(e.country);
      }
    }
    const entity = await store.getEntity(id);
    out.push({
      actor: { id, name: entity?.name ?? id },
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
    });
  }
  out.sort((a, b) => b.recent.attacks - a.recent.attacks || a.actor.name.localeCompare(b.actor.name));
  return { asOf, windowMonths, actors: out };
}
