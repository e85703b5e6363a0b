/**
 * Dialect-neutral statements used by every adapter. Parameters are positional `?` (SQLite takes
 * them as written; the PostgreSQL adapter numbers them `$1…$n`). Everything here is standard
 * SQL that SQLite ≥ 3.30 and PostgreSQL ≥ 12 both accept (ON CONFLICT … DO NOTHING,
 * NULLS LAST, LIKE … ESCAPE). Full-text search differs per dialect and lives in the adapters.
 */

/** Stand-in for "no limit" that both dialects accept in LIMIT. */
export const NO_LIMIT = 2_147_483_647;

export const SQL = {
  documentExists: "SELECT 1 AS found FROM documents WHERE id = ?",
  insertDocument: `INSERT INTO documents
    (id, text, title, published, source, url, path, language, tlp, note, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  selectDocument: `SELECT id, text, title, published, source, url, path, language, tlp, note
    FROM documents WHERE id = ?`,
  countDocuments: "SELECT COUNT(*) AS n FROM documents",

  selectEntityRow: "SELECT * FROM entities WHERE id = ?",
  insertEntity: `INSERT INTO entities
    (id, kind, name, aliases, parent, parent_relation, countries, lat, lon, geo_country, geo_precision,
     geonames_id, external_ids, review_state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?)`,
  updateEntityMerged: `UPDATE entities SET
    aliases = ?, parent = ?, parent_relation = ?, countries = ?, lat = ?, lon = ?, geo_country = ?,
    geo_precision = ?, geonames_id = ?, external_ids = ?, updated_at = ?
    WHERE id = ?`,
  insertEntityName: `INSERT INTO entity_names (entity_id, folded_name) VALUES (?, ?)
    ON CONFLICT (entity_id, folded_name) DO NOTHING`,
  insertMention: `INSERT INTO mentions (document_id, entity_id, start_offset, end_offset, text)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (document_id, entity_id, start_offset, end_offset) DO NOTHING`,

  insertEvent: `INSERT INTO events
    (document_id, id, type, subtype, label, date_value, date_precision, date_text, date_resolved,
     date_start, date_end, place, country, attribution, casualties, targets, weapons, confidence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEventActor: `INSERT INTO event_actors (document_id, event_id, entity_id, role, position)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (document_id, event_id, role, entity_id) DO NOTHING`,
  insertClaim: `INSERT INTO claims
    (document_id, id, subject, property, value, object, qualifiers, stance, held_by, confidence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEvidence: `INSERT INTO evidence (document_id, owner_id, position, start_offset, end_offset, text)
    VALUES (?, ?, ?, ?, ?, ?)`,

  childrenOf: "SELECT id FROM entities WHERE parent = ? ORDER BY name, id",
  entityIdsByFoldedName: "SELECT DISTINCT entity_id FROM entity_names WHERE folded_name = ?",
} as const;

/** Columns of a document summary, from `documents d`. */
export const DOCUMENT_SUMMARY_SELECT = `SELECT d.id, d.title, d.published, d.source, d.url, d.path,
    d.language, d.tlp, d.note, LENGTH(d.text) AS chars, d.ingested_at,
    (SELECT COUNT(*) FROM events ev WHERE ev.document_id = d.id) AS event_count,
    (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id) AS claim_count
  FROM documents d`;

/**
 * Ids of an entity's merge group — itself and every entity merged into it (docs/actors.md) —
 * for `x IN (…)`. Takes the entity id twice.
 */
export const ENTITY_GROUP = "SELECT g.id FROM entities g WHERE g.id = ? OR g.canonical_id = ?";

/**
 * Columns of an entity summary, from `entities e`. Counts cover the entity's merge group (for a
 * merged-away entity, whose id is nobody's canonical id, that is the entity alone).
 */
export const ENTITY_SUMMARY_SELECT = `SELECT e.*,
    (SELECT COUNT(*) FROM mentions m WHERE m.entity_id IN
      (SELECT g.id FROM entities g WHERE g.id = e.id OR g.canonical_id = e.id)) AS mention_count,
    (SELECT COUNT(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id IN
      (SELECT g.id FROM entities g WHERE g.id = e.id OR g.canonical_id = e.id)) AS document_count,
    (SELECT COUNT(*) FROM entities g WHERE g.canonical_id = e.id) AS merged_count
  FROM entities e`;

/** The ids in the subtree under an entity by `merged_into` (excluding it); takes its id once. */
export const MERGED_SUBTREE = `WITH RECURSIVE sub(id) AS (
    SELECT id FROM entities WHERE merged_into = ?
    UNION SELECT e.id FROM entities e JOIN sub ON e.merged_into = sub.id)
  SELECT id FROM sub`;

export const EVENT_SELECT = `SELECT ev.*, d.title AS doc_title, d.published AS doc_published,
    d.source AS doc_source, d.ingested_at AS doc_ingested_at
  FROM events ev JOIN documents d ON d.id = ev.document_id`;

export const CLAIM_SELECT = `SELECT c.*, d.title AS doc_title, d.published AS doc_published,
    d.source AS doc_source, d.ingested_at AS doc_ingested_at
  FROM claims c JOIN documents d ON d.id = c.document_id`;

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** Escapes `%`, `_` and `\` for `LIKE ? ESCAPE '\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every source named by a document or graded, with its latest grade and document count. */
export const SQL_SOURCES = `SELECT s.name,
    (SELECT COUNT(*) FROM documents d WHERE d.source = s.name) AS document_count,
    g.reliability, g.analyst, g.note, g.created_at
  FROM (SELECT DISTINCT source AS name FROM documents WHERE source IS NOT NULL
        UNION SELECT source AS name FROM source_grades) s
  LEFT JOIN source_grades g ON g.id = (SELECT MAX(g2.id) FROM source_grades g2 WHERE g2.source = s.name)
  ORDER BY s.name`;
