import { SitrepError } from "../core/index.js";
import {
  type IncidentView,
  incidentView,
  listIncidents,
  type Reported,
  type SourceRef,
} from "../services/incidents.js";
import type { IncidentSummary, Store } from "../store/store.js";
import { table } from "./table.js";

/**
 * `sitrep incidents [--actor X] [--country Y] [--since DATE]` and `sitrep incident ID`: thin
 * commands over src/services/incidents.ts. Each returns the human text and the JSON data; the
 * caller prints one of them (`--json`).
 */

export interface CommandOutput {
  human: string;
  data: unknown;
}

export async function incidentsCommand(
  store: Store,
  options: {
    actor?: string;
    country?: string;
    since?: string;
    asOf?: string;
    limit?: number;
    json?: boolean;
  },
): Promise<CommandOutput> {
  const list: IncidentSummary[] = await listIncidents(store, options);
  const filters = [
    options.actor ? `actor ${options.actor}` : "",
    options.country ? `country ${options.country.toUpperCase()}` : "",
    options.since ? `since ${options.since}` : "",
    options.asOf ? `as of ${options.asOf}` : "",
  ].filter(Boolean);
  const head = `${list.length} incident(s)${filters.length ? ` (${filters.join(", ")})` : ""}`;
  const human = list.length
    ? `${head}\n${table(
        ["id", "first date", "country", "type", "what", "reports", "docs"],
        list.map((i) => [
          i.id,
          i.firstDate ?? "undated",
          i.country ?? "",
          i.subtype && i.subtype !== "unknown" ? `${i.type}/${i.subtype}` : i.type,
          i.label ?? "",
          i.eventCount,
          i.documentCount,
        ]),
        60,
      )}`
    : head;
  return { human, data: { incidents: list } };
}

function cite(s: SourceRef): string {
  const name = s.title ?? s.source ?? s.documentId;
  return `${name}${s.published ? ` (${s.published})` : ""}`;
}

function rangeText(v: { min?: number; max?: number; approx?: boolean }): string {
  const n =
    v.min !== undefined && v.max !== undefined && v.min !== v.max
      ? `${v.min}–${v.max}`
      : String(v.max ?? v.min ?? "?");
  return v.max === undefined && v.approx ? `at least ${n}` : n;
}

function fieldLines<T>(
  label: string,
  values: Reported<T>[],
  preferred: Reported<T> | undefined,
  rule: string,
  show: (v: T) => string,
): string[] {
  if (!values.length) return [`${label}: not reported`];
  const lines = [`${label}: ${preferred ? show(preferred.value) : "—"}   [${rule}]`];
  for (const v of values) {
    const who = v.analyst !== undefined ? `analyst ${v.analyst} (edit of ${cite(v.source)})` : cite(v.source);
    lines.push(`    ${show(v.value).padEnd(24)} per ${who}${v.grade ? ` [${v.grade.code}]` : ""}`);
  }
  return lines;
}

export function renderIncident(v: IncidentView): string {
  const lines = [
    `Incident ${v.id}: ${v.label ?? v.type}`,
    `  ${v.subtype && v.subtype !== "unknown" ? `${v.type}/${v.subtype}` : v.type}, ${v.eventCount} report(s) in ${v.documentCount} document(s), ${v.reviewState}`,
    ...(v.asOf ? [`  as of ${v.asOf}: reports published and decisions made by then`] : []),
    `  grades (Admiralty, reports per grade): ${Object.entries(v.grades)
      .map(([c, n]) => `${c} ×${n}`)
      .join(" · ")}`,
    "",
    ...fieldLines("Date", v.date.values, v.date.preferred, v.date.rule, (d) => `${d.value} (${d.precision})`),
    ...fieldLines("Place", v.place.values, v.place.preferred, v.place.rule, (p) =>
      p.country ? `${p.name}, ${p.country}` : p.name,
    ),
    ...fieldLines("Killed", v.killed.values, v.killed.preferred, v.killed.rule, rangeText),
    ...fieldLines("Wounded", v.wounded.values, v.wounded.preferred, v.wounded.rule, rangeText),
    "",
    "Perpetrators:",
  ];
  if (!v.perpetrators.length) lines.push("    none named");
  for (const p of v.perpetrators) {
    lines.push(`  ${p.name}`);
    for (const a of p.attributions) {
      const others = a.disputedBy ?? [];
      const disputed = others.length ? `; disputed by ${others.map((d) => d.name).join(", ")}` : "";
      lines.push(
        `    ${a.status}${a.byName ? ` by ${a.byName}` : ""}${disputed} per ${cite(a.source)}${a.grade ? ` [${a.grade.code}]` : ""}`,
      );
    }
  }
  lines.push("", "Reports and links:");
  lines.push(
    table(
      ["document", "published", "grade", "event", "score", "linked because"],
      v.members.map((m) => [
        m.source.title ?? m.source.documentId,
        m.source.published ?? "",
        m.grade?.code ?? "",
        m.label ?? m.source.eventId,
        m.score ?? "first",
        m.reasons.join("; "),
      ]),
      70,
    ),
  );
  return lines.join("\n");
}

export async function incidentCommand(
  store: Store,
  id: string,
  options: { asOf?: string } = {},
): Promise<CommandOutput> {
  const view = await incidentView(store, id, options);
  if (!view) throw new SitrepError("E_NOT_FOUND", `no incident ${id}`, { id });
  return { human: renderIncident(view), data: view };
}
