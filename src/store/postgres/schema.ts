import { type Migration, migrationStatements, renderSql } from "../schema.js";
import { SEARCH_CONFIG } from "./ts-query.js";

/**
 * The PostgreSQL schema: the shared migrations of `src/store/schema.ts` (one ordered list, one
 * version number for both dialects), rendered for PostgreSQL, plus this adapter's own extras.
 * Applied on open, all pending versions in one transaction, recorded in `schema_migrations`.
 *
 * Two type names mean something else in PostgreSQL than in SQLite, so the shared statements
 * are adjusted when rendered, to store and compare values exactly as SQLite does:
 * - `REAL` is a 4-byte float in PostgreSQL (8 bytes in SQLite): coordinates and scores would
 *   lose digits. Rendered `DOUBLE PRECISION`.
 * - `TEXT` compares by the database's locale in PostgreSQL (bytes in SQLite), which would
 *   reorder ids, names and incident sort keys (`en_US` ignores punctuation such as `|` and `:`).
 *   Rendered `TEXT COLLATE "C"`: code-point order, the same as SQLite's BINARY collation.
 *   Upper-case `TEXT` / `REAL` are type names in the shared statements; column names are
 *   lower-case, so `text` (the document text column) is left alone.
 */

/**
 * Statements PostgreSQL runs after a migration's shared `up` list. Where a version has an entry
 * here it replaces that migration's shared `postgres` list (version 1's shared list indexes
 * `to_tsvector('simple', …)`, which cannot fold diacritics; this adapter searches a generated,
 * weighted, accent-free tsvector column instead).
 */
export const POSTGRES_EXTRAS: ReadonlyMap<number, readonly string[]> = new Map([
  [
    1,
    [
      // unaccent is a trusted extension (PostgreSQL ≥ 13): a database owner may create it. When it
      // is installed already (in any schema on the search_path) this is a no-op.
      "CREATE EXTENSION IF NOT EXISTS unaccent",
      `CREATE TEXT SEARCH CONFIGURATION ${SEARCH_CONFIG} (COPY = pg_catalog.simple)`,
      `ALTER TEXT SEARCH CONFIGURATION ${SEARCH_CONFIG}
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword,
          numhword, hword_numpart
        WITH unaccent, simple`,
      // Title weighted A, text D (search ranks with weights D = 0.25, A = 1: a title hit counts four
      // times a text hit, as SQLite's bm25 weights do). Generated, so it can never go stale.
      `ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('${SEARCH_CONFIG}', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('${SEARCH_CONFIG}', text), 'D')) STORED`,
      "CREATE INDEX documents_search ON documents USING GIN (search)",
    ],
  ],
]);

/** Renders a shared statement for PostgreSQL: placeholders filled, REAL and TEXT adjusted. */
export function renderPostgres(sql: string): string {
  return renderSql(sql, "postgres")
    .replace(/\bREAL\b/g, "DOUBLE PRECISION")
    .replace(/\bTEXT\b(?!\s+COLLATE)/g, 'TEXT COLLATE "C"');
}

/** The statements one migration runs on PostgreSQL. */
export function postgresMigrationStatements(m: Migration): string[] {
  const extras = POSTGRES_EXTRAS.get(m.version);
  if (!extras) return migrationStatements(m, "postgres").map(renderPostgres);
  return [...m.up.map(renderPostgres), ...extras];
}
