import type { RoleFillerScore } from "./role-filler-score.js";
import { TEMPLATE_SLOTS, type TemplateScore } from "./template-score.js";
import { type Prf, ROLES } from "./types.js";

const pct = (x: number) => (100 * x).toFixed(2);
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function grid(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function row(name: string, s: Prf): string[] {
  return [name, pct(s.p), pct(s.r), pct(s.f1), num(s.pNum), num(s.pDen), num(s.rDen)];
}

const HEAD = ["", "P", "R", "F1", "correct", "predicted", "gold"];

export function roleFillerTable(s: RoleFillerScore): string {
  return grid(HEAD, [...ROLES.map((r) => row(r, s.roles[r])), row("micro avg", s.micro)]);
}

export function templateTable(s: TemplateScore): string {
  const rows = TEMPLATE_SLOTS.map((k) => row(k, s.slots[k]));
  // for templates, "correct" is precision's numerator (recall's can differ: one prediction may match two gold entities)
  return grid(HEAD, [...rows, row("micro avg", s.micro)]);
}
