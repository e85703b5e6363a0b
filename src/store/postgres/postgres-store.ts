import { createHash } from "node:crypto";
import pg from "pg";
import { type Analysis, type Document, type Entity, SitrepError } from "../../core/index.js";
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
import { MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION } from "../schema.js";
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
import { chunkRows, multiRowInsert, paramsPerRow, toPgSql } from "./pg-sql.js";
import { postgresMigrationStatements, renderPostgres } from "./schema.js";
import { SEARCH_CONFIG, toTsQuery } from "./ts-query.js";

/** A pool (autocommit, any connection) or one client inside a transaction. */
type Db = pg.Pool | pg.PoolClient;

export interface PostgresStoreOptions {
  /**
   * Schema for Sitrep's tables, created if missing; the connection's search_path becomes
   * `<schema>, public` (so extensions installed in `public` are found). Default: the server's
   * search_path (normally `public`). A `?schema=` parameter in the URL does the same.
   */
  schema?: string;
  /** Connections in the pool (default 10). */
  max?: number;
  /**
   * Prepare each statement once per connection (default true). Turn off behind a connection
   * pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
   */
  prepareStatements?: boolean;
  /** Further `pg.Pool` settings (timeouts, ssl, …). */
  pool?: Omit<pg.PoolConfig, "connectionString">;
}

/** Statements up to this length are prepared once per connection (longer ones are generated). */
const PREPARE_MAX_CHARS = 3000;
const statementHashes = new Map<string, string>();

/** PostgreSQL's "cached plan must not change result type" (a prepared statement outlived a schema change). */
function isStalePlan(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return err?.code === "0A000" && /cached plan must not change result type/.test(String(err?.message));
}

/** Owner rows per `= ANY(…)` array when fetching child rows (actors, evidence). */
const ARRAY_CHUNK = 5000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** ts_headline options: SQLite's snippet() marks hits the same way and shows a similar stretch. */
const HEADLINE = "StartSel=<mark>, StopSel=</mark>, MaxFragments=1, MaxWords=18, MinWords=8";
/** ts_rank weights {D, C, B, A}: text is indexed as D, the title as A, four times heavier (bm25 weights 4:1 in SQLite). */
const RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1}";

/**
 * The statements of `blockIncidents`, each an index range scan: the date windows on
 * `incident_events (type_family, date_precision, date_start)` (or the index that adds the
 * country), the keys from `incident_keys`' primary key (key first) and then each member by its
 * primary key. Exported so the adapter's tests can check the plans.
 */
export const BLOCK_SQL = {
  /** family, country, precision, from, to */
  window: `${SQL_MEMBER} WHERE type_family = ? AND country = ? AND date_precision = ? AND date_start BETWEEN ? AND ?`,
  /** family, precision, from, to: members of unknown country */
  windowNoCountry: `${SQL_MEMBER} WHERE type_family = ? AND country IS NULL AND date_precision = ? AND date_start BETWEEN ? AND ?`,
  /** family, precision, from, to */
  windowAnyCountry: `${SQL_MEMBER} WHERE type_family = ? AND date_precision = ? AND date_start BETWEEN ? AND ?`,
  /** keys (array), family */
  keys: keysBlockSql(false),
  /** keys (array), family: only members without a date */
  keysUndated: keysBlockSql(true),
} as const;

function keysBlockSql(undatedOnly: boolean): string {
  return `${SQL_MEMBER_IE} JOIN (SELECT DISTINCT document_id, event_id FROM incident_keys WHERE key = ANY(?)) k
      ON ie.document_id = k.document_id AND ie.event_id = k.event_id
    WHERE ie.type_family = ?${undatedOnly ? " AND ie.date_start IS NULL" : ""}`;
}

/** Opens (creating the schema if needed) a PostgreSQL store; see PostgresStore.open. */
export function openPostgresStore(url: string, options?: PostgresStoreOptions): Promise<PostgresStore> {
  return PostgresStore.open(url, options);
}

/**
 * The Store on PostgreSQL (docs/store.md), for teams sharing one database: the same schema
 * (shared migrations), statements (queries.ts), row mapping (rows.ts) and checks as the SQLite
 * adapter; only connection handling, transactions, multi-row inserts and full-text search
 * differ. Every user value travels as a bind parameter.
 */
export class PostgresStore implements Store {
  /** The connection URL without its password (for messages and error details). */
  readonly url: string;
  readonly schema: string | undefined;
  /** The underlying pool, for adapter-specific tests and tools; services use the Store methods. */
  readonly pool: pg.Pool;
  private closed = false;
  /** Bumped when prepared statements went stale; part of every statement name. */
  private generation = 0;

  private readonly prepareMaxChars: number;

  private constructor(pool: pg.Pool, url: string, schema: string | undefined, prepare: boolean) {
    this.pool = pool;
    this.url = url;
    this.schema = schema;
    this.prepareMaxChars = prepare ? PREPARE_MAX_CHARS : -1;
  }

