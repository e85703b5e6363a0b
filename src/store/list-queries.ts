import { boundDay } from "./date-bounds.js";
import { SQL_INCIDENT, SQL_MEMBER } from "./incident-rows.js";
import { invalidDate } from "./invalid-date.js";
import { CLAIM_SELECT, ENTITY_GROUP, EVENT_SELECT, NO_LIMIT } from "./queries.js";
import type {
  ListClaimsOptions,
  ListEventsOptions,
  ListIncidentsOptions,
  ListReviewsOptions,
} from "./store.js";

/**
 * The filtered, ordered, paged list statements both adapters run (positional `?`, dialect
 * neutral): one place for the filters' meaning, so SQLite and PostgreSQL cannot drift apart.
 * Each returns the statement and its parameters; invalid dates throw E_VALIDATION (invalidDate).
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

function finish(
  select: string,
  where: string[],
  order: string,
  params: unknown[],
  page: { limit?: number; offset?: number },
): Statement {
  return {
    sql: `${select}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...params, page.limit ?? NO_LIMIT, page.offset ?? 0],
  };
}

/** Events, newest date first (undated last), then by id. */
export function listEventsQuery(options: ListEventsOptions): Statement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.actor) {
    where.push(
      `EXISTS (SELECT 1 FROM event_actors a WHERE a.document_id = ev.document_id AND a.event_id = ev.id
        AND a.entity_id IN (${ENTITY_GROUP})${options.actorRole ? " AND a.role = ?" : ""})`,
    );
    params.push(options.actor, options.actor);
    if (options.actorRole) params.push(options.actorRole);
  }
  if (options.country) {
    where.push(
      "UPPER(COALESCE(ev.country, (SELECT p.geo_country FROM entities p WHERE p.id = ev.place))) = ?",
    );
    params.push(options.country.toUpperCase());
  }
  if (options.since !== undefined) {
    where.push("ev.date_end >= ?");
    params.push(boundDay(options.since, "start") ?? invalidDate("since", options.since));
  }
  if (options.until !== undefined) {
    where.push("ev.date_start <= ?");
    params.push(boundDay(options.until, "end") ?? invalidDate("until", options.until));
  }
  if (options.type) {
    where.push("ev.type = ?");
    params.push(options.type);
  }
  if (options.documentId) {
    where.push("ev.document_id = ?");
    params.push(options.documentId);
  }
  return finish(EVENT_SELECT, where, "ev.date_value DESC NULLS LAST, ev.id, ev.document_id", params, options);
}

/** Claims, latest document first, then by document and id. */
export function listClaimsQuery(options: ListClaimsOptions): Statement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.subject) {
    where.push(`c.subject IN (${ENTITY_GROUP})`);
    params.push(options.subject, options.subject);
  }
  if (options.property) {
    where.push("c.property = ?");
    params.push(options.property);
  }
  if (options.documentId) {
    where.push("c.document_id = ?");
    params.push(options.documentId);
  }
  return finish(CLAIM_SELECT, where, "d.published DESC NULLS LAST, c.document_id, c.id", params, options);
}

/** Mentions of an entity (or its merged names) and/or in a document, latest document first. */
export function listMentionsQuery(options: {
  entityId?: string;
  documentId?: string;
  limit?: number;
}): Statement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.entityId) {
    where.push(`m.entity_id IN (${ENTITY_GROUP})`);
    params.push(options.entityId, options.entityId);
  }
  if (options.documentId) {
    where.push("m.document_id = ?");
    params.push(options.documentId);
  }
  return {
    sql: `SELECT m.document_id, m.entity_id, m.start_offset, m.end_offset, m.text
      FROM mentions m JOIN documents d ON d.id = m.document_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d.seq DESC, m.start_offset, m.end_offset, m.entity_id LIMIT ?`,
    params: [...params, options.limit ?? NO_LIMIT],
  };
}

/** Incidents, latest first (undated last), then by id. */
export function listIncidentsQuery(options: ListIncidentsOptions): Statement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.actor) {
    // From the actor's events (event_actors_entity index) to their incidents, not a scan of incidents.
    where.push(
      `i.id IN (SELECT ie.incident_id FROM event_actors a JOIN incident_events ie
         ON ie.document_id = a.document_id AND ie.event_id = a.event_id
         WHERE a.entity_id IN (${ENTITY_GROUP}))`,
    );
    params.push(options.actor, options.actor);
  }
  if (options.country) {
    where.push("i.country = ?");
    params.push(options.country.toUpperCase());
  }
  if (options.since !== undefined) {
    where.push("i.last_date >= ?");
    params.push(boundDay(options.since, "start") ?? invalidDate("since", options.since));
  }
  if (options.family) {
    where.push("i.type_family = ?");
    params.push(options.family);
  }
  return finish(SQL_INCIDENT, where, "i.first_date DESC NULLS LAST, i.id", params, options);
}

/** `column = ?` for each given value, joined with AND (an empty string when none is given). */
function equalities(pairs: [column: string, value: unknown][]): { where: string; params: unknown[] } {
  const given = pairs.filter(([, v]) => v !== undefined && v !== "");
  return {
    where: given.length ? ` WHERE ${given.map(([c]) => `${c} = ?`).join(" AND ")}` : "",
    params: given.map(([, v]) => v),
  };
}

/** The reports placed in incidents, by document and/or incident, in sort-key order. */
export function listIncidentMembersQuery(options: { documentId?: string; incidentId?: string }): Statement {
  const { where, params } = equalities([
    ["document_id", options.documentId],
    ["incident_id", options.incidentId],
  ]);
  return { sql: `${SQL_MEMBER}${where} ORDER BY sort_key`, params };
}

/** Review decisions, oldest first, by item kind, document and/or item. */
export function listReviewsQuery(options: ListReviewsOptions): Statement {
  const { where, params } = equalities([
    ["item_kind", options.itemKind],
    ["document_id", options.documentId],
    ["item_id", options.itemId],
  ]);
  return {
    sql: `SELECT * FROM reviews${where} ORDER BY id LIMIT ?`,
    params: [...params, options.limit ?? NO_LIMIT],
  };
}
