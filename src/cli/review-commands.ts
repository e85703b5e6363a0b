import { userInfo } from "node:os";
import { SitrepError } from "../core/index.js";
import { decide, parseReviewKind, type QueueEntry, reviewHistory, reviewQueue } from "../services/review.js";
import type { Review, ReviewDecision, ReviewItemKey, Store } from "../store/store.js";
import { clip } from "./table.js";

/**
 * `sitrep review` and its subcommands (docs/review.md), a thin layer over src/services/review.ts:
 *
 *   sitrep review [KIND]                                   the queue of proposed items
 *   sitrep review accept  KIND DOCID ITEMID [--note T]     accept the machine's item
 *   sitrep review reject  KIND DOCID ITEMID [--note T]     reject it
 *   sitrep review edit    KIND DOCID ITEMID --set JSON     correct fields, e.g. --set '{"killed": 137}'
 *   sitrep review history KIND DOCID ITEMID                every decision on the item, oldest first
 *
 * KIND is event, claim or incident_link (for a link, ITEMID is the linked member's event id).
 * The analyst is `--analyst`, else $SITREP_ANALYST, else the login name.
 */

export interface ReviewCommandOptions {
  json?: boolean;
  analyst?: string;
  note?: string;
  /** For `edit`: the changed fields as a JSON object. */
  set?: string;
  /** Queue length (default 50). */
  limit?: number;
}

const DECISIONS: Record<string, ReviewDecision> = { accept: "accepted", reject: "rejected", edit: "edited" };

export async function reviewCommand(
  store: Store,
  args: string[],
  opts: ReviewCommandOptions = {},
): Promise<{ human: string; data: unknown }> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "queue" || isKind(sub)) {
    const kindArg = sub === "queue" ? rest[0] : sub;
    const kind = kindArg !== undefined ? parseReviewKind(kindArg) : undefined;
    const queue = await reviewQueue(store, {
      ...(kind ? { kind } : {}),
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    });
    // Machine-proposed actor merges are reviewed too (sitrep merges accept|reject ID).
    const merges = kind ? [] : await store.listEntityMerges({ status: "active", reviewState: "proposed" });
    const names = new Map<string, string>();
    for (const m of merges) {
      for (const id of [m.from, m.into]) names.set(id, (await store.getEntity(id))?.name ?? id);
    }
    let human = renderQueue(queue);
    if (merges.length) {
      human += `\n\n${merges.length} proposed actor merge(s) (sitrep merges accept|reject MERGE_ID):`;
      for (const m of merges) {
        human += `\nmerge ${m.id}: ${names.get(m.from)} → ${names.get(m.into)} — ${clip(m.reason, 120)}`;
      }
    }
    return { human, data: { items: queue, merges } };
  }
  const decision = DECISIONS[sub];
  if (decision) {
    const key = itemKey(sub, rest);
    if (decision === "edited" && opts.set === undefined) {
      throw new SitrepError("E_USAGE", `review edit needs the changed fields: --set '{"killed": 137}'`);
    }
    if (decision !== "edited" && opts.set !== undefined) {
      throw new SitrepError("E_USAGE", `--set goes with review edit, not review ${sub}`);
    }
    const review = await decide(store, {
      ...key,
      decision,
      ...(opts.set !== undefined ? { edit: parseSet(opts.set) } : {}),
      analyst: analystName(opts.analyst),
      ...(opts.note ? { note: opts.note } : {}),
    });
    return { human: `${verb(decision)} ${describe(key)}\n${renderReview(review)}`, data: review };
  }
  if (sub === "history") {
    const h = await reviewHistory(store, itemKey(sub, rest));
    const lines = [`${describe(h)}: ${h.state}`];
    if (Object.keys(h.overrides).length) lines.push(`analyst values: ${JSON.stringify(h.overrides)}`);
    lines.push(h.reviews.length ? h.reviews.map(renderReview).join("\n") : "no decisions yet");
    return { human: lines.join("\n"), data: h };
  }
  throw new SitrepError(
    "E_USAGE",
    `unknown review subcommand "${sub}" (accept, reject, edit, history, or a KIND for the queue)`,
    { subcommand: sub },
  );
}

function isKind(s: string): boolean {
  try {
    parseReviewKind(s);
    return true;
  } catch {
    return false;
  }
}

function itemKey(sub: string, rest: string[]): ReviewItemKey {
  const [kind, documentId, itemId, ...extra] = rest;
  if (kind === undefined || documentId === undefined || itemId === undefined || extra.length) {
    throw new SitrepError("E_USAGE", `review ${sub} needs KIND DOCID ITEMID (see sitrep review)`, {
      args: rest,
    });
  }
  return { itemKind: parseReviewKind(kind), documentId, itemId };
}

function parseSet(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new SitrepError(
      "E_USAGE",
      `--set must be a JSON object such as '{"killed": 137}': ${(e as Error).message}`,
      { set: s },
    );
  }
}

/** --analyst, else $SITREP_ANALYST, else the login name, else "analyst". */
export function analystName(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag?.trim() || env.SITREP_ANALYST?.trim();
  if (given) return given;
  try {
    return userInfo().username || "analyst";
  } catch {
    return "analyst";
  }
}

function verb(d: ReviewDecision): string {
  return d === "accepted" ? "Accepted" : d === "rejected" ? "Rejected" : "Edited";
}

function describe(k: ReviewItemKey): string {
  return `${k.itemKind} ${k.itemId} of ${k.documentId}`;
}

function renderReview(r: Review): string {
  const parts = [`  #${r.id} ${r.createdAt} ${r.analyst}: ${r.previousState} → ${r.decision}`];
  if (r.edit) parts.push(` ${JSON.stringify(r.edit)}`);
  if (r.note) parts.push(` — ${r.note}`);
  return parts.join("");
}

function renderQueue(queue: QueueEntry[]): string {
  if (!queue.length) return "Nothing to review: no proposed items.";
  const lines = [`${queue.length} proposed item(s) (sitrep review accept|reject|edit KIND DOCID ITEMID)`];
  for (const q of queue) {
    const doc = [q.documentTitle ?? q.documentId, q.published].filter(Boolean).join(", ");
    lines.push(`${q.itemKind} ${q.documentId} ${q.itemId}`);
    lines.push(`    ${clip(q.summary, 160)}`);
    lines.push(`    in: ${clip(doc, 120)}`);
    for (const e of q.evidence) lines.push(`    "${clip(e, 150)}"`);
    if (q.link?.reasons.length) lines.push(`    reasons: ${clip(q.link.reasons.join("; "), 150)}`);
  }
  return lines.join("\n");
}
