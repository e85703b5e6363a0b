import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { App } from "../compose.js";
import {
  DocumentMetaSchema,
  EntityKindSchema,
  isSitrepError,
  SitrepError,
  type SourceReliability,
} from "../core/index.js";
import { readSource } from "../ingest/read-source.js";
import { actorProfile } from "../services/actor-profile.js";
import { analyzeText } from "../services/analyze.js";
import { ingestPaths } from "../services/ingest.js";
import { threatBoard } from "../services/threat-board.js";
import { incidentMap, timeline } from "../services/timeline.js";
import { trends } from "../services/trends.js";
import { mergeCommand, mergesCommand, sourcesCommand, unmergeCommand } from "./actor-commands.js";
import { evalCommand } from "./eval-command.js";
import { incidentCommand, incidentsCommand } from "./incident-commands.js";
import {
  renderActors,
  renderAnalysis,
  renderEvents,
  renderIngestReport,
  renderProfile,
  renderSearch,
  renderThreatBoard,
  renderTimeline,
  renderTrends,
} from "./render.js";
import { reviewCommand } from "./review-commands.js";

const HELP = `sitrep — turn open reporting on armed groups into sourced, structured knowledge

Usage: sitrep <command> [options]

Commands:
  extract FILE [--published DATE] [--json]   analyse one document without storing it
  ingest PATH... [--json]                    read files or folders into the store (re-ingest is a no-op)
  actors [--kind KIND] [--json]              list actors in the store
  actor NAME [--as-of DATE] [--json]         profile of one actor (aliases, parent, strength over time, areas
                                             with first/last activity, tempo, lethality, targets, intent…)
  merge FROM INTO [--note REASON]            merge two names for one actor (reversible)
  unmerge MERGE_ID [--note T]                undo a merge exactly
  merges [accept|reject MERGE_ID | propose]  actor merges, the machine's proposals first
  sources [grade NAME A-F [--note T]]        sources and their Admiralty reliability grade
  events [--actor X] [--country CC] [--since DATE] [--json]
                                             list events, newest first
  trends [--actor X] [--as-of DATE] [--window MONTHS] [--json]
                                             attack tempo per month and countries where an actor is
                                             newly active (recent window against the one before)
  incidents [--actor X] [--country CC] [--since DATE] [--as-of DATE] [--json]
                                             incidents: one per real-world event, linked across reports
  timeline [--actor X] [--country CC] [--since DATE] [--as-of DATE] [--limit N] [--json]
                                             incidents in date order with date and place precision
  map [same filters] [--out FILE]            incidents with coordinates as GeoJSON (stdout or FILE)
  incident ID [--as-of DATE] [--json]        one incident: every report, every reported value, its source
                                             and grade, the preferred value and the rule that chose it
  review [KIND] [--limit N]                  the queue of machine-made items awaiting an analyst
  review accept|reject KIND DOCID ITEMID [--note T] [--analyst NAME]
  review edit KIND DOCID ITEMID --set '{"killed": 137}'
  review history KIND DOCID ITEMID           KIND is event, claim or incident_link
  search QUERY [--json]                      full-text search over stored documents
  threats TARGET [--as-of DATE] [--json]     threat board: actors with stated intent against a target,
                                             place or event, plots and arrests there, recent attacks
  eval TASK --data DIR --split NAME [--out FILE] [--corpus C] [--templates-out FILE] [--limit N]
                                             score the pipeline on a benchmark: muc4, conll, geo,
                                             wikievents, actors (UN alias sets), linking (MUC-4 incidents)
  demo                                       ingest samples/ into a fresh store and show the ISIS-K profile
  help                                       this text

Options for every command:
  --db PATH|URL    SQLite store file, or a PostgreSQL URL postgres://user@host:port/db
                   (default: $SITREP_DB or ./.sitrep/sitrep.db)
  --pipeline FILE  pipeline config JSON (default: built-in; see docs/pipeline.md)
  --json           machine-readable output
`;

