import type { Store } from "../store/store.js";
import { type IncidentListOptions, incidentView, listIncidents } from "./incidents.js";
import { Knowledge } from "./knowledge.js";

/**
 * Timeline and map queries over incidents (one per real-world event): each incident's preferred
 * date with its precision (day, month, year) and preferred place with its coordinates and
 * precision (point, city, admin area, country, region), so a reader never mistakes a country
 * centroid for the place of an attack. Filters as `sitrep incidents`; `asOf` shows what was
 * known then.
 */

export interface TimelineEntry {
  incidentId: string;
  label?: string;
  type: string;
  subtype?: string;
  date?: { value: string; precision: string };
  place?: { id: string; name: string; country?: string; precision?: string; lat?: number; lon?: number };
  perpetrators: { id: string; name: string; statuses: string[] }[];
  killed?: { min?: number; max?: number; approx?: boolean };
  reports: number;
  documents: number;
  grades: Record<string, number>;
}

export interface Timeline {
  entries: TimelineEntry[];
  /** Incidents left out because no report gives them a date. */
  undated: number;
  asOf?: string;
}

export async function timeline(store: Store, filter: IncidentListOptions = {}): Promise<Timeline> {
  const k = await Knowledge.open(store, filter.asOf ? { asOf: filter.asOf } : {});
  const entries: TimelineEntry[] = [];
  let undated = 0;
  const { limit: _limit, ...all } = filter;
  for (const summary of await listIncidents(store, all)) {
    const view = await incidentView(store, summary.id, { knowledge: k });
    if (!view) continue;
    const date = view.date.preferred?.value;
    if (!date) {
      undated++;
      continue;
    }
    const entry: TimelineEntry = {
      incidentId: view.id,
      type: view.type,
      date,
      perpetrators: view.perpetrators.map((p) => ({
        id: p.entity,
        name: p.name,
        statuses: [...new Set(p.attributions.map((a) => a.status))],
      })),
      reports: view.eventCount,
      documents: view.documentCount,
      grades: view.grades,
    };
    if (view.label) entry.label = view.label;
    if (view.subtype) entry.subtype = view.subtype;
    const place = view.place.preferred?.value;
    if (place) {
      const e = await store.getEntity(place.id);
      entry.place = { ...place };
      if (e?.geo) {
        entry.place.lat = e.geo.lat;
        entry.place.lon = e.geo.lon;
      }
    }
    const killed = view.killed.preferred?.value;
    if (killed) entry.killed = killed;
    entries.push(entry);
  }
  entries.sort(
    (a, b) =>
      (a.date?.value ?? "").localeCompare(b.date?.value ?? "") || a.incidentId.localeCompare(b.incidentId),
  );
  const limited = filter.limit !== undefined ? entries.slice(-filter.limit) : entries;
  const out: Timeline = { entries: limited, undated };
  if (k.asOf) out.asOf = k.asOf;
  return out;
}

/** GeoJSON (RFC 7946) of the incidents that have a place with coordinates. */
export async function incidentMap(
  store: Store,
  filter: IncidentListOptions = {},
): Promise<{ type: "FeatureCollection"; features: unknown[]; unplaced: number }> {
  const t = await timeline(store, filter);
  const features: unknown[] = [];
  let unplaced = 0;
  for (const e of t.entries) {
    if (e.place?.lat === undefined || e.place.lon === undefined) {
      unplaced++;
      continue;
    }
    features.push({
      type: "Feature",
      id: e.incidentId,
      geometry: { type: "Point", coordinates: [e.place.lon, e.place.lat] },
      properties: {
        incident: e.incidentId,
        label: e.label ?? e.type,
        type: e.subtype && e.subtype !== "unknown" ? `${e.type}/${e.subtype}` : e.type,
        date: e.date?.value,
        date_precision: e.date?.precision,
        place: e.place.name,
        place_precision: e.place.precision,
        country: e.place.country,
        perpetrators: e.perpetrators.map((p) => p.name),
        killed: e.killed?.max ?? e.killed?.min,
        reports: e.reports,
      },
    });
  }
  return { type: "FeatureCollection", features, unplaced: unplaced + t.undated };
}
