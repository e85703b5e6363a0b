/**
 * The first and last day an ISO date value can stand for, as YYYY-MM-DD strings that compare
 * correctly as text: "2024" → 2024-01-01 … 2024-12-31, "2024-02" → 2024-02-01 … 2024-02-29,
 * "2024-03-15T10:00Z" → 2024-03-15 … 2024-03-15. A decade is its first year plus nine.
 * Returns undefined for values that are not ISO dates.
 */
export function dateBounds(value: string, precision?: string): { start: string; end: string } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return { start: `${y}-${mo}-${d}`, end: `${y}-${mo}-${d}` };
  if (mo) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return { start: `${y}-${mo}-01`, end: `${y}-${mo}-${String(last).padStart(2, "0")}` };
  }
  const endYear = precision === "decade" ? String(Number(y) + 9).padStart(4, "0") : y;
  return { start: `${y}-01-01`, end: `${endYear}-12-31` };
}

/** Turns a user-given bound ("2024", "2024-03", "2024-03-15", a date-time) into YYYY-MM-DD. */
export function boundDay(value: string, side: "start" | "end"): string | undefined {
  const b = dateBounds(value);
  return b ? b[side] : undefined;
}
