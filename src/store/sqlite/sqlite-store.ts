import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type Document, type Entity, SitrepError, type Span } from "../../core/index.js";
import { checkSpan } from "../check-span.js";
import { dateBounds } from "../date-bounds.js";
import { foldName } from "../fold-name.js";
import {
  byMemberOrder,
  rowToIncident,
  rowToMember,
  SQL_INCIDENT,
  SQL_MEMBER,
  SQL_MEMBER_IE,
} from "../incident-rows.js";
import {
  listClaimsQuery,
  listEventsQuery,
  listIncidentMembersQuery,
  listIncidentsQuery,
  listMentionsQuery,
  listReviewsQuery,
} from "../list-queries.js";
import { mergeableColumns } from "../mergeable-columns.js";
import {
  activeMerge,
  checkMergeable,
  checkSourceGrade,
  MERGED_MEMBERS_SQL,
  rowToMerge,
  rowToSource,
  withMergedMembers,
} from "../merges.js";
import { ownerKey } from "../owner-key.js";
import {
  CLAIM_SELECT,
  DOCUMENT_SUMMARY_SELECT,
  ENTITY_GROUP,
  ENTITY_SUMMARY_SELECT,
  EVENT_SELECT,
  escapeLike,
  MERGED_SUBTREE,
  NO_LIMIT,
  placeholders,
  SQL,
  SQL_SOURCES,
} from "../queries.js";
import {
  checkReviewInput,
  itemKeyOf,
  itemName,
  LATEST_DECISION,
  proposedHead,
  REVIEW_TABLES,
  restoreReviewSql,
  rowToReview,
} from "../review-rows.js";
import {
  entityColumns,
  mergeEntity,
  type Row,
  rowToClaim,
  rowToDocument,
  rowToDocumentSummary,
  rowToEntitySummary,
  rowToEvent,
  rowToMention,
  toJson,
} from "../rows.js";
import { MIGRATIONS, MIGRATIONS_TABLE, migrationStatements, SCHEMA_VERSION } from "../schema.js";
import type {
  DocumentSummary,
  EntityMerge,
  EntityMergeInput,
  EntitySummary,
  IncidentBlockQuery,
  IncidentChanges,
  IncidentDetail,
  IncidentMember,
  IncidentSummary,
  ListClaimsOptions,
  ListEntitiesOptions,
  ListEntityMergesOptions,
  ListEventsOptions,
  ListIncidentsOptions,
  ListReviewsOptions,
  ProposedItem,
  Review,
  ReviewInput,
  ReviewItemKind,
  SaveAnalysisInput,
  SearchHit,
  SourceGrade,
  SourceGradeInput,
  SourceSummary,
  Store,
  StoredClaim,
  StoredEvent,
  StoredMention,
} from "../store.js";
import { toFtsQuery } from "./fts-query.js";

type Statement = Database.Statement<unknown[], Row>;

/** Rows fetched per IN (…) list, well under SQLite's parameter limit. */
const CHUNK = 400;

/**
 * Opens (creating if needed) a SQLite store at `path` (":memory:" for a throwaway one): creates
 * the parent folder, sets WAL, foreign keys and a busy timeout, and applies pending migrations.
 */
export function openSqliteStore(path: string): SqliteStore {
  return new SqliteStore(path);
}

export class SqliteStore implements Store {
  readonly path: string;
  /** The underlying connection, for adapter-specific tests and tools; services use the Store methods. */
  readonly db: Database.Database;
  private readonly cache = new Map<string, Statement>();
  private readonly saveTx: Database.Transaction<(input: SaveAnalysisInput) => { inserted: boolean }>;
  private readonly incidentTx: Database.Transaction<(changes: IncidentChanges) => void>;
  private readonly reviewTx: Database.Transaction<(input: ReviewInput) => Review>;
  private closed = false;

