import type { Analysis } from "../core/index.js";
import type { ActorProfile, SourcedValue } from "../services/actor-profile.js";
import type { IngestReport } from "../services/ingest.js";
import type { ThreatBoard } from "../services/threat-board.js";
import type { Timeline } from "../services/timeline.js";
import type { TrendsReport } from "../services/trends.js";
import type { EntitySummary, SearchHit, Store, StoredEvent } from "../store/store.js";
import { clip, table } from "./table.js";

export function renderAnalysis(a: Analysis): string {
  const name = new Map(a.entities.map((e) => [e.id, e.name]));
  const n = (id?: string) => (id ? (name.get(id) ?? id) : "");
  const parts: string[] = [];
  parts.push(
    `Document ${a.document.title ?? a.document.path ?? a.document.id} (published ${a.document.published ?? "unknown"})`,
  );
  parts.push(
    `\nEntities (${a.entities.length})\n${table(
      ["kind", "name", "mentions", "aliases/parent"],
      a.entities.map((e) => [
        e.kind,
        e.name,
        e.mentions.length,
        e.parent ? `parent: ${n(e.parent)}` : e.aliases.slice(0, 3).join(", "),
      ]),
    )}`,
  );
  parts.push(
    `\nEvents (${a.events.length})\n${table(
      ["type", "what", "date", "place", "perpetrators", "attribution"],
      a.events.map((e) => [
        e.type,
        e.label ?? e.subtype ?? "",
        e.date?.value ?? e.date?.text ?? "",
        n(e.place),
        e.perpetrators.map(n).join(", "),
        e.attribution ? `${e.attribution.status}${e.attribution.by ? ` by ${n(e.attribution.by)}` : ""}` : "",
      ]),
    )}`,
  );
  parts.push(
    `\nClaims (${a.claims.length})\n${table(
      ["subject", "property", "value", "stance", "evidence"],
      a.claims.map((c) => [
        n(c.subject),
        c.property,
        c.object ? n(c.object) : c.value,
        c.stance ?? "",
        c.evidence[0]?.text,
      ]),
      60,
    )}`,
  );
  return parts.join("\n");
}

export function renderIngestReport(r: IngestReport, db: string): string {
  const lines = [
    `Ingested ${r.ingested.length} document(s), ${r.unchanged.length} unchanged, ${r.failed.length} failed → ${db}`,
  ];
  for (const f of r.failed) lines.push(`  failed: ${f.path}: ${f.message} (${f.code})`);
  for (const w of r.warnings ?? []) lines.push(`  warning: ${w.path}: ${w.message} (${w.code})`);
  for (const m of r.proposedMerges ?? [])
    lines.push(`  proposed merge: ${m.from} → ${m.into} (${m.reason}); see sitrep merges`);
  return lines.join("\n");
}

export function renderActors(list: EntitySummary[]): string {
  if (!list.length) return "No actors stored yet. Ingest some documents first: sitrep ingest samples/";
  return table(
    ["name", "kind", "documents", "mentions", "aliases"],
    list.map((e) => [e.name, e.kind, e.documentCount, e.mentionCount, e.aliases.slice(0, 4).join(", ")]),
  );
}

function sourced(title: string, values: SourcedValue[], showStance = false): string {
  if (!values.length) return `${title}: none recorded`;
  const rows = values.map((v) => {
    const q = v.qualifiers;
    const unit = q?.unit ? ` ${q.unit}` : "";
    const value =
      q?.min !== undefined && q?.max !== undefined && q.min !== q.max
        ? `${q.min.toLocaleString("en")}–${q.max.toLocaleString("en")}${unit}`
        : `${v.value}${unit}`;
    const who = v.heldBy ? ` (held by ${v.heldBy})` : "";
    const stance = showStance && v.stance ? ` [${v.stance}]` : "";
    const src = v.sources
      .map((s) => `${s.title ?? s.documentId}${s.published ? `, ${s.published}` : ""} [${s.grade.code}]`)
      .join("; ");
    return `  • ${value}${stance}${who} — ${clip(src, 90)}\n      “${clip(v.sources[0]?.evidence ?? "", 100)}”`;
  });
  return `${title}:\n${rows.join("\n")}`;
}