  /**
   * Connects to `url` (postgres:// or postgresql://) and applies pending migrations, all in one
   * transaction under an advisory lock (two processes opening a new database at once do not both
   * apply them). Fails with E_STORE (the URL without password in `details.url`) when the server
   * cannot be reached, the migrations fail, or the database was written by a newer Sitrep.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { connectionString, schema: urlSchema, serverOptions } = splitUrlParams(url);
    const safeUrl = redactUrl(url);
    const schema = options.schema ?? urlSchema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new SitrepError(
        "E_CONFIG",
        `"${schema}" is not a usable schema name (letters, digits and _, not starting with a digit)`,
        { schema, url: safeUrl },
      );
    }
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({
        connectionString,
        max: options.max ?? 10,
        ...(schema || serverOptions
          ? {
              options: [serverOptions, schema ? `-c search_path=${schema},public` : ""]
                .filter(Boolean)
                .join(" "),
            }
          : {}),
        ...options.pool,
      });
    } catch (e) {
      throw new SitrepError(
        "E_STORE",
        `cannot open the database ${safeUrl}: ${message(e)}`,
        { url: safeUrl },
        { cause: e },
      );
    }
    // An idle connection the server drops emits "error" on the pool; unheard, it would end the
    // process. The pool discards that connection and the next query opens a new one.
    pool.on("error", () => {});
    try {
      await migrate(pool, safeUrl, schema);
    } catch (e) {
      await pool.end().catch(() => {});
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot open the database ${safeUrl}: ${message(e)}`,
        { url: safeUrl },
        { cause: e },
      );
    }
    return new PostgresStore(pool, safeUrl, schema, options.prepareStatements !== false);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private open(): void {
    if (this.closed) throw new SitrepError("E_STORE", "the store is closed", { url: this.url });
  }

  private async rows(sql: string, params: unknown[] = [], db: Db = this.pool): Promise<Row[]> {
    const text = toPgSql(sql);
    // The adapter's statements are a small fixed set: each is prepared once per connection (by a
    // name derived from its text) and then only bound and executed, which saves the planning
    // (about a millisecond for the summary selects). Multi-row INSERTs, whose text varies with the
    // row count, and other long statements run unnamed.
    const prepare = text.length <= this.prepareMaxChars;
    try {
      return (
        await db.query<Row>({ text, values: params, ...(prepare ? { name: this.statementName(text) } : {}) })
      ).rows;
    } catch (e) {
      // A newer Sitrep may have migrated the schema under this running process: a prepared
      // `SELECT *` whose columns changed then fails. Prepare afresh under new names from now on,
      // and retry once when not inside a transaction (which the error has aborted).
      if (!prepare || !isStalePlan(e)) throw e;
      this.generation += 1;
      if (db !== this.pool) throw e;
      return (await db.query<Row>({ text, values: params, name: this.statementName(text) })).rows;
    }
  }

  /** A stable prepared-statement name for a statement text (per schema generation). */
  private statementName(text: string): string {
    let hash = statementHashes.get(text);
    if (!hash) {
      hash = createHash("sha1").update(text).digest("hex").slice(0, 24);
      if (statementHashes.size < 5000) statementHashes.set(text, hash);
    }
    return `sitrep_${this.generation}_${hash}`;
  }

  private async row(sql: string, params: unknown[] = [], db: Db = this.pool): Promise<Row | undefined> {
    return (await this.rows(sql, params, db))[0];
  }

