import { SitrepError } from "../core/index.js";
import type { Row } from "./rows.js";
import type { ProposedItem, Review, ReviewInput, ReviewItemKind } from "./store.js";

/**
 * Review statements, validation and row mapping shared by adapters (docs/review.md), so both
 * dialects accept and refuse the same decisions with the same codes and messages.
 */

export const REVIEW_TABLES: Record<ReviewItemKind, { table: string; id: string; label: string }> = {
  event: { table: "events", id: "id", label: "event" },
  claim: { table: "claims", id: "id", label: "claim" },
  incident_link: { table: "incident_events", id: "event_id", label: "incident link of event" },
};

/** The latest decision on one item: parameters item kind, document id, item id. */
export const LATEST_DECISION = `SELECT r.decision FROM reviews r WHERE r.item_kind = ? AND r.document_id = ? AND r.item_id = ?
  ORDER BY r.id DESC LIMIT 1`;

/** Sets the review state of a document's events or claims that have a review history to their latest decision. */
export function restoreReviewSql(kind: "event" | "claim"): string {
  const t = REVIEW_TABLES[kind].table;
  const match = `r.item_kind = '${kind}' AND r.document_id = ${t}.document_id AND r.item_id = ${t}.id`;
  return `UPDATE ${t} SET review_state = (SELECT r.decision FROM reviews r WHERE ${match} ORDER BY r.id DESC LIMIT 1)
    WHERE document_id = ? AND EXISTS (SELECT 1 FROM reviews r WHERE ${match})`;
}

const ITEM_KINDS = new Set<string>(Object.keys(REVIEW_TABLES));
const DECISIONS = new Set<string>(["accepted", "rejected", "edited"]);

export function itemKeyOf(k: ReviewInput | Review): Pick<Review, "itemKind" | "documentId" | "itemId"> {
  return { itemKind: k.itemKind, documentId: k.documentId, itemId: k.itemId };
}

export function itemName(k: ReviewInput): string {
  const label = REVIEW_TABLES[k.itemKind]?.label ?? k.itemKind;
  return `${label} ${k.itemId} in document ${k.documentId}`;
}

export function checkReviewInput(input: ReviewInput): void {
  const bad = (msg: string): never => {
    throw new SitrepError("E_VALIDATION", msg, {
      itemKind: input.itemKind,
      documentId: input.documentId,
      itemId: input.itemId,
    });
  };
  if (!ITEM_KINDS.has(input.itemKind))
    bad(`unknown review item kind "${input.itemKind}" (event, claim, incident_link)`);
  if (!DECISIONS.has(input.decision))
    bad(`unknown review decision "${input.decision}" (accepted, rejected, edited)`);
  if (!input.documentId || !input.itemId) bad("a review needs a document id and an item id");
  if (!input.analyst?.trim()) bad("a review needs the analyst's name");
  const isObject = typeof input.edit === "object" && input.edit !== null && !Array.isArray(input.edit);
  if (input.decision === "edited") {
    if (!isObject || Object.keys(input.edit ?? {}).length === 0) {
      bad('an edit needs the changed fields as a non-empty object, e.g. {"killed": 137}');
    }
  } else if (input.edit !== undefined) {
    bad(`only an edit carries changed fields, not a decision "${input.decision}"`);
  }
}

export function rowToReview(r: Row): Review {
  const out: Review = {
    id: Number(r.id),
    itemKind: r.item_kind as ReviewItemKind,
    documentId: String(r.document_id),
    itemId: String(r.item_id),
    decision: r.decision as Review["decision"],
    previousState: r.previous_state as Review["previousState"],
    analyst: String(r.analyst),
    createdAt: String(r.created_at),
  };
  if (r.edit !== null && r.edit !== undefined)
    out.edit = JSON.parse(String(r.edit)) as Record<string, unknown>;
  if (r.note !== null && r.note !== undefined) out.note = String(r.note);
  return out;
}

export function proposedHead(
  itemKind: ReviewItemKind,
  documentId: string,
  itemId: string,
  p: { documentTitle?: string; published?: string; source?: string },
): ProposedItem {
  const out: ProposedItem = { itemKind, documentId, itemId };
  if (p.documentTitle !== undefined) out.documentTitle = p.documentTitle;
  if (p.published !== undefined) out.published = p.published;
  if (p.source !== undefined) out.source = p.source;
  return out;
}
