/** Plain-text table for terminal output: columns padded to the widest cell, long cells cut. */
export function table(headers: string[], rows: (string | number | undefined)[][], maxWidth = 48): string {
  const cells = rows.map((r) => r.map((c) => clip(c === undefined ? "" : String(c), maxWidth)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...cells.map(line)].join("\n");
}

export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