export function renderProfile(p: ActorProfile): string {
  const a = p.actor;
  const lines = [
    `${a.name}  (${a.kind}, ${a.documentCount} document(s), ${a.mentionCount} mention(s), review: ${a.reviewState})`,
    `Aliases: ${a.aliases.join(", ") || "none"}`,
    `Parent: ${p.parent ? `${p.parent.name}${a.parentRelation ? ` (${a.parentRelation})` : ""}` : "none"}`,
  ];
  if (p.asOf) lines.unshift(`As of ${p.asOf} (reports published and decisions made by then)`);
  if (p.affiliates.length) lines.push(`Affiliates: ${p.affiliates.map((x) => x.name).join(", ")}`);
  for (const m of p.merged)
    lines.push(`Merged in: ${m.name} (${m.id}) — ${m.reason} [merge ${m.mergeId}, ${m.reviewState}]`);
  lines.push(`Grades (Admiralty, items per grade): ${gradesLine(p.grades)}`);
  lines.push(
    sourced("Strength estimates", p.strength, true),
    sourced("Founded", p.founded),
    sourced("Areas of operation", p.areas),
    sourced("Strongholds", p.strongholds),
    sourced("Adversaries", p.adversaries),
    sourced("Stated or possible targets", p.intendedTargets, true),
    sourced("Assessments", p.assessments),
    sourced("Attributions", p.attributions, true),
  );
  const l = p.lethality;
  lines.push(
    `Lethality: ${l.killed.toLocaleString("en")} killed, ${l.wounded.toLocaleString("en")} wounded in ${l.withFigures} of ${l.incidents} incident(s) with figures${l.killedPerIncident !== null ? ` (${l.killedPerIncident} killed per incident)` : ""}`,
  );
  if (p.activity.length) {
    lines.push("Activity by country (incidents, first–last date):");
    for (const a of p.activity)
      lines.push(
        `  • ${a.country}: ${a.incidents} incident(s)${a.firstDate ? `, ${a.firstDate}${a.lastDate && a.lastDate !== a.firstDate ? ` – ${a.lastDate}` : ""}` : ""}${a.claimed ? " · named as an area of operation" : ""}`,
      );
  }
  if (p.tempo.length)
    lines.push(`Tempo (incidents per month): ${p.tempo.map((t) => `${t.month} ${t.incidents}`).join(", ")}`);
  if (p.targetsByType.length)
    lines.push(`Targets by type: ${p.targetsByType.map((t) => `${t.type} ${t.incidents}`).join(", ")}`);
  lines.push(
    `Incidents (${p.incidents.length}, from ${p.attacks.length + p.otherEvents.length} event reports):`,
  );
  for (const i of p.incidents.slice(0, 40)) {
    lines.push(
      `  • ${i.firstDate ?? "date unknown"}  ${i.label ?? i.type}${i.country ? ` (${i.country})` : ""} — ${i.eventCount} report(s) in ${i.documentCount} document(s)  [${i.id}]`,
    );
  }
  lines.push(`Attack reports (${p.attacks.length}):`);
  for (const e of p.attacks.slice(0, 30)) {
    lines.push(
      `  • ${e.date?.value ?? "date unknown"}  ${e.label ?? e.subtype ?? e.type}${e.attribution ? ` [${e.attribution.status}]` : ""} — ${e.documentTitle ?? e.documentId} [${e.grade.code}]`,
    );
  }
  if (p.otherEvents.length) {
    lines.push(`Plots, arrests and other events (${p.otherEvents.length}):`);
    for (const e of p.otherEvents.slice(0, 20))
      lines.push(
        `  • ${e.date?.value ?? "date unknown"}  ${e.label ?? e.type} — ${e.documentTitle ?? e.documentId}`,
      );
  }
  return lines.join("\n");
}

export async function renderEvents(store: Store, events: StoredEvent[]): Promise<string> {
  if (!events.length) return "No events match.";
  const names = new Map<string, string>();
  for (const id of new Set(events.flatMap((e) => [...e.perpetrators, e.place ?? ""]).filter(Boolean))) {
    const ent = await store.getEntity(id);
    if (ent) names.set(id, ent.name);
  }
  return table(
    ["date", "type", "what", "place", "perpetrators", "source"],
    events.map((e) => [
      e.date?.value ?? "",
      e.type,
      e.label ?? e.subtype ?? "",
      e.place ? (names.get(e.place) ?? e.place) : (e.country ?? ""),
      e.perpetrators.map((p) => names.get(p) ?? p).join(", "),
      e.documentTitle ?? e.documentId,
    ]),
    40,
  );
}

export function renderSearch(hits: SearchHit[]): string {
  if (!hits.length) return "No documents match.";
  return hits
    .map(
      (h, i) =>
        `${i + 1}. ${h.title ?? h.path ?? h.documentId} (${h.published ?? "undated"})\n   ${clip(h.snippet.replace(/<\/?mark>/g, "*"), 160)}`,
    )
    .join("\n");
}

