import type { Row } from "./rows.js";
import type { IncidentMember, IncidentSummary } from "./store.js";

/**
 * Incident statements and row mapping shared by adapters (docs/incidents.md). Parameters are
 * positional `?` like queries.ts.
 */

const MEMBER_COLUMNS = `incident_id, document_id, event_id, type_family, date_start, date_end, date_precision,
  sort_key, country, features, score, reasons, linked_document_id, linked_event_id, review_state`;
const HEAD = "(SELECT i.head_sort_key FROM incidents i WHERE i.id = incident_id) AS incident_head";

/** Member columns (with the incident's head sort key), from `incident_events`. */
export const SQL_MEMBER = `SELECT ${MEMBER_COLUMNS}, ${HEAD} FROM incident_events`;
/** The same from `incident_events ie`, for joins. */
export const SQL_MEMBER_IE = `SELECT ${MEMBER_COLUMNS.split(",")
  .map((c) => `ie.${c.trim()}`)
  .join(", ")}, ${HEAD.replace("= incident_id", "= ie.incident_id")} FROM incident_events ie`;
/** Incident columns plus the label of its earliest labelled member, from `incidents i`. */
export const SQL_INCIDENT = `SELECT i.*, (SELECT ev.label FROM incident_events ie JOIN events ev
    ON ev.document_id = ie.document_id AND ev.id = ie.event_id
    WHERE ie.incident_id = i.id AND ev.label IS NOT NULL ORDER BY ie.sort_key LIMIT 1) AS label
  FROM incidents i`;

export function rowToMember(r: Row): IncidentMember {
  const m: IncidentMember = {
    incidentId: String(r.incident_id),
    documentId: String(r.document_id),
    eventId: String(r.event_id),
    family: String(r.type_family),
    sortKey: String(r.sort_key),
    features: JSON.parse(String(r.features)),
    reasons: JSON.parse(String(r.reasons ?? "[]")) as string[],
    reviewState: r.review_state as IncidentMember["reviewState"],
  };
  if (r.incident_head !== null && r.incident_head !== undefined) m.incidentHead = String(r.incident_head);
  if (r.date_start !== null) m.dateStart = String(r.date_start);
  if (r.date_end !== null) m.dateEnd = String(r.date_end);
  if (r.date_precision !== null) m.datePrecision = String(r.date_precision);
  if (r.country !== null) m.country = String(r.country);
  if (r.score !== null) m.score = Number(r.score);
  if (r.linked_document_id !== null && r.linked_event_id !== null) {
    m.linkedTo = { documentId: String(r.linked_document_id), eventId: String(r.linked_event_id) };
  }
  return m;
}

export function byMemberOrder(a: IncidentMember, b: IncidentMember): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

export function rowToIncident(r: Row): IncidentSummary {
  const out: IncidentSummary = {
    id: String(r.id),
    family: String(r.type_family),
    type: String(r.type),
    eventCount: Number(r.event_count),
    documentCount: Number(r.document_count),
    reviewState: r.review_state as IncidentSummary["reviewState"],
  };
  if (r.subtype !== null) out.subtype = String(r.subtype);
  if (r.label !== null && r.label !== undefined) out.label = String(r.label);
  if (r.first_date !== null) out.firstDate = String(r.first_date);
  if (r.last_date !== null) out.lastDate = String(r.last_date);
  if (r.country !== null) out.country = String(r.country);
  return out;
}