  /** Runs a read (or a single write) and reports database failures as E_STORE. */
  private async run<T>(
    what: string,
    fn: () => Promise<T>,
    details: Record<string, unknown> = {},
  ): Promise<T> {
    this.open();
    try {
      return await fn();
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `${what}: ${message(e)}`,
        { ...details, url: this.url, ...sqlState(e) },
        { cause: e },
      );
    }
  }

  /**
   * Runs `fn` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
   * it throws (the error is passed on). `lock` names a transaction-level advisory lock taken first,
   * which serialises writers of one kind the way SQLite's single writer does.
   */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, lock?: string): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      if (lock)
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockKey(lock, this.schema)]);
      const out = await fn(client);
      await client.query("COMMIT");
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw e;
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  }

  /** Inserts rows with a single-row INSERT statement of queries.ts, many rows per statement. */
  private async insertMany(db: Db, sql: string, rows: unknown[][]): Promise<Row[]> {
    if (!rows.length) return [];
    const out: Row[] = [];
    for (const chunk of chunkRows(rows, paramsPerRow(sql))) {
      out.push(...(await this.rows(multiRowInsert(sql, chunk.length), chunk.flat(), db)));
    }
    return out;
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
      return await this.transaction((c) => this.writeAnalysis(c, input));
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot save document ${document.id}: ${message(e)}`,
        {
          documentId: document.id,
          ...(document.path ? { path: document.path } : {}),
          ...sqlState(e),
        },
        { cause: e },
      );
    }
  }

  /**
   * The writes of one save, in SQLite's order (document → entities → mentions → events, actors,
   * evidence → claims, evidence → restored review states), each table in multi-row statements.
   */
  private async writeAnalysis(c: pg.PoolClient, { document: doc, analysis }: SaveAnalysisInput) {
    const now = new Date().toISOString();
    // ON CONFLICT DO NOTHING waits for a concurrent save of the same document and then yields no
    // row: the second save reports inserted: false, as SQLite's serialised writers do.
    const stored = await this.rows(
      `${SQL.insertDocument} ON CONFLICT (id) DO NOTHING RETURNING seq`,
      [
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
      ],
      c,
    );
    if (!stored.length) return { inserted: false };
    checkAnalysisSpans(doc, analysis);

    await this.upsertEntities(c, analysis.entities, now);
    const mentions: unknown[][] = [];
    for (const entity of analysis.entities) {
      for (const m of entity.mentions ?? []) mentions.push([doc.id, entity.id, m.start, m.end, m.text]);
    }
    await this.insertMany(c, SQL.insertMention, mentions);

    const events: unknown[][] = [];
    const actors: unknown[][] = [];
    const evidence: unknown[][] = [];
    for (const ev of analysis.events) {
      const bounds = ev.date?.value ? dateBounds(ev.date.value, ev.date.precision) : undefined;
      events.push([
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
      ]);
      (ev.perpetrators ?? []).forEach((p, i) => {
        actors.push([doc.id, ev.id, p, "perpetrator", i]);
      });
      (ev.targets ?? []).forEach((t, i) => {
        if (t.entity) actors.push([doc.id, ev.id, t.entity, "target", i]);
      });
      ev.evidence.forEach((s, i) => {
        evidence.push([doc.id, ev.id, i, s.start, s.end, s.text]);
      });
    }
    const claims: unknown[][] = [];
    for (const cl of analysis.claims) {
      claims.push([
        doc.id,
        cl.id,
        cl.subject,
        cl.property,
        cl.value,
        cl.object ?? null,
        toJson(cl.qualifiers),
        cl.stance ?? null,
        cl.heldBy ?? null,
        cl.confidence ?? null,
      ]);
      cl.evidence.forEach((s, i) => {
        evidence.push([doc.id, cl.id, i, s.start, s.end, s.text]);
      });
    }
    await this.insertMany(c, SQL.insertEvent, events);
    await this.insertMany(c, SQL.insertEventActor, actors);
    await this.insertMany(c, SQL.insertClaim, claims);
    await this.insertMany(c, SQL.insertEvidence, evidence);
    // Items written again under a key an analyst has already judged get that decision back.
    await this.rows(restoreReviewSql("event"), [doc.id], c);
    await this.rows(restoreReviewSql("claim"), [doc.id], c);
    return { inserted: true };
  }

  /**
   * Upserts the entities of one analysis with `mergeEntity`, in analysis order (an id seen twice
   * merges twice, as in SQLite). Stored rows are locked first, in id order, so concurrent saves
   * that share entities wait for each other instead of deadlocking or losing aliases.
   */
  private async upsertEntities(c: pg.PoolClient, entities: Entity[], now: string): Promise<void> {
    if (!entities.length) return;
    const ids = [...new Set(entities.map((e) => e.id))].sort(byCodePoint);
    const locked = await this.lockEntities(c, ids);
    let plan = planEntities(entities, locked, now);
    const names = plan.names;
    const updates = [...plan.updates];
    const records = new Map(plan.records);
    const inserts = [...plan.inserts].sort(byCodePoint);
    if (inserts.length) {
      const written = await this.insertMany(
        c,
        `${SQL.insertEntity} ON CONFLICT (id) DO NOTHING RETURNING id`,
        inserts.map((id) => {
          const r = plan.records.get(id) as Omit<Entity, "mentions">;
          return [r.id, r.kind, r.name, ...mergeableColumns(entityColumns(r)), now, now];
        }),
      );
      const got = new Set(written.map((r) => String(r.id)));
      const raced = inserts.filter((id) => !got.has(id));
      if (raced.length) {
        // Another transaction stored these since we looked: merge into its rows instead.
        const again = await this.lockEntities(c, raced);
        const wanted = new Set(raced);
        plan = planEntities(
          entities.filter((e) => wanted.has(e.id)),
          again,
          now,
        );
        if (plan.inserts.size) {
          throw new SitrepError(
            "E_STORE",
            `entities ${[...plan.inserts].join(", ")} changed while saving; try again`,
            {
              entities: [...plan.inserts],
            },
          );
        }
        updates.push(...plan.updates);
        for (const [id, r] of plan.records) records.set(id, r);
        names.push(...plan.names);
      }
    }
    for (const id of updates) {
      const r = records.get(id) as Omit<Entity, "mentions">;
      await this.rows(SQL.updateEntityMerged, [...mergeableColumns(entityColumns(r)), now, id], c);
    }
    await this.insertMany(c, SQL.insertEntityName, names);
  }

  private async lockEntities(c: pg.PoolClient, ids: string[]): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    // NO KEY UPDATE: conflicts with other writers of these rows, not with foreign-key checks of
    // concurrent saves that only add mentions of them.
    for (const r of await this.rows(
      "SELECT * FROM entities WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE",
      [ids],
      c,
    )) {
      out.set(String(r.id), r);
    }
    return out;
  }

  // ---- documents -----------------------------------------------------------------------------

  async hasDocument(id: string): Promise<boolean> {
    return this.run(
      "cannot read documents",
      async () => (await this.row(SQL.documentExists, [id])) !== undefined,
    );
  }

  async getDocument(id: string): Promise<Document | undefined> {
    return this.run("cannot read documents", async () => {
      const r = await this.row(SQL.selectDocument, [id]);
      return r ? rowToDocument(r) : undefined;
    });
  }

  async listDocuments(options: { limit?: number; offset?: number } = {}): Promise<DocumentSummary[]> {
    return this.run("cannot list documents", async () =>
      (
        await this.rows(`${DOCUMENT_SUMMARY_SELECT} ORDER BY d.seq DESC LIMIT ? OFFSET ?`, [
          options.limit ?? NO_LIMIT,
          options.offset ?? 0,
        ])
      ).map(rowToDocumentSummary),
    );
  }

  async countDocuments(): Promise<number> {
    return this.run("cannot count documents", async () =>
      Number((await this.row(SQL.countDocuments))?.n ?? 0),
    );
  }

  async findDocumentByPath(path: string): Promise<DocumentSummary | undefined> {
    return this.run("cannot read documents", async () => {
      const r = await this.row(`${DOCUMENT_SUMMARY_SELECT} WHERE d.path = ? ORDER BY d.seq DESC LIMIT 1`, [
        path,
      ]);
      return r ? rowToDocumentSummary(r) : undefined;
    });
  }

  // ---- entities ------------------------------------------------------------------------------

  async listEntities(options: ListEntitiesOptions = {}): Promise<EntitySummary[]> {
    return this.run("cannot list entities", async () => {
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
      return this.withMerged(
        await this.rows(sql, [...params, options.limit ?? NO_LIMIT, options.offset ?? 0]),
      );
    });
  }

  /** Entity summaries of rows; a canonical entity with merged members gets their names and ids. */
  private async withMerged(rows: Row[], db: Db = this.pool): Promise<EntitySummary[]> {
    const out: EntitySummary[] = [];
    for (const r of rows) {
      const e = rowToEntitySummary(r);
      out.push(
        Number(r.merged_count ?? 0) === 0
          ? e
          : withMergedMembers(e, await this.rows(MERGED_MEMBERS_SQL, [e.id], db)),
      );
    }
    return out;
  }

  async getEntity(id: string): Promise<EntitySummary | undefined> {
    return this.run("cannot read entities", async () => this.entityById(id));
  }

  private async entityById(id: string, db: Db = this.pool): Promise<EntitySummary | undefined> {
    return (
      await this.withMerged(await this.rows(`${ENTITY_SUMMARY_SELECT} WHERE e.id = ?`, [id], db), db)
    )[0];
  }

  async findEntityByName(name: string): Promise<EntitySummary | undefined> {
    return this.run("cannot read entities", async () => {
      const key = foldName(name);
      if (!key) return undefined;
      const candidates = (
        await this.rows(
          `${ENTITY_SUMMARY_SELECT} WHERE e.id IN (SELECT n.entity_id FROM entity_names n WHERE n.folded_name = ?)
           ORDER BY mention_count DESC, e.id`,
          [key],
        )
      ).map(rowToEntitySummary);
      const found = candidates.find((c) => foldName(c.name) === key) ?? candidates[0];
      // A name of a merged-away entity answers the entity it was merged into.
      return found ? this.entityById(found.mergedInto ?? found.id) : undefined;
    });
  }

  async childrenOf(id: string): Promise<EntitySummary[]> {
    return this.run("cannot read entities", async () =>
      this.withMerged(
        await this.rows(
          `${ENTITY_SUMMARY_SELECT} WHERE e.parent IN (${ENTITY_GROUP}) AND e.canonical_id IS NULL ORDER BY e.name, e.id`,
          [id, id],
        ),
      ),
    );
  }

  async listMentions(options: {
    entityId?: string;
    documentId?: string;
    limit?: number;
  }): Promise<StoredMention[]> {
    return this.run("cannot list mentions", async () => {
      const q = listMentionsQuery(options);
      return (await this.rows(q.sql, q.params)).map(rowToMention);
    });
  }

  // ---- events and claims ---------------------------------------------------------------------

  async listEvents(options: ListEventsOptions = {}): Promise<StoredEvent[]> {
    return this.run("cannot list events", async () => {
      const q = listEventsQuery(options);
      return this.eventsFromRows(await this.rows(q.sql, q.params));
    });
  }

  /** Events of EVENT_SELECT rows, with their perpetrators and evidence. */
  private async eventsFromRows(rows: Row[], db: Db = this.pool): Promise<StoredEvent[]> {
    const actors = await this.childRows(
      rows,
      `SELECT document_id, event_id AS owner_id, entity_id FROM event_actors
       WHERE role = 'perpetrator' AND document_id = ANY(?) AND event_id = ANY(?) ORDER BY position`,
      db,
    );
    const evidence = await this.evidenceFor(rows, db);
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
    return this.run("cannot list claims", async () => {
      const q = listClaimsQuery(options);
      return this.claimsFromRows(await this.rows(q.sql, q.params));
    });
  }

  /** Claims of CLAIM_SELECT rows, with their evidence. */
  private async claimsFromRows(rows: Row[], db: Db = this.pool): Promise<StoredClaim[]> {
    const evidence = await this.evidenceFor(rows, db);
    return rows.map((r) => rowToClaim(r, evidence.get(ownerKey(r.document_id, r.id)) ?? []));
  }

  private async evidenceFor(
    owners: Row[],
    db: Db,
  ): Promise<Map<string, { start: number; end: number; text: string }[]>> {
    const rows = await this.childRows(
      owners,
      `SELECT document_id, owner_id, start_offset, end_offset, text FROM evidence
       WHERE document_id = ANY(?) AND owner_id = ANY(?) ORDER BY position`,
      db,
    );
    const out = new Map<string, { start: number; end: number; text: string }[]>();
    for (const [k, list] of rows) {
      out.set(
        k,
        list.map((r) => ({ start: Number(r.start_offset), end: Number(r.end_offset), text: String(r.text) })),
      );
    }
    return out;
  }

  /**
   * Child rows (actors, evidence) of event/claim rows, grouped by document + owner id. `sql` takes
   * the document ids and the owner ids as two arrays.
   */
  private async childRows(owners: Row[], sql: string, db: Db): Promise<Map<string, Row[]>> {
    const out = new Map<string, Row[]>();
    for (let i = 0; i < owners.length; i += ARRAY_CHUNK) {
      const chunk = owners.slice(i, i + ARRAY_CHUNK);
      const docs = [...new Set(chunk.map((r) => String(r.document_id)))];
      const ids = [...new Set(chunk.map((r) => String(r.id)))];
      for (const r of await this.rows(sql, [docs, ids], db)) {
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
    return this.run("cannot search", async () => {
      const tsq = toTsQuery(query);
      if (!tsq) return [];
      // Ranked and cut in `hits` (GIN index on the generated `search` column); snippets are made
      // only for the documents returned, from the title when the text itself has no hit.
      const rows = await this.rows(
        `WITH hits AS (
           SELECT d.seq, d.id, d.title, d.published, d.source, d.path, q.query,
             ts_rank('${RANK_WEIGHTS}', d.search, q.query) AS score
           FROM documents d, (SELECT ${tsq.sql} AS query) q
           WHERE d.search @@ q.query
           ORDER BY score DESC, d.seq DESC LIMIT ?)
         SELECT h.id, h.title, h.published, h.source, h.path, h.score,
           ts_headline('${SEARCH_CONFIG}', d.text, h.query, ?) AS snippet,
           ts_headline('${SEARCH_CONFIG}', coalesce(h.title, ''), h.query, ?) AS title_snippet
         FROM hits h JOIN documents d ON d.seq = h.seq
         ORDER BY h.score DESC, h.seq DESC`,
        [...tsq.params, options.limit ?? 20, HEADLINE, HEADLINE],
      );
      return rows.map((r) => {
        const text = String(r.snippet ?? "");
        const title = String(r.title_snippet ?? "");
        const snippet = !text.includes("<mark>") && title.includes("<mark>") ? title : text;
        return Object.fromEntries(
          Object.entries({
            documentId: String(r.id),
            title: r.title,
            published: r.published,
            source: r.source,
            path: r.path,
            snippet,
            score: Number(r.score),
          }).filter(([, v]) => v !== null && v !== undefined),
        ) as unknown as SearchHit;
      });
    });
  }

  // ---- incidents -----------------------------------------------------------------------------

  async blockIncidents(q: IncidentBlockQuery): Promise<IncidentMember[]> {
    return this.run("cannot block incidents", async () => {
      const found = new Map<string, Row>();
      const add = (rows: Row[]) => {
        for (const r of rows) found.set(ownerKey(r.document_id, r.event_id), r);
      };
      for (const w of q.windows ?? []) {
        if (q.country) {
          add(await this.rows(BLOCK_SQL.window, [q.family, q.country, w.precision, w.from, w.to]));
          add(await this.rows(BLOCK_SQL.windowNoCountry, [q.family, w.precision, w.from, w.to]));
        } else {
          add(await this.rows(BLOCK_SQL.windowAnyCountry, [q.family, w.precision, w.from, w.to]));
        }
      }
      const keys = [...new Set(q.keys ?? [])];
      for (let i = 0; i < keys.length; i += ARRAY_CHUNK) {
        const chunk = keys.slice(i, i + ARRAY_CHUNK);
        add(await this.rows(q.keysUndatedOnly ? BLOCK_SQL.keysUndated : BLOCK_SQL.keys, [chunk, q.family]));
      }
      return [...found.values()].map(rowToMember).sort(byMemberOrder);
    });
  }

  async applyIncidentChanges(changes: IncidentChanges): Promise<void> {
    this.open();
    try {
      await this.transaction((c) => this.writeIncidentChanges(c, changes), "incidents");
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot save incident links: ${message(e)}`,
        { ...sqlState(e) },
        { cause: e },
      );
    }
  }

  private async writeIncidentChanges(c: pg.PoolClient, changes: IncidentChanges): Promise<void> {
    const touched = new Set<string>();
    for (const m of changes.merges) {
      if (m.from === m.into) continue;
      const from = await this.row("SELECT type_family, type FROM incidents WHERE id = ?", [m.from], c);
      if (!from) continue;
      await this.rows(
        `INSERT INTO incidents (id, type_family, type, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
        [m.into, from.type_family, from.type, new Date().toISOString()],
        c,
      );
      await this.rows(
        "UPDATE incident_events SET incident_id = ? WHERE incident_id = ?",
        [m.into, m.from],
        c,
      );
      touched.add(m.from);
      touched.add(m.into);
    }
    const now = new Date().toISOString();
    for (const m of changes.members) {
      const previous = await this.row(
        "SELECT incident_id FROM incident_events WHERE document_id = ? AND event_id = ?",
        [m.documentId, m.eventId],
        c,
      );
      if (previous) touched.add(String(previous.incident_id));
      // The row must exist before members point at it (foreign key); aggregates follow below.
      await this.rows(
        `INSERT INTO incidents (id, type_family, type, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
        [m.incidentId, m.family, m.family, now],
        c,
      );
      await this.rows(
        `INSERT INTO incident_events (document_id, event_id, incident_id, type_family, date_start, date_end,
           date_precision, sort_key, country, features, score, reasons, linked_document_id, linked_event_id,
           review_state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((${LATEST_DECISION}), 'proposed'))
         ON CONFLICT (document_id, event_id) DO UPDATE SET incident_id = excluded.incident_id,
           type_family = excluded.type_family, date_start = excluded.date_start, date_end = excluded.date_end,
           date_precision = excluded.date_precision, sort_key = excluded.sort_key, country = excluded.country,
           features = excluded.features, score = excluded.score, reasons = excluded.reasons,
           linked_document_id = excluded.linked_document_id, linked_event_id = excluded.linked_event_id`,
        [
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
          // member keeps its state (the update never touches review_state).
          "incident_link",
          m.documentId,
          m.eventId,
        ],
        c,
      );
      await this.rows(
        "DELETE FROM incident_keys WHERE document_id = ? AND event_id = ?",
        [m.documentId, m.eventId],
        c,
      );
      await this.insertMany(
        c,
        "INSERT INTO incident_keys (key, document_id, event_id) VALUES (?, ?, ?)",
        [...new Set(m.keys)].map((k) => [k, m.documentId, m.eventId]),
      );
      touched.add(m.incidentId);
    }
    for (const id of touched) await this.refreshIncident(c, id, now);
  }

  /** Recomputes an incident's aggregates from its members; deletes it when it has none. */
  private async refreshIncident(c: pg.PoolClient, id: string, now: string): Promise<void> {
    const rows = await this.rows(
      `SELECT ie.type_family, ie.date_start, ie.date_end, ie.country, ie.document_id, ev.type, ev.subtype
       FROM incident_events ie JOIN events ev ON ev.document_id = ie.document_id AND ev.id = ie.event_id
       WHERE ie.incident_id = ? ORDER BY ie.sort_key`,
      [id],
      c,
    );
    if (!rows.length) {
      await this.rows("DELETE FROM incidents WHERE id = ?", [id], c);
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
    const headSortKey = (
      await this.row("SELECT MIN(sort_key) AS k FROM incident_events WHERE incident_id = ?", [id], c)
    )?.k;
    await this.rows(
      `INSERT INTO incidents (id, type_family, type, subtype, first_date, last_date, country, event_count,
         document_count, head_sort_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type_family = excluded.type_family, type = excluded.type,
         head_sort_key = excluded.head_sort_key,
         subtype = excluded.subtype, first_date = excluded.first_date, last_date = excluded.last_date,
         country = excluded.country, event_count = excluded.event_count,
         document_count = excluded.document_count, updated_at = excluded.updated_at`,
      [
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
      ],
      c,
    );
  }

  async listIncidents(options: ListIncidentsOptions = {}): Promise<IncidentSummary[]> {
    return this.run("cannot list incidents", async () => {
      const q = listIncidentsQuery(options);
      return (await this.rows(q.sql, q.params)).map(rowToIncident);
    });
  }

  async getIncident(id: string): Promise<IncidentDetail | undefined> {
    return this.run("cannot read incidents", async () => {
      const r = await this.row(`${SQL_INCIDENT} WHERE i.id = ?`, [id]);
      if (!r) return undefined;
      const members = (await this.rows(`${SQL_MEMBER} WHERE incident_id = ? ORDER BY sort_key`, [id])).map(
        rowToMember,
      );
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
    });
  }

  async listIncidentMembers(options: {
    documentId?: string;
    incidentId?: string;
  }): Promise<IncidentMember[]> {
    return this.run("cannot read incidents", async () => {
      const q = listIncidentMembersQuery(options);
      return (await this.rows(q.sql, q.params)).map(rowToMember);
    });
  }

  async countIncidents(): Promise<number> {
    return this.run("cannot count incidents", async () =>
      Number((await this.row("SELECT COUNT(*) AS n FROM incidents"))?.n ?? 0),
    );
  }

  // ---- review (docs/review.md) ----------------------------------------------------------------

  async recordReview(input: ReviewInput): Promise<Review> {
    this.open();
    checkReviewInput(input);
    try {
      return await this.transaction((c) => this.writeReview(c, input));
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError(
        "E_STORE",
        `cannot record the review of ${itemName(input)}: ${message(e)}`,
        { ...itemKeyOf(input), ...sqlState(e) },
        { cause: e },
      );
    }
  }

  private async writeReview(c: pg.PoolClient, input: ReviewInput): Promise<Review> {
    const t = REVIEW_TABLES[input.itemKind];
    // Locked, so two analysts deciding on one item at once record each other's decision as "before".
    const row = await this.row(
      `SELECT review_state FROM ${t.table} WHERE document_id = ? AND ${t.id} = ? FOR UPDATE`,
      [input.documentId, input.itemId],
      c,
    );
    if (!row) {
      throw new SitrepError("E_NOT_FOUND", `no ${itemName(input)} is stored`, { ...itemKeyOf(input) });
    }
    const createdAt = new Date().toISOString();
    const inserted = await this.row(
      `INSERT INTO reviews (item_kind, document_id, item_id, decision, previous_state, edit, analyst, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        input.itemKind,
        input.documentId,
        input.itemId,
        input.decision,
        String(row.review_state),
        input.edit ? JSON.stringify(input.edit) : null,
        input.analyst,
        input.note ?? null,
        createdAt,
      ],
      c,
    );
    await this.rows(
      `UPDATE ${t.table} SET review_state = ? WHERE document_id = ? AND ${t.id} = ?`,
      [input.decision, input.documentId, input.itemId],
      c,
    );
    const out: Review = {
      id: Number(inserted?.id),
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
    return this.run("cannot list reviews", async () => {
      const q = listReviewsQuery(options);
      return (await this.rows(q.sql, q.params)).map(rowToReview);
    });
  }

  async listProposed(options: { kind?: ReviewItemKind; limit?: number } = {}): Promise<ProposedItem[]> {
    return this.run("cannot list the review queue", async () => {
      const limit = options.limit ?? NO_LIMIT;
      const out: ProposedItem[] = [];
      const want = (k: ReviewItemKind) => (!options.kind || options.kind === k) && out.length < limit;
      if (want("event")) {
        const rows = await this.rows(
          `${EVENT_SELECT} WHERE ev.review_state = 'proposed' ORDER BY d.seq, ev.id LIMIT ?`,
          [limit - out.length],
        );
        for (const event of await this.eventsFromRows(rows)) {
          out.push({ ...proposedHead("event", event.documentId, event.id, event), event });
        }
      }
      if (want("claim")) {
        const rows = await this.rows(
          `${CLAIM_SELECT} WHERE c.review_state = 'proposed' ORDER BY d.seq, c.id LIMIT ?`,
          [limit - out.length],
        );
        for (const claim of await this.claimsFromRows(rows)) {
          out.push({ ...proposedHead("claim", claim.documentId, claim.id, claim), claim });
        }
      }
      if (want("incident_link")) {
        const links = (
          await this.rows(
            `${SQL_MEMBER_IE} JOIN documents d ON d.id = ie.document_id
             WHERE ie.review_state = 'proposed' AND ie.linked_document_id IS NOT NULL
             ORDER BY d.seq, ie.event_id LIMIT ?`,
            [limit - out.length],
          )
        ).map(rowToMember);
        for (const link of links) {
          const [event] = await this.eventsFromRows(
            await this.rows(`${EVENT_SELECT} WHERE ev.document_id = ? AND ev.id = ?`, [
              link.documentId,
              link.eventId,
            ]),
          );
          if (!event) continue;
          out.push({ ...proposedHead("incident_link", link.documentId, link.eventId, event), event, link });
        }
      }
      return out;
    });
  }

  // ---- actor merges (docs/actors.md) --------------------------------------------------------------

  async mergeEntities(input: EntityMergeInput): Promise<EntityMerge> {
    this.open();
    if (!input.reason.trim())
      throw new SitrepError("E_VALIDATION", "a merge needs a reason", { field: "reason" });
    return this.run("cannot merge entities", () =>
      this.transaction(async (c) => {
        const from = await this.row(`${SQL.selectEntityRow} FOR NO KEY UPDATE`, [input.from], c);
        const into = await this.row(`${SQL.selectEntityRow} FOR NO KEY UPDATE`, [input.into], c);
        checkMergeable(input, from, into);
        const createdAt = new Date().toISOString();
        // The subtree under `from` (entities merged into it) moves with it.
        await this.rows(
          `UPDATE entities SET canonical_id = ? WHERE id IN (${MERGED_SUBTREE})`,
          [input.into, input.from],
          c,
        );
        await this.rows(
          "UPDATE entities SET merged_into = ?, canonical_id = ? WHERE id = ?",
          [input.into, input.into, input.from],
          c,
        );
        const inserted = await this.row(
          `INSERT INTO entity_merges (from_id, into_id, reason, origin, analyst, review_state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            input.from,
            input.into,
            input.reason,
            input.origin,
            input.analyst ?? null,
            input.origin === "analyst" ? "accepted" : "proposed",
            createdAt,
          ],
          c,
        );
        return (await this.mergeById(Number(inserted?.id), c)) as EntityMerge;
      }, "merges"),
    );
  }

  async unmergeEntities(input: {
    id: number;
    analyst: string;
    note?: string;
    reject?: boolean;
  }): Promise<EntityMerge> {
    this.open();
    return this.run("cannot unmerge entities", () =>
      this.transaction(async (c) => {
        const m = activeMerge(input.id, await this.mergeById(input.id, c));
        await this.rows(
          "UPDATE entities SET merged_into = NULL, canonical_id = NULL WHERE id = ?",
          [m.from],
          c,
        );
        await this.rows(
          `UPDATE entities SET canonical_id = ? WHERE id IN (${MERGED_SUBTREE})`,
          [m.from, m.from],
          c,
        );
        await this.rows(
          `UPDATE entity_merges SET reverted_at = ?, reverted_by = ?, revert_note = ?,
           review_state = CASE WHEN ? = 1 THEN 'rejected' ELSE review_state END WHERE id = ?`,
          [new Date().toISOString(), input.analyst, input.note ?? null, input.reject ? 1 : 0, m.id],
          c,
        );
        return (await this.mergeById(m.id, c)) as EntityMerge;
      }, "merges"),
    );
  }

  async acceptEntityMerge(input: { id: number; analyst: string }): Promise<EntityMerge> {
    this.open();
    return this.run("cannot accept the entity merge", () =>
      this.transaction(async (c) => {
        const m = activeMerge(input.id, await this.mergeById(input.id, c));
        await this.rows(
          "UPDATE entity_merges SET review_state = 'accepted', analyst = COALESCE(analyst, ?) WHERE id = ?",
          [input.analyst, m.id],
          c,
        );
        return (await this.mergeById(m.id, c)) as EntityMerge;
      }, "merges"),
    );
  }

  async listEntityMerges(options: ListEntityMergesOptions = {}): Promise<EntityMerge[]> {
    return this.run("cannot list entity merges", async () => {
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
      return (
        await this.rows(
          `SELECT * FROM entity_merges${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
          params,
        )
      ).map(rowToMerge);
    });
  }

  private async mergeById(id: number, db: Db = this.pool): Promise<EntityMerge | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const r = await this.row("SELECT * FROM entity_merges WHERE id = ?", [id], db);
    return r ? rowToMerge(r) : undefined;
  }

  // ---- sources ---------------------------------------------------------------------------------

  async setSourceReliability(input: SourceGradeInput): Promise<SourceGrade> {
    this.open();
    const grade = checkSourceGrade(input);
    return this.run("cannot grade the source", async () => {
      await this.rows(
        "INSERT INTO source_grades (source, reliability, analyst, note, created_at) VALUES (?, ?, ?, ?, ?)",
        [grade.source, grade.reliability, grade.analyst, grade.note ?? null, grade.createdAt],
      );
      return grade;
    });
  }

  async listSources(): Promise<SourceSummary[]> {
    return this.run("cannot list sources", async () => (await this.rows(SQL_SOURCES)).map(rowToSource));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Checks every span of an analysis against the text before anything but the document row is
 * written, in the order SQLite's save meets them (mentions, then each event's evidence, then each
 * claim's), so the first bad span is the one SQLite reports. Where SQLite's database would refuse
 * a row before reaching a later span (a repeated event or claim id; a claim's evidence at a
 * position its event namesake already used) the check stops, and the database refuses the same
 * row here too (E_STORE).
 */
function checkAnalysisSpans(doc: Document, analysis: Analysis): void {
  for (const entity of analysis.entities) {
    for (const m of entity.mentions ?? []) checkSpan(doc, m, `mention of ${entity.id}`);
  }
  const evidenceUsed = new Map<string, number>();
  for (const ev of analysis.events) {
    if (evidenceUsed.has(ev.id)) return;
    evidenceUsed.set(ev.id, ev.evidence.length);
    for (const s of ev.evidence) checkSpan(doc, s, `evidence of event ${ev.id}`);
  }
  const claims = new Set<string>();
  for (const c of analysis.claims) {
    if (claims.has(c.id)) return;
    claims.add(c.id);
    const taken = evidenceUsed.get(c.id) ?? 0;
    for (const [i, s] of c.evidence.entries()) {
      checkSpan(doc, s, `evidence of claim ${c.id}`);
      if (i < taken) return;
    }
  }
}

interface EntityPlan {
  /** The record each id ends up with after every occurrence is merged. */
  records: Map<string, Omit<Entity, "mentions">>;
  /** Ids not stored yet, and stored ids to update. */
  inserts: Set<string>;
  updates: Set<string>;
  /** (entity id, folded name) rows for entity_names. */
  names: unknown[][];
}

/**
 * Replays SQLite's per-entity upsert in memory: each occurrence is merged (`mergeEntity`) into
 * the row as it would read back after the previous write, so the final rows are the same.
 */
function planEntities(entities: Entity[], stored: Map<string, Row>, now: string): EntityPlan {
  const current = new Map(stored);
  const plan: EntityPlan = { records: new Map(), inserts: new Set(), updates: new Set(), names: [] };
  const seen = new Set<string>();
  for (const entity of entities) {
    const existing = current.get(entity.id);
    let record: Omit<Entity, "mentions">;
    if (!existing) {
      record = entity;
      current.set(entity.id, {
        ...entityRow(record),
        review_state: "proposed",
        created_at: now,
        updated_at: now,
      });
      plan.inserts.add(entity.id);
    } else {
      record = mergeEntity(rowToEntitySummary(existing), entity);
      current.set(entity.id, { ...existing, ...entityRow(record), updated_at: now });
      if (!plan.inserts.has(entity.id)) plan.updates.add(entity.id);
    }
    plan.records.set(entity.id, record);
    for (const n of [record.name, ...(record.aliases ?? [])]) {
      const folded = foldName(n);
      const key = ownerKey(entity.id, folded);
      if (folded && !seen.has(key)) {
        seen.add(key);
        plan.names.push([entity.id, folded]);
      }
    }
  }
  return plan;
}

/** An entity as the columns of its `entities` row (what rowToEntitySummary reads back). */
function entityRow(e: Omit<Entity, "mentions">): Row {
  const c = entityColumns(e);
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: c.aliases,
    parent: c.parent,
    parent_relation: c.parentRelation,
    countries: c.countries,
    lat: c.lat,
    lon: c.lon,
    geo_country: c.geoCountry,
    geo_precision: c.geoPrecision,
    geonames_id: c.geonamesId,
    external_ids: c.externalIds,
  };
}

async function migrate(pool: pg.Pool, url: string, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    // One opener at a time: a second process opening a new database waits here, then finds the
    // migrations applied.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockKey("migrations", schema)]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(renderPostgres(MIGRATIONS_TABLE));
    const current = Number(
      (await client.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations")).rows[0]
        ?.v ?? 0,
    );
    if (current > SCHEMA_VERSION) {
      throw new SitrepError(
        "E_STORE",
        `the database ${url} has schema version ${current}, newer than this Sitrep knows (${SCHEMA_VERSION}); upgrade Sitrep`,
        { url, version: current, known: SCHEMA_VERSION },
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      // One round trip per migration: its statements as one simple-protocol batch (no parameters).
      await client.query(postgresMigrationStatements(m).join(";\n"));
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/** Advisory lock names are per schema, so two Sitrep schemas in one database do not wait for each other. */
function lockKey(name: string, schema: string | undefined): string {
  return `sitrep:${schema ?? ""}:${name}`;
}

/**
 * Takes the `schema` query parameter off the URL (pg would ignore it), and `options` too: pg lets
 * the URL's `options` replace the pool's, which would drop the schema's search_path, so the two
 * are joined instead.
 */
function splitUrlParams(url: string): { connectionString: string; schema?: string; serverOptions?: string } {
  const q = url.indexOf("?");
  if (q < 0) return { connectionString: url };
  const params = new URLSearchParams(url.slice(q + 1));
  const schema = params.get("schema") ?? undefined;
  const serverOptions = params.get("options") ?? undefined;
  params.delete("schema");
  params.delete("options");
  const rest = params.toString();
  return { connectionString: url.slice(0, q) + (rest ? `?${rest}` : ""), schema, serverOptions };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** PostgreSQL's SQLSTATE of a database error (23505 unique violation, 23503 foreign key, …), for details. */
function sqlState(e: unknown): { sqlState?: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? { sqlState: code } : {};
}
