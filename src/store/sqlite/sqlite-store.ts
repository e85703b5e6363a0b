import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type Document, type Entity, SitrepError, type Span } from "../../core/index.js";
import { boundDay, dateBounds } from "../date-bounds.js";
import { foldName } from "../fold-name.js";
import {
  CLAIM_SELECT,
  DOCUMENT_SUMMARY_SELECT,
  ENTITY_SUMMARY_SELECT,
  EVENT_SELECT,
  escapeLike,
  NO_LIMIT,
  placeholders,
  SQL,
} from "../queries.js";
import {
  entityColumns,
  mergeEntity,
  type Row,
  rowToClaim,
  rowToDocument,
  rowToDocumentSummary,
  rowToEntitySummary,
  rowToEvent,
  toJson,
} from "../rows.js";
import { MIGRATIONS, MIGRATIONS_TABLE, migrationStatements, SCHEMA_VERSION } from "../schema.js";
import type {
  DocumentSummary,
  EntitySummary,
  ListClaimsOptions,
  ListEntitiesOptions,
  ListEventsOptions,
  SaveAnalysisInput,
  SearchHit,
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
      this.stmt(SQL.insertEntity).run(
        entity.id,
        entity.kind,
        entity.name,
        c.aliases,
        c.parent,
        c.parentRelation,
        c.countries,
        c.lat,
        c.lon,
        c.geoCountry,
        c.geoPrecision,
        c.geonamesId,
        c.externalIds,
        now,
        now,
      );
    } else {
      record = mergeEntity(rowToEntitySummary(existing), entity);
      const c = entityColumns(record);
      this.stmt(SQL.updateEntityMerged).run(
        c.aliases,
        c.parent,
        c.parentRelation,
        c.countries,
        c.lat,
        c.lon,
        c.geoCountry,
        c.geoPrecision,
        c.geonamesId,
        c.externalIds,
        now,
        entity.id,
      );
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.kind) {
      where.push("e.kind = ?");
      params.push(options.kind);
    }
    const q = options.q ? foldName(options.q) : "";
    if (q) {
      where.push(
        "EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND n.folded_name LIKE ? ESCAPE '\\')",
      );
      params.push(`%${escapeLike(q)}%`);
    }
    const sql = `${ENTITY_SUMMARY_SELECT}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY mention_count DESC, e.name, e.id LIMIT ? OFFSET ?`;
    return this.stmt(sql)
      .all(...params, options.limit ?? NO_LIMIT, options.offset ?? 0)
      .map(rowToEntitySummary);
  }

  async getEntity(id: string): Promise<EntitySummary | undefined> {
    this.open();
    const r = this.stmt(`${ENTITY_SUMMARY_SELECT} WHERE e.id = ?`).get(id);
    return r ? rowToEntitySummary(r) : undefined;
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
    return candidates.find((c) => foldName(c.name) === key) ?? candidates[0];
  }

  async childrenOf(id: string): Promise<EntitySummary[]> {
    this.open();
    return this.stmt(`${ENTITY_SUMMARY_SELECT} WHERE e.parent = ? ORDER BY e.name, e.id`)
      .all(id)
      .map(rowToEntitySummary);
  }

  async listMentions(options: {
    entityId?: string;
    documentId?: string;
    limit?: number;
  }): Promise<StoredMention[]> {
    this.open();
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.entityId) {
      where.push("m.entity_id = ?");
      params.push(options.entityId);
    }
    if (options.documentId) {
      where.push("m.document_id = ?");
      params.push(options.documentId);
    }
    const sql = `SELECT m.document_id, m.entity_id, m.start_offset, m.end_offset, m.text
      FROM mentions m JOIN documents d ON d.id = m.document_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d.seq DESC, m.start_offset, m.end_offset, m.entity_id LIMIT ?`;
    return this.stmt(sql)
      .all(...params, options.limit ?? NO_LIMIT)
      .map((r) => ({
        documentId: String(r.document_id),
        entityId: String(r.entity_id),
        start: Number(r.start_offset),
        end: Number(r.end_offset),
        text: String(r.text),
      }));
  }

  // ---- events and claims ---------------------------------------------------------------------

  async listEvents(options: ListEventsOptions = {}): Promise<StoredEvent[]> {
    this.open();
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.actor) {
      where.push(
        `EXISTS (SELECT 1 FROM event_actors a WHERE a.document_id = ev.document_id AND a.event_id = ev.id
          AND a.entity_id = ?${options.actorRole ? " AND a.role = ?" : ""})`,
      );
      params.push(options.actor);
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
    const sql = `${EVENT_SELECT}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY ev.date_value DESC NULLS LAST, ev.id, ev.document_id LIMIT ? OFFSET ?`;
    const rows = this.stmt(sql).all(...params, options.limit ?? NO_LIMIT, options.offset ?? 0);
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.subject) {
      where.push("c.subject = ?");
      params.push(options.subject);
    }
    if (options.property) {
      where.push("c.property = ?");
      params.push(options.property);
    }
    if (options.documentId) {
      where.push("c.document_id = ?");
      params.push(options.documentId);
    }
    const sql = `${CLAIM_SELECT}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d.published DESC NULLS LAST, c.document_id, c.id LIMIT ? OFFSET ?`;
    const rows = this.stmt(sql).all(...params, options.limit ?? NO_LIMIT, options.offset ?? 0);
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

/** Every stored span must quote the document text exactly at its offsets. */
function checkSpan(doc: Document, s: Span, what: string): void {
  const ok =
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end >= s.start &&
    s.end <= doc.text.length &&
    doc.text.slice(s.start, s.end) === s.text;
  if (!ok) {
    throw new SitrepError(
      "E_VALIDATION",
      `${what} [${s.start}, ${s.end}) "${s.text}" does not match the text of document ${doc.id}`,
      {
        documentId: doc.id,
        start: s.start,
        end: s.end,
        text: s.text,
        actual: s.start >= 0 && s.end >= s.start ? doc.text.slice(s.start, s.end) : undefined,
      },
    );
  }
}

function ownerKey(documentId: unknown, ownerId: unknown): string {
  return `${String(documentId)}\u0000${String(ownerId)}`;
}

function invalidDate(option: string, value: string): never {
  throw new SitrepError("E_VALIDATION", `${option} must be an ISO date such as 2024-03-29, got "${value}"`, {
    option,
    value,
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
