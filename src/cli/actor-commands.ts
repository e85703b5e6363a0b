import { SitrepError, SourceReliabilitySchema } from "../core/index.js";
import { mergeActors, proposeMerges } from "../services/actors.js";
import type { EntityMerge, Store } from "../store/store.js";
import type { CommandOutput } from "./incident-commands.js";
import { analystName } from "./review-commands.js";
import { table } from "./table.js";

/**
 * Actor merges and source grades (docs/actors.md, docs/grades.md), thin over the services:
 *
 *   sitrep merge FROM INTO [--note REASON]     an analyst's merge (names, aliases or ids)
 *   sitrep unmerge MERGE_ID [--note T]         undo a merge exactly
 *   sitrep merges [--json]                     every merge, machine proposals first
 *   sitrep merges accept|reject MERGE_ID       review a machine proposal (reject undoes it)
 *   sitrep merges propose                      run the machine's proposals now
 *   sitrep sources [--json]                    sources with their Admiralty reliability
 *   sitrep sources grade NAME A-F [--note T]   grade a source
 */

export interface ActorCommandOptions {
  analyst?: string;
  note?: string;
}

async function describeMerge(store: Store, m: EntityMerge): Promise<string[]> {
  const from = await store.getEntity(m.from);
  const into = await store.getEntity(m.into);
  return [
    String(m.id),
    `${from?.name ?? m.from} → ${into?.name ?? m.into}`,
    m.origin,
    m.revertedAt ? `undone ${m.revertedAt.slice(0, 10)}` : "active",
    m.reviewState,
    m.reason,
  ];
}

function mergeId(s: string | undefined): number {
  const n = Number(s);
  if (!s || !Number.isInteger(n) || n <= 0) {
    throw new SitrepError("E_USAGE", `expected a merge id (a number from sitrep merges), got "${s ?? ""}"`);
  }
  return n;
}

export async function mergeCommand(
  store: Store,
  args: string[],
  opts: ActorCommandOptions,
): Promise<CommandOutput> {
  const [from, into] = args;
  if (!from || !into || args.length > 2) {
    throw new SitrepError(
      "E_USAGE",
      'merge needs FROM and INTO (quote names with spaces: sitrep merge "IS-KP" "ISIS-K")',
    );
  }
  const m = await mergeActors(store, {
    from,
    into,
    analyst: analystName(opts.analyst),
    ...(opts.note ? { reason: opts.note } : {}),
  });
  const [id, what] = await describeMerge(store, m);
  return { human: `Merged ${what} (merge ${id}; undo with: sitrep unmerge ${id})`, data: m };
}

export async function unmergeCommand(
  store: Store,
  args: string[],
  opts: ActorCommandOptions,
): Promise<CommandOutput> {
  const m = await store.unmergeEntities({
    id: mergeId(args[0]),
    analyst: analystName(opts.analyst),
    ...(opts.note ? { note: opts.note } : {}),
  });
  const [, what] = await describeMerge(store, m);
  return { human: `Undid merge ${m.id}: ${what}`, data: m };
}

export async function mergesCommand(
  store: Store,
  args: string[],
  opts: ActorCommandOptions,
): Promise<CommandOutput> {
  const [sub, id] = args;
  if (sub === "accept") {
    const m = await store.acceptEntityMerge({ id: mergeId(id), analyst: analystName(opts.analyst) });
    return { human: `Accepted merge ${m.id}`, data: m };
  }
  if (sub === "reject") {
    const m = await store.unmergeEntities({
      id: mergeId(id),
      analyst: analystName(opts.analyst),
      reject: true,
      ...(opts.note ? { note: opts.note } : {}),
    });
    return { human: `Rejected and undid merge ${m.id}; it will not be proposed again`, data: m };
  }
  if (sub === "propose") {
    const proposals = await proposeMerges(store);
    const human = proposals.length
      ? proposals.map((p) => `proposed: ${p.from.name} → ${p.into.name} (${p.reason})`).join("\n")
      : "No new merge proposals.";
    return {
      human,
      data: { proposals: proposals.map((p) => ({ from: p.from.id, into: p.into.id, reason: p.reason })) },
    };
  }
  if (sub !== undefined)
    throw new SitrepError("E_USAGE", `unknown merges subcommand "${sub}" (accept, reject, propose)`);
  const merges = await store.listEntityMerges();
  // Proposals awaiting review first, then the rest, newest first.
  const order = (m: EntityMerge) => (m.reviewState === "proposed" && !m.revertedAt ? 0 : 1);
  merges.sort((a, b) => order(a) - order(b) || b.id - a.id);
  const rows = await Promise.all(merges.map((m) => describeMerge(store, m)));
  const human = merges.length
    ? table(["id", "merge", "by", "status", "review", "reason"], rows, 60)
    : "No actor merges yet. Merge two names for one group with: sitrep merge FROM INTO";
  return { human, data: { merges } };
}

export async function sourcesCommand(
  store: Store,
  args: string[],
  opts: ActorCommandOptions,
): Promise<CommandOutput> {
  const [sub, ...rest] = args;
  if (sub === "grade") {
    const letter = rest.at(-1)?.toUpperCase();
    const name = rest.slice(0, -1).join(" ");
    const parsed = SourceReliabilitySchema.safeParse(letter);
    if (!name || !parsed.success) {
      throw new SitrepError(
        "E_USAGE",
        'sources grade needs a NAME and a reliability A–F: sitrep sources grade "Example Wire" B',
      );
    }
    const g = await store.setSourceReliability({
      source: name,
      reliability: parsed.data,
      analyst: analystName(opts.analyst),
      ...(opts.note ? { note: opts.note } : {}),
    });
    return { human: `${g.source}: reliability ${g.reliability} (by ${g.analyst})`, data: g };
  }
  if (sub !== undefined) throw new SitrepError("E_USAGE", `unknown sources subcommand "${sub}" (grade)`);
  const sources = await store.listSources();
  const human = sources.length
    ? table(
        ["source", "reliability", "documents", "graded by", "note"],
        sources.map((s) => [
          s.name,
          s.reliability ?? "F (ungraded)",
          s.documentCount,
          s.gradedBy ?? "",
          s.note ?? "",
        ]),
        50,
      )
    : 'No sources yet: documents name their source in a .meta.json sidecar ("source").';
  return { human, data: { sources } };
}
