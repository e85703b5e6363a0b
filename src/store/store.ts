import type {
  Analysis,
  Claim,
  Document,
  Entity,
  EntityKind,
  Event,
  ReviewState,
  Tlp,
} from "../core/index.js";

/**
 * The Store seam: everything above it (services, server, CLI) talks to this interface and gets
 * core types back. Methods are async so a PostgreSQL adapter can implement it; the SQLite
 * adapter is synchronous underneath. `test/contract/store.contract.ts` is the behaviour every
 * implementation must pass.
 */
export interface Store {
  /**
   * Saves a document and its analysis in one transaction: document, entities (upserted by id,
   * aliases unioned), mentions, events (+ actors and evidence), claims (+ evidence). A document
   * whose id is already stored is left untouched (`inserted: false`). Any failure rolls the
   * whole save back and rejects with a SitrepError (E_VALIDATION for spans that do not quote
   * the document text, E_STORE for the database refusing a row).
   */
  saveAnalysis(input: SaveAnalysisInput): Promise<{ inserted: boolean }>;

  hasDocument(id: string): Promise<boolean>;
  getDocument(id: string): Promise<Document | undefined>;
  /** Newest first (ingest order). */
  listDocuments(options?: { limit?: number; offset?: number }): Promise<DocumentSummary[]>;
  countDocuments(): Promise<number>;
  /** The most recently stored document read from `path`, if any. */
  findDocumentByPath(path: string): Promise<DocumentSummary | undefined>;

  /** Entities with mention and document counts, most mentioned first. `q` matches names and aliases, folded. */
  listEntities(options?: ListEntitiesOptions): Promise<EntitySummary[]>;
  getEntity(id: string): Promise<EntitySummary | undefined>;
  /** Case- and diacritic-insensitive match on the name or any alias; exact name matches win, then most mentioned. */
  findEntityByName(name: string): Promise<EntitySummary | undefined>;
  /** Entities whose `parent` is `id`. */
  childrenOf(id: string): Promise<EntitySummary[]>;
  /** Mentions in stored documents, by entity and/or document, in document then text order. */
  listMentions(options: { entityId?: string; documentId?: string; limit?: number }): Promise<StoredMention[]>;

  /** Events, newest date first (undated last), then by id. */
  listEvents(options?: ListEventsOptions): Promise<StoredEvent[]>;
  listClaims(options?: ListClaimsOptions): Promise<StoredClaim[]>;

  /** Full-text search over document titles and text, best first, with a highlighted snippet. */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;

  close(): Promise<void>;
}

export interface SaveAnalysisInput {
  document: Document;
  analysis: Analysis;
}

export interface DocumentSummary {
  id: string;
  title?: string;
  published?: string;
  source?: string;
  url?: string;
  path?: string;
  language: string;
  tlp: Tlp;
  note?: string;
  /** Length of the stored text in characters. */
  chars: number;
  ingestedAt: string;
  eventCount: number;
  claimCount: number;
}

/** An entity as stored: the core Entity (mentions are listed separately) plus counts and review state. */
export interface EntitySummary extends Omit<Entity, "mentions"> {
  mentions: [];
  reviewState: ReviewState;
  mentionCount: number;
  documentCount: number;
}

export interface ListEntitiesOptions {
  kind?: EntityKind;
  /** Substring of the name or an alias, case- and diacritic-insensitive. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface StoredMention {
  documentId: string;
  entityId: string;
  start: number;
  end: number;
  text: string;
}

export interface ListEventsOptions {
  /** Entity id: events where it is a perpetrator or a target entity. */
  actor?: string;
  /** Limit `actor` to one role. */
  actorRole?: "perpetrator" | "target";
  /** ISO 3166-1 alpha-2 code; the event's country, or its place entity's country when unset. */
  country?: string;
  /** ISO date: events whose date (period) ends on or after it. Undated events are excluded. */
  since?: string;
  /** ISO date: events whose date (period) starts on or before it. Undated events are excluded. */
  until?: string;
  type?: string;
  documentId?: string;
  limit?: number;
  offset?: number;
}

interface StoredProvenance {
  documentId: string;
  documentTitle?: string;
  published?: string;
  source?: string;
  reviewState: ReviewState;
}

export type StoredEvent = Event & StoredProvenance;
export type StoredClaim = Claim & StoredProvenance;

export interface ListClaimsOptions {
  subject?: string;
  property?: string;
  documentId?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  documentId: string;
  title?: string;
  published?: string;
  source?: string;
  path?: string;
  /** A stretch of the matching text with hits wrapped in `<mark>`…`</mark>` (the text itself is not HTML-escaped). */
  snippet: string;
  /** Higher is better. */
  score: number;
}
