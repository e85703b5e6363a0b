/**
 * Turning the dialect-neutral statements of queries.ts (positional `?`) into PostgreSQL's
 * numbered parameters, and single-row INSERTs into multi-row ones.
 */

const numbered = new Map<string, string>();

/**
 * Numbers the `?` parameters of a statement `$1…$n`, leaving `?` inside quoted literals and
 * identifiers alone. Results are cached (the statements are a fixed, small set).
 */
export function toPgSql(sql: string): string {
  const cached = numbered.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  if (numbered.size < 10_000) numbered.set(sql, out);
  return out;
}

/** The most parameters one statement may carry (PostgreSQL's wire protocol limit is 65,535). */
export const MAX_PARAMS = 60_000;

/**
 * A single-row `INSERT … VALUES (?, …) [tail]` as an INSERT of `rows` rows (still with `?`).
 * Throws if the statement has no `VALUES (…)` group.
 */
export function multiRowInsert(sql: string, rows: number): string {
  const m = /\bVALUES\s*(\((?:[^()']|'[^']*')*\))/i.exec(sql);
  if (!m) throw new Error(`not a single-row INSERT … VALUES statement: ${sql.slice(0, 60)}`);
  const group = m[1];
  return `${sql.slice(0, m.index)}VALUES ${Array.from({ length: rows }, () => group).join(", ")}${sql.slice(
    m.index + m[0].length,
  )}`;
}

/** How many `?` a VALUES group takes. */
export function paramsPerRow(sql: string): number {
  const m = /\bVALUES\s*(\((?:[^()']|'[^']*')*\))/i.exec(sql);
  if (!m) throw new Error(`not a single-row INSERT … VALUES statement: ${sql.slice(0, 60)}`);
  return (m[1].replace(/'[^']*'/g, "").match(/\?/g) ?? []).length;
}

/**
 * Splits rows for multi-row INSERTs so no statement carries more than MAX_PARAMS parameters
 * (and at most `maxRows` rows).
 */
export function chunkRows<T>(rows: T[], perRow: number, maxRows = 1000): T[][] {
  const size = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMS / Math.max(1, perRow))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