export function renderThreatBoard(b: ThreatBoard): string {
  const lines = [
    `Threat board: ${b.target.name} (${b.target.kind}${b.target.countries.length ? `, ${b.target.countries.join(", ")}` : ""})`,
    ...(b.asOf ? [`As of ${b.asOf}: reports published and decisions made by then`] : []),
    `Grades (Admiralty, items per grade): ${gradesLine(b.grades)}`,
  ];
  lines.push(`\nActors with stated or assessed intent (${b.actors.length}):`);
  if (!b.actors.length) lines.push("  none recorded");
  for (const a of b.actors) {
    lines.push(`  ${a.actor.name}`);
    for (const i of a.intent) {
      const src = `${i.evidence.title ?? i.evidence.documentId}${i.evidence.published ? `, ${i.evidence.published}` : ""}`;
      lines.push(
        `    • ${i.object.name}${i.stance ? ` [${i.stance}]` : ""}${i.match === "direct" ? "" : ` — ${i.match}`}${i.heldBy ? ` (held by ${i.heldBy})` : ""}`,
        `      “${clip(i.evidence.text, 100)}” — ${clip(src, 80)} [${i.grade.code}]`,
      );
    }
  }
  const ev = (e: StoredEvent & { grade: { code: string } }) =>
    `  • ${e.date?.value ?? "date unknown"}  ${e.label ?? e.type}${e.attribution ? ` [${e.attribution.status}]` : ""} — ${clip(e.documentTitle ?? e.documentId, 70)} [${e.grade.code}]`;
  lines.push(
    `\nPlots and arrests (${b.plotsAndArrests.length}):`,
    ...(b.plotsAndArrests.length ? b.plotsAndArrests.map(ev) : ["  none recorded"]),
  );
  lines.push(
    `\nRecent attacks there (${b.recentAttacks.length}):`,
    ...(b.recentAttacks.length ? b.recentAttacks.map(ev) : ["  none recorded"]),
  );
  return lines.join("\n");
}

export function renderTrends(r: TrendsReport): string {
  if (!r.actors.length) return `No dated attacks known as of ${r.asOf}.`;
  const pct = (x: number | null) => (x === null ? "new" : `${x >= 0 ? "+" : ""}${Math.round(100 * x)} %`);
  const head = `Trends as of ${r.asOf}: last ${r.windowMonths} months against the ${r.windowMonths} before`;
  const rows = r.actors.map((a) => [
    a.actor.name,
    a.recent.attacks,
    a.baseline.attacks,
    a.tempoChange === null && a.recent.attacks === 0 ? "–" : pct(a.tempoChange),
    a.recent.countries.join(", "),
    a.newCountries.join(", "),
    a.newRegions.join(", "),
  ]);
  const t = table(
    ["actor", "recent", "baseline", "tempo", "countries (recent)", "newly active in", "new regions"],
    rows,
    40,
  );
  const monthly = r.actors.slice(0, 5).map(
    (a) =>
      `  ${a.actor.name}: ${a.tempo
        .slice(-12)
        .map((m) => `${m.month} ${m.attacks}`)
        .join(" · ")}`,
  );
  return [head, t, "", "Attacks per month (latest 12 with any):", ...monthly].join("\n");
}

/** "B2 ×3 · F6 ×1", or "none". */
export function gradesLine(g: Record<string, number>): string {
  const parts = Object.entries(g).map(([code, n]) => `${code} ×${n}`);
  return parts.length ? parts.join(" · ") : "none";
}

export function renderTimeline(t: Timeline): string {
  const head = `${t.entries.length} dated incident(s)${t.asOf ? ` as of ${t.asOf}` : ""}${t.undated ? `; ${t.undated} undated left out` : ""}`;
  if (!t.entries.length) return head;
  return `${head}\n${table(
    ["date", "precision", "place", "place precision", "what", "perpetrators", "killed", "reports", "grades"],
    t.entries.map((e) => [
      e.date?.value,
      e.date?.precision,
      e.place ? `${e.place.name}${e.place.country ? `, ${e.place.country}` : ""}` : "",
      e.place?.precision ?? "",
      e.label ?? e.type,
      e.perpetrators.map((p) => `${p.name} (${p.statuses.join("/")})`).join("; "),
      e.killed ? (e.killed.max ?? e.killed.min) : "",
      e.reports,
      gradesLine(e.grades),
    ]),
    40,
  )}`;
}