/** Exit statuses: 0 ok, 1 nothing could be done, 2 usage error. */
/** Where the CLI writes; process.stdout/stderr by default, any writable in tests. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean };

export async function main(
  argv: string[],
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    err.write(`sitrep: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command || command === "help" || values.help) {
    out.write(HELP);
    return command || values.help ? 0 : 2;
  }
  if (command === "eval") {
    try {
      return await evalCommand(
        {
          ...(args[0] ? { task: args[0] } : {}),
          ...(values.data ? { data: values.data } : {}),
          ...(values.split ? { split: values.split } : {}),
          ...(values.out ? { out: values.out } : {}),
          ...(values.corpus ? { corpus: values.corpus } : {}),
          ...(values["templates-out"] ? { templatesOut: values["templates-out"] } : {}),
          ...(values.limit ? { limit: Number(values.limit) } : {}),
          json: values.json === true,
        },
        out,
      );
    } catch (e) {
      return fail(e, err);
    }
  }
  const app = new App({
    ...(values.db ? { db: values.db } : {}),
    ...(values.pipeline ? { pipelineConfig: values.pipeline } : {}),
  });
  const json = values.json === true;
  const print = (human: string, data: unknown) =>
    out.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
  try {
    // Every command but extract (no store) and demo (resets the store first) opens it up front.
    if (command !== "extract" && command !== "demo") await app.openStore();
    switch (command) {
      case "extract": {
        const file = need(args[0], "extract needs a FILE");
        const src = await readSource(file);
        const published = values.published ?? src.published;
        if (values.published) DocumentMetaSchema.shape.published.parse(values.published);
        const { analysis } = analyzeText(app.pipeline, src.text, {
          ...(src.title ? { title: src.title } : {}),
          ...(published ? { published } : {}),
          ...(src.source ? { source: src.source } : {}),
          path: file,
        });
        print(renderAnalysis(analysis), analysis);
        return 0;
      }
      case "ingest": {
        if (!args.length) throw new SitrepError("E_USAGE", "ingest needs at least one PATH");
        const progress = !json && err.isTTY !== false;
        const report = await ingestPaths({ pipeline: app.pipeline, store: app.store }, args, {
          onProgress: (p) => {
            if (progress) err.write(`[${p.index}/${p.total}] ${p.outcome.padEnd(9)} ${p.path}\n`);
          },
        });
        print(renderIngestReport(report, app.dbPath), report);
        for (const f of report.failed) err.write(`sitrep: ${f.path}: ${f.message} (${f.code})\n`);
        const nothing = report.ingested.length === 0 && report.unchanged.length === 0;
        return nothing && report.failed.length ? 1 : 0;
      }
      case "actors": {
        const kind = values.kind ? EntityKindSchema.parse(values.kind) : "armed_group";
        const list = await app.store.listEntities({ kind, limit: 500 });
        print(renderActors(list), list);
        return 0;
      }
      case "actor": {
        const name = need(args.join(" ") || undefined, "actor needs a NAME");
        const profile = await actorProfile(app.store, name, asOf(values["as-of"]));
        print(renderProfile(profile), profile);
        return 0;
      }
      case "events": {
        let actor: string | undefined;
        if (values.actor) {
          const e = await app.store.findEntityByName(values.actor);
          if (!e) throw new SitrepError("E_NOT_FOUND", `no actor named "${values.actor}" in the store`);
          actor = e.id;
        }
        if (values.since) DocumentMetaSchema.shape.published.parse(values.since);
        const events = await app.store.listEvents({
          ...(actor ? { actor } : {}),
          ...(values.country ? { country: values.country.toUpperCase() } : {}),
          ...(values.since ? { since: values.since } : {}),
          limit: 500,
        });
        print(await renderEvents(app.store, events), events);
        return 0;
      }
      case "incidents": {
        if (values.since) DocumentMetaSchema.shape.published.parse(values.since);
        const r = await incidentsCommand(app.store, {
          ...(values.actor ? { actor: values.actor } : {}),
          ...(values.country ? { country: values.country } : {}),
          ...(values.since ? { since: values.since } : {}),
          ...asOf(values["as-of"]),
          json,
        });
        print(r.human, r.data);
        return 0;
      }
      case "incident": {
        const id = need(args[0], "incident needs an ID (see sitrep incidents)");
        const r = await incidentCommand(app.store, id, asOf(values["as-of"]));
        print(r.human, r.data);
        return 0;
      }
      case "review": {
        const r = await reviewCommand(app.store, args, {
          json,
          ...(values.analyst ? { analyst: values.analyst } : {}),
          ...(values.note ? { note: values.note } : {}),
          ...(values.set !== undefined ? { set: values.set } : {}),
          ...(values.limit ? { limit: Number(values.limit) } : {}),
        });
        print(r.human, r.data);
        return 0;
      }
      case "threats": {
        const name = need(args.join(" ") || undefined, "threats needs a TARGET (a place, target or event)");
        const board = await threatBoard(app.store, name, asOf(values["as-of"]));
        print(renderThreatBoard(board), board);
        return 0;
      }
      case "trends": {
        let actor: string | undefined;
        if (values.actor) {
          const e = await app.store.findEntityByName(values.actor);
          if (!e) throw new SitrepError("E_NOT_FOUND", `no actor named "${values.actor}" in the store`);
          actor = e.id;
        }
        if (values["as-of"]) DocumentMetaSchema.shape.published.parse(values["as-of"]);
        const report = await trends(app.store, {
          ...(actor ? { actor } : {}),
          ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
          ...(values.window ? { windowMonths: Number(values.window) } : {}),
        });
        print(renderTrends(report), report);
        return 0;
      }
      case "timeline":
      case "map": {
        const filter = {
          ...(values.actor ? { actor: values.actor } : {}),
          ...(values.country ? { country: values.country } : {}),
          ...(values.since ? { since: values.since } : {}),
          ...(values.limit ? { limit: Number(values.limit) } : {}),
          ...asOf(values["as-of"]),
        };
        if (values.since) DocumentMetaSchema.shape.published.parse(values.since);
        if (command === "timeline") {
          const t = await timeline(app.store, filter);
          print(renderTimeline(t), t);
          return 0;
        }
        const geojson = await incidentMap(app.store, filter);
        const { unplaced, ...collection } = geojson;
        const text = `${JSON.stringify(collection, null, 2)}\n`;
        if (values.out) {
          writeFileSync(values.out, text);
          err.write(
            `sitrep: wrote ${collection.features.length} incident(s) to ${values.out}; ${unplaced} without coordinates or date\n`,
          );
        } else out.write(text);
        return 0;
      }
      case "merge":
      case "unmerge":
      case "merges":
      case "sources": {
        const opts = {
          ...(values.analyst ? { analyst: values.analyst } : {}),
          ...(values.note ? { note: values.note } : {}),
        };
        const run = {
          merge: mergeCommand,
          unmerge: unmergeCommand,
          merges: mergesCommand,
          sources: sourcesCommand,
        }[command];
        const r = await run(app.store, args, opts);
        print(r.human, r.data);
        return 0;
      }
      case "search": {
        const q = need(args.join(" ") || undefined, "search needs a QUERY");
        const hits = await app.store.search(q, { limit: 20 });
        print(renderSearch(hits), hits);
        return 0;
      }
      case "demo":
        return await demo(app, out, err);
      default:
        err.write(`sitrep: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    return fail(e, err);
  } finally {
    await app.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      pipeline: { type: "string" },
      json: { type: "boolean" },
      published: { type: "string" },
      actor: { type: "string" },
      country: { type: "string" },
      since: { type: "string" },
      kind: { type: "string" },
      data: { type: "string" },
      analyst: { type: "string" },
      note: { type: "string" },
      set: { type: "string" },
      "as-of": { type: "string" },
      window: { type: "string" },
      split: { type: "string" },
      out: { type: "string" },
      corpus: { type: "string" },
      "templates-out": { type: "string" },
      limit: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** `--as-of DATE` as a service option (the services check the date and name the flag). */