  constructor(path: string) {
    this.path = path;
    const inMemory = path === ":memory:" || path === "";
    try {
      if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new SitrepError(
        "E_STORE",
        `cannot create the folder for the database ${path}: ${message(e)}`,
        { path },
        {
          cause: e,
        },
      );
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      db.pragma("busy_timeout = 5000");
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      migrate(db, path);
    } catch (e) {
      db?.close();
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot open the database ${path}: ${message(e)}`,
        { path },
        { cause: e },
      );
    }
    this.db = db;
    this.saveTx = db.transaction((inp: SaveAnalysisInput) => this.writeAnalysis(inp));
    this.incidentTx = db.transaction((changes: IncidentChanges) => this.writeIncidentChanges(changes));
    this.reviewTx = db.transaction((input: ReviewInput) => this.writeReview(input));
  }

  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql) as Statement;
      this.cache.set(sql, s);
    }
    return s;
  }

  private open(): void {
    if (this.closed) throw new SitrepError("E_STORE", "the store is closed", { path: this.path });
  }

  // ---- writing -------------------------------------------------------------------------------

  async saveAnalysis(input: SaveAnalysisInput): Promise<{ inserted: boolean }> {
    this.open();
    const { document, analysis } = input;
    if (analysis.document.id !== document.id) {
      throw new SitrepError(
        "E_VALIDATION",
        `analysis is for document ${analysis.document.id} but the document is ${document.id}`,
        { documentId: document.id, analysisDocumentId: analysis.document.id },
      );
    }
    try {
      return this.saveTx.immediate(input);
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot save document ${document.id}: ${message(e)}`,
        {
          documentId: document.id,
          ...(document.path ? { path: document.path } : {}),
        },
        { cause: e },
      );
    }
  }

  private writeAnalysis({ document: doc, analysis }: SaveAnalysisInput): { inserted: boolean } {
    if (this.stmt(SQL.documentExists).get(doc.id)) return { inserted: false };
    const now = new Date().toISOString();
    this.stmt(SQL.insertDocument).run(
      doc.id,
      doc.text,
      doc.title ?? null,
      doc.published ?? null,
      doc.source ?? null,
      doc.url ?? null,
      doc.path ?? null,
      doc.language ?? "en",
      doc.tlp ?? "CLEAR",
      doc.note ?? null,
      now,
    );

    for (const entity of analysis.entities) {
      this.upsertEntity(entity, now);
      for (const m of entity.mentions ?? []) {
        checkSpan(doc, m, `mention of ${entity.id}`);
        this.stmt(SQL.insertMention).run(doc.id, entity.id, m.start, m.end, m.text);
      }
    }

    for (const ev of analysis.events) {
      const bounds = ev.date?.value ? dateBounds(ev.date.value, ev.date.precision) : undefined;
      this.stmt(SQL.insertEvent).run(
        doc.id,
        ev.id,
        ev.type,
        ev.subtype ?? null,
        ev.label ?? null,
        ev.date?.value ?? null,
        ev.date?.precision ?? null,
        ev.date?.text ?? null,
        ev.date ? (ev.date.resolved === false ? 0 : 1) : null,
        bounds?.start ?? null,
        bounds?.end ?? null,
        ev.place ?? null,
        ev.country ?? null,
        toJson(ev.attribution),
        toJson(ev.casualties),
        JSON.stringify(ev.targets ?? []),
        JSON.stringify(ev.weapons ?? []),
        ev.confidence ?? null,
      );
      (ev.perpetrators ?? []).forEach((p, i) => {
        this.stmt(SQL.insertEventActor).run(doc.id, ev.id, p, "perpetrator", i);
      });
      (ev.targets ?? []).forEach((t, i) => {
        if (t.entity) this.stmt(SQL.insertEventActor).run(doc.id, ev.id, t.entity, "target", i);
      });
      this.insertEvidence(doc, ev.id, ev.evidence, `event ${ev.id}`);
    }

    for (const c of analysis.claims) {
      this.stmt(SQL.insertClaim).run(
        doc.id,
        c.id,
        c.subject,
        c.property,
        c.value,
        c.object ?? null,
        toJson(c.qualifiers),
        c.stance ?? null,
        c.heldBy ?? null,
        c.confidence ?? null,
      );
      this.insertEvidence(doc, c.id, c.evidence, `claim ${c.id}`);
    }
    // Items written again under a key an analyst has already judged get that decision back.
    this.stmt(restoreReviewSql("event")).run(doc.id);
    this.stmt(restoreReviewSql("claim")).run(doc.id);
    return { inserted: true };
  }

  private insertEvidence(doc: Document, ownerId: string, spans: Span[], what: string): void {
    spans.forEach((s, i) => {
      checkSpan(doc, s, `evidence of ${what}`);
      this.stmt(SQL.insertEvidence).run(doc.id, ownerId, i, s.start, s.end, s.text);
    });
  }

  private upsertEntity(entity: Entity, now: string): void {
    const existing = this.stmt(SQL.selectEntityRow).get(entity.id);
    let record: Omit<Entity, "mentions">;
    if (!existing) {
      record = entity;
      const c = entityColumns(entity);
      this.stmt(SQL.insertEntity).run(entity.id, entity.kind, entity.name, ...mergeableColumns(c), now, now);
    } else {
      record = mergeEntity(rowToEntitySummary(existing), entity);
      const c = entityColumns(record);
      this.stmt(SQL.updateEntityMerged).run(...mergeableColumns(c), now, entity.id);
    }
    for (const n of [record.name, ...(record.aliases ?? [])]) {
      const folded = foldName(n);
      if (folded) this.stmt(SQL.insertEntityName).run(entity.id, folded);
    }
  }

  // ---- documents -----------------------------------------------------------------------------

  async hasDocument(id: string): Promise<boolean> {
    this.open();
    return this.stmt(SQL.documentExists).get(id) !== undefined;
  }

  async getDocument(id: string): Promise<Document | undefined> {
    this.open();
    const r = this.stmt(SQL.selectDocument).get(id);
    return r ? rowToDocument(r) : undefined;
  }

  async listDocuments(options: { limit?: number; offset?: number } = {}): Promise<DocumentSummary[]> {
    this.open();
    return this.stmt(`${DOCUMENT_SUMMARY_SELECT} ORDER BY d.seq DESC LIMIT ? OFFSET ?`)
      .all(options.limit ?? NO_LIMIT, options.offset ?? 0)
      .map(rowToDocumentSummary);
  }

  async countDocuments(): Promise<number> {
    this.open();
    return Number(this.stmt(SQL.countDocuments).get()?.n ?? 0);
  }

  async findDocumentByPath(path: string): Promise<DocumentSummary | undefined> {
    this.open();
    const r = this.stmt(`${DOCUMENT_SUMMARY_SELECT} WHERE d.path = ? ORDER BY d.seq DESC LIMIT 1`).get(path);
    return r ? rowToDocumentSummary(r) : undefined;
  }

  // ---- entities ------------------------------------------------------------------------------

  async listEntities(options: ListEntitiesOptions = {}): Promise<EntitySummary[]> {
    this.open();
    // Entities merged into another read as part of it (docs/actors.md): only canonical ones are listed.
    const where: string[] = ["e.canonical_id IS NULL"];
    const params: unknown[] = [];
    if (options.kind) {
      where.push("e.kind = ?");
      params.push(options.kind);
    }
    const q = options.q ? foldName(options.q) : "";
    if (q) {
      where.push(
        `EXISTS (SELECT 1 FROM entity_names n JOIN entities g ON g.id = n.entity_id
          WHERE (g.id = e.id OR g.canonical_id = e.id) AND n.folded_name LIKE ? ESCAPE '\\')`,
      );
      params.push(`%${escapeLike(q)}%`);
    }
    const sql = `${ENTITY_SUMMARY_SELECT} WHERE ${where.join(" AND ")}
      ORDER BY mention_count DESC, e.name, e.id LIMIT ? OFFSET ?`;
    return this.withMerged(this.stmt(sql).all(...params, options.limit ?? NO_LIMIT, options.offset ?? 0));
  }

  /** Entity summaries of rows; a canonical entity with merged members gets their names and ids. */
  private withMerged(rows: Row[]): EntitySummary[] {
    return rows.map((r) => {
      const e = rowToEntitySummary(r);
      if (Number(r.merged_count ?? 0) === 0) return e;
      return withMergedMembers(e, this.stmt(MERGED_MEMBERS_SQL).all(e.id));
    });
  }

  async getEntity(id: string): Promise<EntitySummary | undefined> {
    this.open();
    return this.withMerged(this.stmt(`${ENTITY_SUMMARY_SELECT} WHERE e.id = ?`).all(id))[0];
  }

  async findEntityByName(name: string): Promise<EntitySummary | undefined> {
    this.open();
    const key = foldName(name);
    if (!key) return undefined;
    const candidates = this.stmt(
      `${ENTITY_SUMMARY_SELECT} WHERE e.id IN (SELECT n.entity_id FROM entity_names n WHERE n.folded_name = ?)
       ORDER BY mention_count DESC, e.id`,
    )
      .all(key)
      .map(rowToEntitySummary);
    const found = candidates.find((c) => foldName(c.name) === key) ?? candidates[0];
    // A name of a merged-away entity answers the entity it was merged into.
    return found?.mergedInto
      ? this.getEntity(found.mergedInto)
      : found
        ? this.getEntity(found.id)
        : undefined;
  }

  async childrenOf(id: string): Promise<EntitySummary[]> {
    this.open();
    return this.withMerged(
      this.stmt(
        `${ENTITY_SUMMARY_SELECT} WHERE e.parent IN (${ENTITY_GROUP}) AND e.canonical_id IS NULL ORDER BY e.name, e.id`,
      ).all(id, id),
    );
  }

  async listMentions(options: {
    entityId?: string;
    documentId?: string;
    limit?: number;
  }): Promise<StoredMention[]> {
    this.open();
    const q = listMentionsQuery(options);
    return this.stmt(q.sql)
      .all(...q.params)
      .map(rowToMention);
  }

  // ---- events and claims ---------------------------------------------------------------------

  async listEvents(options: ListEventsOptions = {}): Promise<StoredEvent[]> {
    this.open();
    const q = listEventsQuery(options);
    return this.eventsFromRows(this.stmt(q.sql).all(...q.params));
  }

  /** Events of EVENT_SELECT rows, with their perpetrators and evidence. */
  private eventsFromRows(rows: Row[]): StoredEvent[] {
    const actors = this.childRows(
      rows,
      (docs, owners) =>
        `SELECT document_id, event_id AS owner_id, entity_id FROM event_actors
         WHERE role = 'perpetrator' AND document_id IN (${docs}) AND event_id IN (${owners}) ORDER BY position`,
    );
    const evidence = this.evidenceFor(rows);
    return rows.map((r) => {
      const key = ownerKey(r.document_id, r.id);
      return rowToEvent(
        r,
        (actors.get(key) ?? []).map((a) => String(a.entity_id)),
        evidence.get(key) ?? [],
      );
    });
  }

  async listClaims(options: ListClaimsOptions = {}): Promise<StoredClaim[]> {
    this.open();
    const q = listClaimsQuery(options);
    return this.claimsFromRows(this.stmt(q.sql).all(...q.params));
  }

  /** Claims of CLAIM_SELECT rows, with their evidence. */
  private claimsFromRows(rows: Row[]): StoredClaim[] {
    const evidence = this.evidenceFor(rows);
    return rows.map((r) => rowToClaim(r, evidence.get(ownerKey(r.document_id, r.id)) ?? []));
  }

  private evidenceFor(owners: Row[]): Map<string, Span[]> {
    const rows = this.childRows(
      owners,
      (docs, ids) =>
        `SELECT document_id, owner_id, start_offset, end_offset, text FROM evidence
         WHERE document_id IN (${docs}) AND owner_id IN (${ids}) ORDER BY position`,
    );
    const out = new Map<string, Span[]>();
    for (const [k, list] of rows) {
      out.set(
        k,
        list.map((r) => ({ start: Number(r.start_offset), end: Number(r.end_offset), text: String(r.text) })),
      );
    }
    return out;
  }

  /** Child rows (actors, evidence) of the given event/claim rows, grouped by document + owner id. */
  private childRows(owners: Row[], sql: (docs: string, ids: string) => string): Map<string, Row[]> {
    const out = new Map<string, Row[]>();
    for (let i = 0; i < owners.length; i += CHUNK) {
      const chunk = owners.slice(i, i + CHUNK);
      const docs = [...new Set(chunk.map((r) => String(r.document_id)))];
      const ids = [...new Set(chunk.map((r) => String(r.id)))];
      for (const r of this.stmt(sql(placeholders(docs.length), placeholders(ids.length))).all(
        ...docs,
        ...ids,
      )) {
        const key = ownerKey(r.document_id, r.owner_id);
        const list = out.get(key);
        if (list) list.push(r);
        else out.set(key, [r]);
      }
    }
    return out;
  }

  // ---- search --------------------------------------------------------------------------------

  async search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    this.open();
    const match = toFtsQuery(query);
    if (!match) return [];
    const rows = this.stmt(
      `SELECT d.id, d.title, d.published, d.source, d.path,
         snippet(documents_fts, -1, '<mark>', '</mark>', '…', 16) AS snippet,
         bm25(documents_fts, 4.0, 1.0) AS rank
       FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
       WHERE documents_fts MATCH ?
       ORDER BY rank, d.seq DESC LIMIT ?`,
    ).all(match, options.limit ?? 20);
    return rows.map(
      (r) =>
        Object.fromEntries(
          Object.entries({
            documentId: String(r.id),
            title: r.title,
            published: r.published,
            source: r.source,
            path: r.path,
            snippet: String(r.snippet ?? ""),
            score: -Number(r.rank),
          }).filter(([, v]) => v !== null && v !== undefined),
        ) as unknown as SearchHit,
    );
  }

  // ---- incidents -----------------------------------------------------------------------------

  async blockIncidents(q: IncidentBlockQuery): Promise<IncidentMember[]> {
    this.open();
    const found = new Map<string, Row>();
    const add = (rows: Row[]) => {
      for (const r of rows) found.set(ownerKey(r.document_id, r.event_id), r);
    };
    for (const w of q.windows ?? []) {
      if (q.country) {
        // Two index range scans on (type_family, country, date_precision, date_start): this country, and unknown.
        add(
          this.stmt(
            `${SQL_MEMBER} WHERE type_family = ? AND country = ? AND date_precision = ? AND date_start BETWEEN ? AND ?`,
          ).all(q.family, q.country, w.precision, w.from, w.to),
        );
        add(
          this.stmt(
            `${SQL_MEMBER} WHERE type_family = ? AND country IS NULL AND date_precision = ? AND date_start BETWEEN ? AND ?`,
          ).all(q.family, w.precision, w.from, w.to),
        );
      } else {
        add(
          this.stmt(
            `${SQL_MEMBER} WHERE type_family = ? AND date_precision = ? AND date_start BETWEEN ? AND ?`,
          ).all(q.family, w.precision, w.from, w.to),
        );
      }
    }
    const keys = [...new Set(q.keys ?? [])];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      add(
        // Driven from incident_keys' primary key (key first), then each member by its primary key.
        this.stmt(
          `${SQL_MEMBER_IE} JOIN (SELECT DISTINCT document_id, event_id FROM incident_keys
             WHERE key IN (${placeholders(chunk.length)})) k
             ON ie.document_id = k.document_id AND ie.event_id = k.event_id
           WHERE ie.type_family = ?${q.keysUndatedOnly ? " AND ie.date_start IS NULL" : ""}`,
        ).all(...chunk, q.family),
      );
    }
    return [...found.values()].map(rowToMember).sort(byMemberOrder);
  }

  async applyIncidentChanges(changes: IncidentChanges): Promise<void> {
    this.open();
    try {
      this.incidentTx.immediate(changes);
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError("E_STORE", `cannot save incident links: ${message(e)}`, {}, { cause: e });
    }
  }

  private writeIncidentChanges(changes: IncidentChanges): void {
    const touched = new Set<string>();
    for (const m of changes.merges) {
      if (m.from === m.into) continue;
      const from = this.stmt("SELECT type_family, type FROM incidents WHERE id = ?").get(m.from);
      if (!from) continue;
      this.stmt(
        `INSERT INTO incidents (id, type_family, type, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ).run(m.into, from.type_family, from.type, new Date().toISOString());
      this.stmt("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?").run(m.into, m.from);
      touched.add(m.from);
      touched.add(m.into);
    }
    const now = new Date().toISOString();
    for (const m of changes.members) {
      const previous = this.stmt(
        "SELECT incident_id FROM incident_events WHERE document_id = ? AND event_id = ?",
      ).get(m.documentId, m.eventId);
      if (previous) touched.add(String(previous.incident_id));
      // The row must exist before members point at it (foreign key); aggregates follow below.
      this.stmt(
        `INSERT INTO incidents (id, type_family, type, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ).run(m.incidentId, m.family, m.family, now);
      this.stmt(
        `INSERT INTO incident_events (document_id, event_id, incident_id, type_family, date_start, date_end,
           date_precision, sort_key, country, features, score, reasons, linked_document_id, linked_event_id,
           review_state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((${LATEST_DECISION}), 'proposed'))
         ON CONFLICT (document_id, event_id) DO UPDATE SET incident_id = excluded.incident_id,
           type_family = excluded.type_family, date_start = excluded.date_start, date_end = excluded.date_end,
           date_precision = excluded.date_precision, sort_key = excluded.sort_key, country = excluded.country,
           features = excluded.features, score = excluded.score, reasons = excluded.reasons,
           linked_document_id = excluded.linked_document_id, linked_event_id = excluded.linked_event_id`,
      ).run(
        m.documentId,
        m.eventId,
        m.incidentId,
        m.family,
        m.dateStart ?? null,
        m.dateEnd ?? null,
        m.datePrecision ?? null,
        m.sortKey,
        m.country ?? null,
        JSON.stringify(m.features ?? null),
        m.score ?? null,
        JSON.stringify(m.reasons ?? []),
        m.linkedTo?.documentId ?? null,
        m.linkedTo?.eventId ?? null,
        // A new member whose link an analyst judged before gets that decision back; an existing
        // member keeps its state (the update below never touches review_state).
        "incident_link",
        m.documentId,
        m.eventId,
      );
      this.stmt("DELETE FROM incident_keys WHERE document_id = ? AND event_id = ?").run(
        m.documentId,
        m.eventId,
      );
      for (const k of new Set(m.keys)) {
        this.stmt("INSERT INTO incident_keys (key, document_id, event_id) VALUES (?, ?, ?)").run(
          k,
          m.documentId,
          m.eventId,
        );
      }
      touched.add(m.incidentId);
    }
    for (const id of touched) this.refreshIncident(id, now);
  }

  /** Recomputes an incident's aggregates from its members; deletes it when it has none. */
  private refreshIncident(id: string, now: string): void {
    const rows = this.stmt(
      `SELECT ie.type_family, ie.date_start, ie.date_end, ie.country, ie.document_id, ev.type, ev.subtype
       FROM incident_events ie JOIN events ev ON ev.document_id = ie.document_id AND ev.id = ie.event_id
       WHERE ie.incident_id = ? ORDER BY ie.sort_key`,
    ).all(id);
    if (!rows.length) {
      this.stmt("DELETE FROM incidents WHERE id = ?").run(id);
      return;
    }
    let first: string | null = null;
    let last: string | null = null;
    const countries = new Map<string, number>();
    for (const r of rows) {
      const ds = r.date_start as string | null;
      const de = r.date_end as string | null;
      if (ds && (first === null || ds < first)) first = ds;
      if (de && (last === null || de > last)) last = de;
      if (r.country) countries.set(String(r.country), (countries.get(String(r.country)) ?? 0) + 1);
    }
    const country =
      [...countries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c)[0] ?? null;
    const head = rows[0];
    const headSortKey = this.stmt("SELECT MIN(sort_key) AS k FROM incident_events WHERE incident_id = ?").get(
      id,
    )?.k;
    this.stmt(
      `INSERT INTO incidents (id, type_family, type, subtype, first_date, last_date, country, event_count,
         document_count, head_sort_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type_family = excluded.type_family, type = excluded.type,
         head_sort_key = excluded.head_sort_key,
         subtype = excluded.subtype, first_date = excluded.first_date, last_date = excluded.last_date,
         country = excluded.country, event_count = excluded.event_count,
         document_count = excluded.document_count, updated_at = excluded.updated_at`,
    ).run(
      id,
      head.type_family,
      head.type,
      head.subtype ?? null,
      first,
      last,
      country,
      rows.length,
      new Set(rows.map((r) => String(r.document_id))).size,
      headSortKey ?? null,
      now,
    );
  }

  async listIncidents(options: ListIncidentsOptions = {}): Promise<IncidentSummary[]> {
    this.open();
    const q = listIncidentsQuery(options);
    return this.stmt(q.sql)
      .all(...q.params)
      .map(rowToIncident);
  }

  async getIncident(id: string): Promise<IncidentDetail | undefined> {
    this.open();
    const r = this.stmt(`${SQL_INCIDENT} WHERE i.id = ?`).get(id);
    if (!r) return undefined;
    const members = this.stmt(`${SQL_MEMBER} WHERE incident_id = ? ORDER BY sort_key`)
      .all(id)
      .map(rowToMember);
    const events = new Map<string, StoredEvent>();
    for (const docId of new Set(members.map((m) => m.documentId))) {
      for (const ev of await this.listEvents({ documentId: docId })) events.set(ownerKey(docId, ev.id), ev);
    }
    return {
      ...rowToIncident(r),
      members: members.flatMap((m) => {
        const event = events.get(ownerKey(m.documentId, m.eventId));
        return event ? [{ ...m, event }] : [];
      }),
    };
  }

  async listIncidentMembers(options: {
    documentId?: string;
    incidentId?: string;
  }): Promise<IncidentMember[]> {
    this.open();
    const q = listIncidentMembersQuery(options);
    return this.stmt(q.sql)
      .all(...q.params)
      .map(rowToMember);
  }

  async countIncidents(): Promise<number> {
    this.open();
    return Number(this.stmt("SELECT COUNT(*) AS n FROM incidents").get()?.n ?? 0);
  }

  // ---- review (docs/review.md) ----------------------------------------------------------------

  async recordReview(input: ReviewInput): Promise<Review> {
    this.open();
    checkReviewInput(input);
    try {
      return this.reviewTx.immediate(input);
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot record the review of ${itemName(input)}: ${message(e)}`,
        { ...itemKeyOf(input) },
        { cause: e },
      );
    }
  }

  private writeReview(input: ReviewInput): Review {
    const t = REVIEW_TABLES[input.itemKind];
    const row = this.stmt(`SELECT review_state FROM ${t.table} WHERE document_id = ? AND ${t.id} = ?`).get(
      input.documentId,
      input.itemId,
    );
    if (!row) {
      throw new SitrepError("E_NOT_FOUND", `no ${itemName(input)} is stored`, { ...itemKeyOf(input) });
    }
    const createdAt = new Date().toISOString();
    const info = this.stmt(
      `INSERT INTO reviews (item_kind, document_id, item_id, decision, previous_state, edit, analyst, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.itemKind,
      input.documentId,
      input.itemId,
      input.decision,
      String(row.review_state),
      input.edit ? JSON.stringify(input.edit) : null,
      input.analyst,
      input.note ?? null,
      createdAt,
    );
    this.stmt(`UPDATE ${t.table} SET review_state = ? WHERE document_id = ? AND ${t.id} = ?`).run(
      input.decision,
      input.documentId,
      input.itemId,
    );
    const out: Review = {
      id: Number(info.lastInsertRowid),
      ...itemKeyOf(input),
      decision: input.decision,
      previousState: row.review_state as Review["previousState"],
      analyst: input.analyst,
      createdAt,
    };
    if (input.edit) out.edit = input.edit;
    if (input.note !== undefined) out.note = input.note;
    return out;
  }

  async listReviews(options: ListReviewsOptions = {}): Promise<Review[]> {
    this.open();
    const q = listReviewsQuery(options);
    return this.stmt(q.sql)
      .all(...q.params)
      .map(rowToReview);
  }

  async listProposed(options: { kind?: ReviewItemKind; limit?: number } = {}): Promise<ProposedItem[]> {
    this.open();
    const limit = options.limit ?? NO_LIMIT;
    const out: ProposedItem[] = [];
    const want = (k: ReviewItemKind) => (!options.kind || options.kind === k) && out.length < limit;
    if (want("event")) {
      const rows = this.stmt(
        `${EVENT_SELECT} WHERE ev.review_state = 'proposed' ORDER BY d.seq, ev.id LIMIT ?`,
      ).all(limit - out.length);
      for (const event of this.eventsFromRows(rows)) {
        out.push({ ...proposedHead("event", event.documentId, event.id, event), event });
      }
    }
    if (want("claim")) {
      const rows = this.stmt(
        `${CLAIM_SELECT} WHERE c.review_state = 'proposed' ORDER BY d.seq, c.id LIMIT ?`,
      ).all(limit - out.length);
      for (const claim of this.claimsFromRows(rows)) {
        out.push({ ...proposedHead("claim", claim.documentId, claim.id, claim), claim });
      }
    }
    if (want("incident_link")) {
      const links = this.stmt(
        `${SQL_MEMBER_IE} JOIN documents d ON d.id = ie.document_id
         WHERE ie.review_state = 'proposed' AND ie.linked_document_id IS NOT NULL
         ORDER BY d.seq, ie.event_id LIMIT ?`,
      )
        .all(limit - out.length)
        .map(rowToMember);
      for (const link of links) {
        const [event] = this.eventsFromRows(
          this.stmt(`${EVENT_SELECT} WHERE ev.document_id = ? AND ev.id = ?`).all(
            link.documentId,
            link.eventId,
          ),
        );
        if (!event) continue;
        out.push({ ...proposedHead("incident_link", link.documentId, link.eventId, event), event, link });
      }
    }
    return out;
  }

  // ---- actor merges (docs/actors.md) --------------------------------------------------------------

  async mergeEntities(input: EntityMergeInput): Promise<EntityMerge> {
    this.open();
    if (!input.reason.trim())
      throw new SitrepError("E_VALIDATION", "a merge needs a reason", { field: "reason" });
    return this.db
      .transaction(() => {
        const from = this.stmt(SQL.selectEntityRow).get(input.from);
        const into = this.stmt(SQL.selectEntityRow).get(input.into);
        checkMergeable(input, from, into);
        const createdAt = new Date().toISOString();
        // The subtree under `from` (entities merged into it) moves with it.
        this.stmt(`UPDATE entities SET canonical_id = ? WHERE id IN (${MERGED_SUBTREE})`).run(
          input.into,
          input.from,
        );
        this.stmt("UPDATE entities SET merged_into = ?, canonical_id = ? WHERE id = ?").run(
          input.into,
          input.into,
          input.from,
        );
        const info = this.stmt(
          `INSERT INTO entity_merges (from_id, into_id, reason, origin, analyst, review_state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.from,
          input.into,
          input.reason,
          input.origin,
          input.analyst ?? null,
          input.origin === "analyst" ? "accepted" : "proposed",
          createdAt,
        );
        return this.mergeById(Number(info.lastInsertRowid)) as EntityMerge;
      })
      .immediate();
  }

  async unmergeEntities(input: {
    id: number;
    analyst: string;
    note?: string;
    reject?: boolean;
  }): Promise<EntityMerge> {
    this.open();
    return this.db
      .transaction(() => {
        const m = activeMerge(input.id, this.mergeById(input.id));
        this.stmt("UPDATE entities SET merged_into = NULL, canonical_id = NULL WHERE id = ?").run(m.from);
        this.stmt(`UPDATE entities SET canonical_id = ? WHERE id IN (${MERGED_SUBTREE})`).run(m.from, m.from);
        this.stmt(
          `UPDATE entity_merges SET reverted_at = ?, reverted_by = ?, revert_note = ?,
           review_state = CASE WHEN ? = 1 THEN 'rejected' ELSE review_state END WHERE id = ?`,
        ).run(new Date().toISOString(), input.analyst, input.note ?? null, input.reject ? 1 : 0, m.id);
        return this.mergeById(m.id) as EntityMerge;
      })
      .immediate();
  }

  async acceptEntityMerge(input: { id: number; analyst: string }): Promise<EntityMerge> {
    this.open();
    const m = activeMerge(input.id, this.mergeById(input.id));
    this.stmt(
      "UPDATE entity_merges SET review_state = 'accepted', analyst = COALESCE(analyst, ?) WHERE id = ?",
    ).run(input.analyst, m.id);
    return this.mergeById(m.id) as EntityMerge;
  }

  async listEntityMerges(options: ListEntityMergesOptions = {}): Promise<EntityMerge[]> {
    this.open();
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.entityId) {
      where.push("(from_id = ? OR into_id = ?)");
      params.push(options.entityId, options.entityId);
    }
    if (options.status)
      where.push(options.status === "active" ? "reverted_at IS NULL" : "reverted_at IS NOT NULL");
    if (options.reviewState) {
      where.push("review_state = ?");
      params.push(options.reviewState);
    }
    return this.stmt(
      `SELECT * FROM entity_merges${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
    )
      .all(...params)
      .map(rowToMerge);
  }

  private mergeById(id: number): EntityMerge | undefined {
    const r = this.stmt("SELECT * FROM entity_merges WHERE id = ?").get(id);
    return r ? rowToMerge(r) : undefined;
  }

  // ---- sources ---------------------------------------------------------------------------------

  async setSourceReliability(input: SourceGradeInput): Promise<SourceGrade> {
    this.open();
    const grade = checkSourceGrade(input);
    this.stmt(
      "INSERT INTO source_grades (source, reliability, analyst, note, created_at) VALUES (?, ?, ?, ?, ?)",
    ).run(grade.source, grade.reliability, grade.analyst, grade.note ?? null, grade.createdAt);
    return grade;
  }

  async listSources(): Promise<SourceSummary[]> {
    this.open();
    return this.stmt(SQL_SOURCES).all().map(rowToSource);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.db.close();
  }
}

function migrate(db: Database.Database, path: string): void {
  db.exec(MIGRATIONS_TABLE);
  const current = Number(
    (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0,
  );
  if (current > SCHEMA_VERSION) {
    throw new SitrepError(
      "E_STORE",
      `the database ${path} has schema version ${current}, newer than this Sitrep knows (${SCHEMA_VERSION}); upgrade Sitrep`,
      { path, version: current, known: SCHEMA_VERSION },
    );
  }
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const applied = db.prepare("SELECT 1 AS found FROM schema_migrations WHERE version = ?");
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // Re-checked under the write lock: another process opening the same file may have won.
    db.transaction(() => {
      if (applied.get(m.version)) return;
      for (const s of migrationStatements(m, "sqlite")) db.exec(s);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
