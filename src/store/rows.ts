import type { Claim, Document, Entity, Event, ReviewState, Span, Tlp } from "../core/index.js";
import type { DocumentSummary, EntitySummary, StoredClaim, StoredEvent, StoredMention } from "./store.js";

/**
 * Mapping between database rows and core types, shared by adapters. Rows use snake_case
 * columns; NULL becomes an absent property so values round-trip as the core types wrote them.
 */

export type Row = Record<string, unknown>;

/** Copies the entries whose value is neither null nor undefined. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

export function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

function fromJson<T>(v: unknown): T | undefined {
  return typeof v === "string" ? (JSON.parse(v) as T) : undefined;
}

function str(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

function num(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}

export function rowToDocument(r: Row): Document {
  return compact({
    id: String(r.id),
    text: String(r.text),
    title: str(r.title),
    published: str(r.published),
    source: str(r.source),
    url: str(r.url),
    path: str(r.path),
    language: String(r.language),
    tlp: r.tlp as Tlp,
    note: str(r.note),
  }) as Document;
}

export function rowToDocumentSummary(r: Row): DocumentSummary {
  return compact({
    id: String(r.id),
    title: str(r.title),
    published: str(r.published),
    source: str(r.source),
    url: str(r.url),
    path: str(r.path),
    language: String(r.language),
    tlp: r.tlp as Tlp,
    note: str(r.note),
    chars: Number(r.chars),
    ingestedAt: String(r.ingested_at),
    eventCount: Number(r.event_count),
    claimCount: Number(r.claim_count),
  }) as DocumentSummary;
}

export function rowToEntitySummary(r: Row): EntitySummary {
  const lat = num(r.lat);
  const lon = num(r.lon);
  const geo =
    lat !== undefined && lon !== undefined
      ? compact({
          lat,
          lon,
          country: str(r.geo_country),
          precision: str(r.geo_precision),
          geonamesId: num(r.geonames_id),
        })
      : undefined;
  return compact({
    id: String(r.id),
    kind: r.kind,
    name: String(r.name),
    aliases: fromJson<string[]>(r.aliases) ?? [],
    parent: str(r.parent),
    parentRelation: str(r.parent_relation),
    countries: fromJson<string[]>(r.countries),
    geo,
    externalIds: fromJson<Record<string, string>>(r.external_ids),
    mentions: [],
    reviewState: r.review_state as ReviewState,
    mergedInto: str(r.canonical_id),
    mentionCount: Number(r.mention_count ?? 0),
    documentCount: Number(r.document_count ?? 0),
  }) as EntitySummary;
}

/** Column values of an entity, in the order of SQL.insertEntity / updateEntityMerged. */
export function entityColumns(e: Omit<Entity, "mentions">) {
  return {
    aliases: JSON.stringify(e.aliases ?? []),
    parent: e.parent ?? null,
    parentRelation: e.parentRelation ?? null,
    countries: toJson(e.countries),
    lat: e.geo?.lat ?? null,
    lon: e.geo?.lon ?? null,
    geoCountry: e.geo?.country ?? null,
    geoPrecision: e.geo?.precision ?? null,
    geonamesId: e.geo?.geonamesId ?? null,
    externalIds: toJson(e.externalIds),
  };
}

/**
 * Merges a newly extracted entity into the stored one. Stored values win (an analyst may have
 * edited them); missing fields are filled from the new record; aliases, countries and external
 * ids are unioned; a new name that differs from the stored one becomes an alias.
 */
export function mergeEntity(
  stored: EntitySummary,
  incoming: Omit<Entity, "mentions">,
): Omit<Entity, "mentions"> {
  const aliases = unionStrings(stored.aliases, [
    ...(incoming.name !== stored.name ? [incoming.name] : []),
    ...(incoming.aliases ?? []),
  ]).filter((a) => a !== stored.name);
  const countries =
    stored.countries || incoming.countries
      ? unionStrings(stored.countries ?? [], incoming.countries ?? [])
      : undefined;
  const externalIds =
    stored.externalIds || incoming.externalIds
      ? { ...incoming.externalIds, ...stored.externalIds }
      : undefined;
  return compact({
    id: stored.id,
    kind: stored.kind,
    name: stored.name,
    aliases,
    parent: stored.parent ?? incoming.parent,
    parentRelation: stored.parent ? stored.parentRelation : incoming.parentRelation,
    countries,
    geo: stored.geo ?? incoming.geo,
    externalIds,
  }) as Omit<Entity, "mentions">;
}

/** Union keeping first-seen order. */
export function unionStrings(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of [...a, ...b]) {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

function provenance(r: Row) {
  return {
    documentId: String(r.document_id),
    documentTitle: str(r.doc_title),
    published: str(r.doc_published),
    source: str(r.doc_source),
    ingestedAt: str(r.doc_ingested_at),
    reviewState: r.review_state as ReviewState,
  };
}

/** An event row plus its perpetrators and evidence (fetched separately) as a StoredEvent. */
export function rowToEvent(r: Row, perpetrators: string[], evidence: Span[]): StoredEvent {
  const date =
    r.date_precision === null || r.date_precision === undefined
      ? undefined
      : compact({
          value: str(r.date_value),
          precision: r.date_precision,
          text: str(r.date_text),
          resolved:
            r.date_resolved === null || r.date_resolved === undefined ? true : Boolean(r.date_resolved),
        });
  const event = compact({
    id: String(r.id),
    type: r.type,
    subtype: str(r.subtype),
    label: str(r.label),
    date,
    place: str(r.place),
    country: str(r.country),
    perpetrators,
    targets: fromJson<Event["targets"]>(r.targets) ?? [],
    weapons: fromJson<string[]>(r.weapons) ?? [],
    attribution: fromJson<Event["attribution"]>(r.attribution),
    casualties: fromJson<Event["casualties"]>(r.casualties),
    evidence,
    confidence: num(r.confidence),
  }) as Event;
  return compact({ ...event, ...provenance(r) }) as StoredEvent;
}

export function rowToClaim(r: Row, evidence: Span[]): StoredClaim {
  const claim = compact({
    id: String(r.id),
    subject: String(r.subject),
    property: r.property,
    value: String(r.value),
    object: str(r.object),
    qualifiers: fromJson<Claim["qualifiers"]>(r.qualifiers),
    stance: str(r.stance),
    heldBy: str(r.held_by),
    evidence,
    confidence: num(r.confidence),
  }) as Claim;
  return compact({ ...claim, ...provenance(r) }) as StoredClaim;
}

export function rowToMention(r: Row): StoredMention {
  return {
    documentId: String(r.document_id),
    entityId: String(r.entity_id),
    start: Number(r.start_offset),
    end: Number(r.end_offset),
    text: String(r.text),
  };
}
