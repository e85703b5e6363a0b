import { describe, expect, it } from "vitest";
import { SQL } from "../queries.js";
import { chunkRows, MAX_PARAMS, multiRowInsert, paramsPerRow, toPgSql } from "./pg-sql.js";

describe("toPgSql", () => {
  it("numbers ? parameters in order", () => {
    expect(toPgSql("SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?")).toBe(
      "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4",
    );
  });

  it("leaves ? inside quoted literals and identifiers alone", () => {
    expect(toPgSql(`SELECT '?', "a?b" FROM t WHERE x LIKE ? ESCAPE '\\' AND y = 'it''s?' AND z = ?`)).toBe(
      `SELECT '?', "a?b" FROM t WHERE x LIKE $1 ESCAPE '\\' AND y = 'it''s?' AND z = $2`,
    );
  });
});

describe("multiRowInsert", () => {
  it("repeats the VALUES group and keeps what follows it", () => {
    const sql = multiRowInsert(SQL.insertMention, 3);
    expect(sql).toContain("VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)");
    expect(sql).toMatch(/ON CONFLICT \(document_id, entity_id, start_offset, end_offset\) DO NOTHING$/);
    expect(toPgSql(sql)).toContain("($11, $12, $13, $14, $15)");
  });

  it("copies literals inside the group", () => {
    expect(paramsPerRow(SQL.insertEntity)).toBe(15);
    expect(multiRowInsert(SQL.insertEntity, 2).match(/'proposed'/g)).toHaveLength(2);
  });

  it("refuses a statement without a VALUES group", () => {
    expect(() => multiRowInsert("DELETE FROM t", 2)).toThrow(/VALUES/);
  });
});

describe("chunkRows", () => {
  it("keeps each statement under the parameter limit", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [i]);
    const chunks = chunkRows(rows, 18);
    expect(chunks.flat()).toHaveLength(10_000);
    expect(Math.max(...chunks.map((c) => c.length * 18))).toBeLessThanOrEqual(MAX_PARAMS);
    expect(chunkRows(rows, 100, 50)[0]).toHaveLength(50);
    expect(chunkRows([], 5)).toEqual([]);
  });
});
