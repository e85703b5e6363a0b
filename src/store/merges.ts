import { SitrepError, SourceReliabilitySchema } from "../core/index.js";
import { foldName } from "./fold-name.js";
import { type Row, rowToEntitySummary } from "./rows.js";
import type {
  EntityMerge,
  EntityMergeInput,
  EntitySummary,
  SourceGrade,
  SourceGradeInput,
  SourceSummary,
} from "./store.js";

/**
 * Checks shared by every adapter for entity merges and source grades (docs/actors.md), so both
 * dialects refuse the same things with the same codes and messages.
 */

const ACTOR_KINDS = new Set(["armed_group", "state", "government", "agency", "organisation"]);

/** Throws unless `from` can be merged into `into` (rows as read from `entities`). */
export function checkMergeable(input: EntityMergeInput, from: Row | undefined, into: Row | undefined): void {
  if (!from)
    throw new SitrepError("E_NOT_FOUND", `no entity ${input.from} is stored`, {
      field: "from",
      id: input.from,
    });
  if (!into)
    throw new SitrepError("E_NOT_FOUND", `no entity ${input.into} is stored`, {
      field: "into",
      id: input.into,
    });
  if (input.from === input.into) {
    throw new SitrepError("E_VALIDATION", `cannot merge ${input.from} into itself`, { field: "into" });
  }
  // An unknown organisation the NER found may turn out to be a known group, agency or government.
  const orgInto = from.kind === "organisation" && ACTOR_KINDS.has(String(into.kind));
  if (from.kind !== into.kind && !orgInto) {
    throw new SitrepError(
      "E_VALIDATION",
      `cannot merge ${input.from} (${String(from.kind)}) into ${input.into} (${String(into.kind)}): different kinds`,
      { field: "into", from: input.from, into: input.into },
    );
  }
  for (const [side, row] of [
    ["from", from],
    ["into", into],
  ] as const) {
    if (row.merged_into !== null && row.merged_into !== undefined) {
      throw new SitrepError(
        "E_CONFLICT",
        `${String(row.id)} is already merged into ${String(row.canonical_id)}; merge that entity instead`,
        { field: side, id: String(row.id), canonical: String(row.canonical_id) },
      );
    }
  }
}

/** The merge if it exists and is active; E_NOT_FOUND / E_CONFLICT otherwise. */
export function activeMerge(id: number, merge: EntityMerge | undefined): EntityMerge {
  if (!merge) throw new SitrepError("E_NOT_FOUND", `no entity merge ${id} is stored`, { id });
  if (merge.revertedAt) {
    throw new SitrepError("E_CONFLICT", `entity merge ${id} was already undone on ${merge.revertedAt}`, {
      id,
    });
  }
  return merge;
}

export function rowToMerge(r: Row): EntityMerge {
  const m: EntityMerge = {
    id: Number(r.id),
    from: String(r.from_id),
    into: String(r.into_id),
    reason: String(r.reason),
    origin: r.origin === "analyst" ? "analyst" : "machine",
    reviewState: r.review_state as EntityMerge["reviewState"],
    createdAt: String(r.created_at),
  };
  if (r.analyst !== null && r.analyst !== undefined) m.analyst = String(r.analyst);
  if (r.reverted_at !== null && r.reverted_at !== undefined) m.revertedAt = String(r.reverted_at);
  if (r.reverted_by !== null && r.reverted_by !== undefined) m.revertedBy = String(r.reverted_by);
  if (r.revert_note !== null && r.revert_note !== undefined) m.revertNote = String(r.revert_note);
  return m;
}

/** Validates a grade (E_VALIDATION naming the field) and stamps it. */
export function checkSourceGrade(input: SourceGradeInput): SourceGrade {
  const source = input.source?.trim();
  if (!source)
    throw new SitrepError("E_VALIDATION", "a source grade needs a source name", { field: "source" });
  const r = SourceReliabilitySchema.safeParse(input.reliability);
  if (!r.success) {
    throw new SitrepError(
      "E_VALIDATION",
      `reliability must be one of A, B, C, D, E, F (got ${JSON.stringify(input.reliability)})`,
      { field: "reliability" },
    );
  }
  if (!input.analyst?.trim())
    throw new SitrepError("E_VALIDATION", "a source grade needs an analyst", { field: "analyst" });
  const out: SourceGrade = {
    source,
    reliability: r.data,
    analyst: input.analyst,
    createdAt: new Date().toISOString(),
  };
  if (input.note !== undefined) out.note = input.note;
  return out;
}

export function rowToSource(r: Row): SourceSummary {
  const s: SourceSummary = { name: String(r.name), documentCount: Number(r.document_count ?? 0) };
  if (r.reliability !== null && r.reliability !== undefined) {
    s.reliability = r.reliability as SourceSummary["reliability"];
    s.gradedBy = String(r.analyst);
    s.gradedAt = String(r.created_at);
    if (r.note !== null && r.note !== undefined) s.note = String(r.note);
  }
  return s;
}

/** SQL for the members merged into a canonical entity (parameter: its id), in id order. */
export const MERGED_MEMBERS_SQL = "SELECT * FROM entities WHERE canonical_id = ? ORDER BY id";

/**
 * A canonical entity's summary with its merged members folded in: `mergedFrom` their ids, and
 * their names and aliases added to its aliases (docs/actors.md). Rows from MERGED_MEMBERS_SQL.
 */
export function withMergedMembers(e: EntitySummary, memberRows: Row[]): EntitySummary {
  const members = memberRows.map(rowToEntitySummary);
  e.mergedFrom = members.map((m) => m.id);
  const names = new Set(e.aliases);
  const own = foldName(e.name);
  for (const m of members) {
    for (const n of [m.name, ...m.aliases]) if (foldName(n) !== own) names.add(n);
  }
  e.aliases = [...names];
  return e;
}