function asOf(v: string | undefined): { asOf?: string } {
  return v ? { asOf: v } : {};
}

function need(v: string | undefined, message: string): string {
  if (!v) throw new SitrepError("E_USAGE", message);
  return v;
}

function fail(e: unknown, err: Output): number {
  if (isSitrepError(e)) {
    const where = e.details.path ? `${String(e.details.path)}: ` : "";
    err.write(`sitrep: ${where}${e.message} (${e.code})\n`);
    return e.code === "E_USAGE" ? 2 : 1;
  }
  if (e && typeof e === "object" && "issues" in e) {
    const issues = (e as { issues: { path: (string | number)[]; message: string }[] }).issues;
    err.write(
      `sitrep: invalid value: ${issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ")}\n`,
    );
    return 2;
  }
  err.write(`sitrep: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}

/** `npm start`: a fresh store from samples/, then the ISIS-K profile. */
async function demo(app: App, out: Output, err: Output): Promise<number> {
  const samples = new URL("../../samples/", import.meta.url).pathname;
  if (!existsSync(samples))
    throw new SitrepError("E_NOT_FOUND", "samples/ folder not found", { path: samples });
  if (!app.isServerStore) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${app.dbPath}${suffix}`, { force: true });
  }
  await app.openStore();
  err.write(`Ingesting ${samples} into a fresh store at ${app.dbPath} …\n`);
  const report = await ingestPaths({ pipeline: app.pipeline, store: app.store }, [samples], {
    onProgress: (p) =>
      err.write(`[${p.index}/${p.total}] ${p.outcome.padEnd(9)} ${p.path.replace(samples, "samples/")}\n`),
  });
  // The demo's fictional sources carry Admiralty grades (docs/grades.md).
  const grades = new URL("../../config/demo-sources.json", import.meta.url).pathname;
  if (existsSync(grades)) {
    const file = JSON.parse(readFileSync(grades, "utf8")) as {
      grades: { source: string; reliability: SourceReliability; note?: string }[];
    };
    for (const g of file.grades) await app.store.setSourceReliability({ ...g, analyst: "demo" });
  }
  out.write(`${renderIngestReport(report, app.dbPath)}\n\n`);
  const profile = await actorProfile(app.store, "ISIS-K");
  out.write(`${renderProfile(profile)}\n`);
  out.write(
    `\nTry: sitrep actors · sitrep actor "Islamic State" · sitrep incidents --country RU · sitrep incident ID\n` +
      `     sitrep threats "Paris Olympics" · sitrep timeline --actor ISIS-K · sitrep trends --as-of 2024-06-30\n` +
      `     sitrep sources · sitrep review · sitrep search "Crocus"\n` +
      `(run them as: node bin/sitrep.js <command>, or npx sitrep <command>)\n`,
  );
  return report.failed.length && !report.ingested.length ? 1 : 0;
}
