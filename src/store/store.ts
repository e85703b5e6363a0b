import type {
  Analysis,
  Claim,
  Document,
  Entity,
  EntityKind,
  Event,
  ReviewState,
  SourceReliability,
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

  // ---- incidents (docs/incidents.md) ----------------------------------------------------------

  /**
   * Blocking for incident resolution: stored incident members of one type family that could
   * describe the same incident as a new event, found through indexes, never by a scan.
   * Returns the union of (a) for each window, members of that date precision whose `dateStart`
   * lies in it and whose country is `country` or unknown (any country when `country` is not
   * given), and (b) members sharing one of `keys` (only those without `dateStart` with
   * `keysUndatedOnly`). Ordered by sort key. Each part is an index range scan.
   */
  blockIncidents(query: IncidentBlockQuery): Promise<IncidentMember[]>;
  /**
   * Applies one resolver step in one transaction: moves the members of each merged incident to
   * its target and deletes it, upserts the given members (an existing member keeps its review
   * state), then recomputes the aggregates (dates, country, counts, type) of every incident
   * touched, deleting those left empty.
   */
  applyIncidentChanges(changes: IncidentChanges): Promise<void>;
  /** Incidents, latest first (undated last), then by id. */
  listIncidents(options?: ListIncidentsOptions): Promise<IncidentSummary[]>;
  /** An incident with all its member events (and their documents), in member sort order. */
  getIncident(id: string): Promise<IncidentDetail | undefined>;
  /** The incident members of one document's events. */
  listIncidentMembers(options: { documentId?: string; incidentId?: string }): Promise<IncidentMember[]>;
  countIncidents(): Promise<number>;

  // ---- review (docs/review.md) ----------------------------------------------------------------

  /**
   * Records an analyst decision on an event, claim or incident link in one transaction: appends
   * a row to the review history (with the item's state before) and sets the item's
   * `review_state` to the decision. An item that is not stored rejects with E_NOT_FOUND naming
   * it; an `edited` decision needs a non-empty `edit` object, others must not carry one
   * (E_VALIDATION). Returns the stored review.
   */
  recordReview(input: ReviewInput): Promise<Review>;
  /** The review history, oldest first (by item when `itemKind` / `documentId` / `itemId` are given). */
  listReviews(options?: ListReviewsOptions): Promise<Review[]>;
  /**
   * The review queue: items still `proposed`, events then claims then incident links (only
   * members that are linked to another event), each in document ingest order then id.
   */
  listProposed(options?: { kind?: ReviewItemKind; limit?: number }): Promise<ProposedItem[]>;

  // ---- actor merges (docs/actors.md) ------------------------------------------------------------

  /**
   * Merges entity `from` into `into` in one transaction: `from` (and everything already merged
   * into it) then reads as part of `into` — `into`'s summary carries their names as aliases and
   * their counts, `listEntities` hides them, `findEntityByName` on their names answers `into`,
   * and actor filters on `into` (events, incidents, claims, mentions, children) include them.
   * No entity row is rewritten, so `unmergeEntities` restores the previous state exactly. Both
   * must exist (E_NOT_FOUND), be of one kind, differ, and be canonical — not merged into
   * anything (E_CONFLICT naming the entity and where it went). Machine merges start `proposed`,
   * an analyst's `accepted`.
   */
  mergeEntities(input: EntityMergeInput): Promise<EntityMerge>;
  /**
   * Reverts one active merge: `from` and what was merged into it become their own group again.
   * E_NOT_FOUND for an unknown merge id, E_CONFLICT for one already reverted. With
   * `reviewState: "rejected"` the merge is also marked rejected (an analyst's rejection of a
   * machine proposal); otherwise it keeps its review state.
   */
  unmergeEntities(input: {
    id: number;
    analyst: string;
    note?: string;
    reject?: boolean;
  }): Promise<EntityMerge>;
  /** Marks a merge accepted (E_NOT_FOUND / E_CONFLICT when unknown or reverted). */
  acceptEntityMerge(input: { id: number; analyst: string }): Promise<EntityMerge>;
  /** Merges, oldest first; `entityId` limits to those with it on either side. */
  listEntityMerges(options?: ListEntityMergesOptions): Promise<EntityMerge[]>;

  // ---- sources (Admiralty reliability) ------------------------------------------------------------

  /** Records an analyst's reliability grade for a source name (appended; the latest wins). */
  setSourceReliability(input: SourceGradeInput): Promise<SourceGrade>;
  /**
   * Every source named by a stored document or graded, by name, with its current grade (if any)
   * and how many documents it has.
   */
  listSources(): Promise<SourceSummary[]>;

  close(): Promise<void>;
}

export interface EntityMergeInput {
  from: string;
  into: string;
  /** Why: "acronym of …", "analyst: same group". Shown wherever the merge is. */
  reason: string;
  origin: "machine" | "analyst";
  analyst?: string;
}

export interface EntityMerge {
  id: number;
  from: string;
  into: string;
  reason: string;
  origin: "machine" | "analyst";
  analyst?: string;
  reviewState: ReviewState;
  createdAt: string;
  /** Set once unmerged. */
  revertedAt?: string;
  revertedBy?: string;
  revertNote?: string;
}

export interface ListEntityMergesOptions {
  entityId?: string;
  /** active: not reverted; reverted: unmerged. */
  status?: "active" | "reverted";
  reviewState?: ReviewState;
}

export interface SourceGradeInput {
  source: string;
  reliability: SourceReliability;
  analyst: string;
  note?: string;
}

export interface SourceGrade extends SourceGradeInput {
  createdAt: string;
}

export interface SourceSummary {
  name: string;
  reliability?: SourceReliability;
  gradedBy?: string;
  gradedAt?: string;
  note?: string;
  documentCount: number;
}

export type ReviewItemKind = "event" | "claim" | "incident_link";
export type ReviewDecision = "accepted" | "rejected" | "edited";

/** Item key: the document plus the event or claim id; for an incident link, the member event's id. */
export interface ReviewItemKey {
  itemKind: ReviewItemKind;
  documentId: string;
  itemId: string;
}

export interface ReviewInput extends ReviewItemKey {
  decision: ReviewDecision;
  /** For `edited`: the changed fields and their analyst values, e.g. `{ "killed": 137 }`. */
  edit?: Record<string, unknown>;
  analyst: string;
  note?: string;
}

export interface Review extends ReviewItemKey {
  /** Increasing with insertion: the history order. */
  id: number;
  decision: ReviewDecision;
  previousState: ReviewState;
  edit?: Record<string, unknown>;
  analyst: string;
  note?: string;
  createdAt: string;
}

export interface ListReviewsOptions {
  itemKind?: ReviewItemKind;
  documentId?: string;
  itemId?: string;
  limit?: number;
}

/** One entry of the review queue with what an analyst needs to judge it. */
export interface ProposedItem extends ReviewItemKey {
  documentTitle?: string;
  published?: string;
  source?: string;
  /** The event (for events and incident links) or the claim. */
  event?: StoredEvent;
  claim?: StoredClaim;
  /** For incident links: the membership with its score, reasons and linked event. */
  link?: IncidentMember;
}

export interface IncidentBlockQuery {
  /** Type family ("attack", "plot"): members of other families are never candidates. */
  family: string;
  /** Dated members of one date precision whose `dateStart` lies in [from, to] (YYYY-MM-DD, inclusive). */
  windows?: { precision: string; from: string; to: string }[];
  /** With windows: only members in this country (ISO alpha-2) or without a country. */
  country?: string;
  /** Distinctive keys ("name:facility:crocus-city-hall"): members sharing any of them. */
  keys?: string[];
  /** Limit the key part to members without `dateStart` (a dated event finds dated ones by date). */
  keysUndatedOnly?: boolean;
}

/** One event's membership of an incident, with the blocking keys and the scored link. */
export interface IncidentMember {
  incidentId: string;
  /** Sort key of the incident's earliest member (set on stored members; ignored on input). */
  incidentHead?: string;
  documentId: string;
  eventId: string;
  family: string;
  /** First and last day of the event's date period (YYYY-MM-DD), when dated. */
  dateStart?: string;
  dateEnd?: string;
  datePrecision?: string;
  /** Orders members deterministically: date start (undated last), document id, event id. */
  sortKey: string;
  country?: string;
  /** What the resolver scores with (opaque to the store; see IncidentFeatures in the resolver). */
  features: unknown;
  /** Best link of this event to another member of its incident; absent for a lone member. */
  score?: number;
  reasons: string[];
  linkedTo?: { documentId: string; eventId: string };
  reviewState: ReviewState;
}

export type IncidentMemberInput = Omit<IncidentMember, "reviewState"> & {
  /** Distinctive keys for blocking undated events. */
  keys: string[];
};

export interface IncidentChanges {
  merges: { from: string; into: string }[];
  members: IncidentMemberInput[];
}

export interface ListIncidentsOptions {
  /** Entity id: incidents with a member event where it is a perpetrator or a target entity. */
  actor?: string;
  /** ISO 3166-1 alpha-2: the incident's country (the one most of its members report). */
  country?: string;
  /** ISO date: incidents whose last date is on or after it (undated incidents are excluded). */
  since?: string;
  family?: string;
  limit?: number;
  offset?: number;
}

export interface IncidentSummary {
  id: string;
  family: string;
  type: string;
  subtype?: string;
  /** Label of the earliest member event. */
  label?: string;
  firstDate?: string;
  lastDate?: string;
  country?: string;
  eventCount: number;
  documentCount: number;
  reviewState: ReviewState;
}

export interface IncidentDetail extends IncidentSummary {
  members: (IncidentMember & { event: StoredEvent })[];
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
  /** For an entity merged into another: the canonical entity it now reads as. */
  mergedInto?: string;
  /** For a canonical entity: the entities merged into it (directly or not), by id. */
  mergedFrom?: string[];
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
  /** When the document was stored (ISO date-time): what "as of" uses for undated documents. */
  ingestedAt?: string;
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
