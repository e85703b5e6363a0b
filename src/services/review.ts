import { type ReviewState, SitrepError } from "../core/index.js";
import type {
  ProposedItem,
  Review,
  ReviewDecision,
  ReviewItemKey,
  ReviewItemKind,
  Store,
} from "../store/store.js";
import { detachMember, linkAnchor, placeMember } from "./incident-resolver.js";

/**
 * The analyst review workflow (docs/review.md): the queue of machine-made items still
 * `proposed`, decisions (accept, reject, edit with changed fields) and the history of an item.
 * Thin rules over the Store's review methods: which item kinds exist, which fields an edit may
 * change and with what type, and the analyst override an item's edits amount to.
 */

export const REVIEW_KINDS: readonly ReviewItemKind[] = ["event", "claim", "incident_link"];

const KIND_ALIASES: Record<string, ReviewItemKind> = {
  event: "event",
  events: "event",
  claim: "claim",
  claims: "claim",
  incident_link: "incident_link",
  "incident-link": "incident_link",
  link: "incident_link",
  links: "incident_link",
};

type FieldType = "number" | "string" | "string[]" | "reliability" | "credibility";

/** Fields an edit may change, per kind, with the type of the analyst's value. */
export const EDITABLE_FIELDS: Record<ReviewItemKind, Record<string, FieldType>> = {
  event: {
    type: "string",
    subtype: "string",
    label: "string",
    date: "string",
    place: "string",
    country: "string",
    perpetrators: "string[]",
    killed: "number",
    wounded: "number",
    /** Admiralty grades for this report, overriding the source's (docs/grades.md). */
    reliability: "reliability",
    credibility: "credibility",
  },
  claim: {
    subject: "string",
    property: "string",
    value: "string",
    object: "string",
    stance: "string",
    heldBy: "string",
    reliability: "reliability",
    credibility: "credibility",
  },
  incident_link: {
    /** The incident the event belongs to in the analyst's judgement. */
    incidentId: "string",
    /**
     * Set by the service from `incidentId`: the incident's earliest other report, "DOCID EVENTID" —
     * the durable anchor (incident ids follow their earliest member and can change).
     */
    withEvent: "string",
  },
};

/** "event", "claim", "incident_link" (also "link", "incident-link", plurals) → the kind; E_USAGE otherwise. */
export function parseReviewKind(s: string): ReviewItemKind {
  const k = KIND_ALIASES[s.trim().toLowerCase()];
  if (!k) {
    throw new SitrepError("E_USAGE", `unknown review item kind "${s}" (event, claim, incident_link)`, {
      kind: s,
    });
  }
  return k;
}

/** Checks an edit's fields and value types against EDITABLE_FIELDS (E_VALIDATION naming the field). */
export function checkEdit(kind: ReviewItemKind, edit: unknown): Record<string, unknown> {
  if (typeof edit !== "object" || edit === null || Array.isArray(edit) || Object.keys(edit).length === 0) {
    throw new SitrepError(
      "E_VALIDATION",
      'an edit needs the changed fields as a non-empty JSON object, e.g. {"killed": 137}',
      { kind },
    );
  }
  const allowed = EDITABLE_FIELDS[kind];
  for (const [field, value] of Object.entries(edit)) {
    const type = allowed[field];
    if (!type) {
      throw new SitrepError(
        "E_VALIDATION",
        `a ${kind} edit cannot change "${field}" (editable: ${Object.keys(allowed).join(", ")})`,
        { kind, field },
      );
    }
    const ok =
      type === "number"
        ? typeof value === "number" && Number.isFinite(value) && value >= 0
        : type === "string"
          ? typeof value === "string" && value.trim() !== ""
          : type === "reliability"
            ? typeof value === "string" && /^[A-F]$/.test(value)
            : type === "credibility"
              ? typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 6
              : Array.isArray(value) && value.every((v) => typeof v === "string" && v.trim() !== "");
    if (!ok) {
      const want =
        type === "number"
          ? "a non-negative number"
          : type === "string"
            ? "a non-empty string"
            : type === "reliability"
              ? "an Admiralty reliability letter A–F"
              : type === "credibility"
                ? "an Admiralty credibility number 1–6"
                : "a list of strings";
      throw new SitrepError("E_VALIDATION", `"${field}" of a ${kind} edit must be ${want}`, {
        kind,
        field,
        value,
      });
    }
  }
  return edit as Record<string, unknown>;
}

export interface QueueEntry extends ProposedItem {
  /** One line saying what the machine proposed. */
  summary: string;
  /** The evidence text the item rests on. */
  evidence: string[];
}

/** The review queue: proposed events, claims and incident links with their evidence and document. */
export async function reviewQueue(
  store: Store,
  options: { kind?: ReviewItemKind; limit?: number } = {},
): Promise<QueueEntry[]> {
  const items = await store.listProposed({
    ...(options.kind ? { kind: options.kind } : {}),
    limit: options.limit ?? 50,
  });
  return items.map((item) => ({
    ...item,
    summary: summarize(item),
    evidence: (item.claim ?? item.event)?.evidence.map((e) => e.text) ?? [],
  }));
}

function summarize(item: ProposedItem): string {
  if (item.link) {
    const to = item.link.linkedTo;
    const score = item.link.score !== undefined ? ` (score ${item.link.score})` : "";
    return `linked to ${to ? `${to.eventId} of ${to.documentId}` : "nothing"} in ${item.link.incidentId}${score}: ${eventLine(item)}`;
  }
  if (item.claim) {
    const c = item.claim;
    const parts = [`${c.subject} ${c.property} ${c.value}`];
    if (c.stance) parts.push(`stance ${c.stance}`);
    if (c.heldBy) parts.push(`held by ${c.heldBy}`);
    return parts.join("; ");
  }
  return eventLine(item);
}

function eventLine(item: ProposedItem): string {
  const e = item.event;
  if (!e) return item.itemId;
  const parts = [e.subtype ? `${e.type}/${e.subtype}` : e.type];
  if (e.label) parts.push(e.label);
  if (e.date?.value) parts.push(e.date.value);
  if (e.perpetrators?.length) parts.push(`by ${e.perpetrators.join(", ")}`);
  const killed = e.casualties?.killed;
  const n = killed ? figure(killed) : undefined;
  if (n) parts.push(`killed ${n}`);
  return parts.join("; ");
}

function figure(r: { min?: number; max?: number; approx?: boolean }): string | undefined {
  if (r.min === undefined) return r.max === undefined ? undefined : `up to ${r.max}`;
  if (r.max === undefined || r.max === r.min) return `${r.approx ? "~" : ""}${r.min}`;
  return `${r.min}-${r.max}`;
}

export interface DecisionInput extends ReviewItemKey {
  decision: ReviewDecision;
  edit?: unknown;
  analyst: string;
  note?: string;
}

/** Records one decision (edits checked against EDITABLE_FIELDS); E_NOT_FOUND for an unknown item. */
export async function decide(store: Store, input: DecisionInput): Promise<Review> {
  let edit = input.decision === "edited" ? checkEdit(input.itemKind, input.edit) : undefined;
  // Moving a report to another incident: anchor the move on that incident's earliest other report.
  if (edit && input.itemKind === "incident_link") {
    if (typeof edit.incidentId !== "string") {
      throw new SitrepError(
        "E_VALIDATION",
        'an incident_link edit names the incident: {"incidentId": "incident:…"}',
        {
          field: "incidentId",
        },
      );
    }
    const anchor = await linkAnchor(store, edit.incidentId, {
      documentId: input.documentId,
      eventId: input.itemId,
    });
    edit = { incidentId: edit.incidentId, withEvent: `${anchor.documentId} ${anchor.eventId}` };
  }
  if (input.decision !== "edited" && input.edit !== undefined) {
    throw new SitrepError("E_USAGE", `only an edit takes changed fields (--set), not ${input.decision}`, {
      ...keyOf(input),
    });
  }
  const review = await store.recordReview({
    ...keyOf(input),
    decision: input.decision,
    ...(edit ? { edit } : {}),
    analyst: input.analyst,
    ...(input.note ? { note: input.note } : {}),
  });
  // A rejected link takes the report out of its incident at once (and for good: the resolver
  // never links a rejected member again).
  if (input.itemKind === "incident_link" && input.decision === "rejected") {
    await detachMember(store, { documentId: input.documentId, eventId: input.itemId });
  }
  if (input.itemKind === "incident_link" && edit?.withEvent) {
    const [documentId, eventId] = String(edit.withEvent).split(" ");
    await placeMember(
      store,
      { documentId: input.documentId, eventId: input.itemId },
      { documentId, eventId },
    );
  }
  return review;
}

export interface ReviewHistory extends ReviewItemKey {
  /** The item's state now: the latest decision, or `proposed` when there is none. */
  state: ReviewState;
  /** The analyst's values: the fields of every edit merged, later edits winning. */
  overrides: Record<string, unknown>;
  reviews: Review[];
}

/** An item's decisions, oldest first, with its current state and analyst overrides. */
export async function reviewHistory(store: Store, key: ReviewItemKey): Promise<ReviewHistory> {
  const reviews = await store.listReviews({
    itemKind: key.itemKind,
    documentId: key.documentId,
    itemId: key.itemId,
  });
  if (!reviews.length && !(await itemExists(store, key))) {
    throw new SitrepError(
      "E_NOT_FOUND",
      `no ${key.itemKind} ${key.itemId} in document ${key.documentId} is stored or was ever reviewed`,
      { ...keyOf(key) },
    );
  }
  return {
    ...keyOf(key),
    state: reviews.at(-1)?.decision ?? "proposed",
    overrides: overridesOf(reviews),
    reviews,
  };
}

/** The merged fields of every `edited` decision in history order (later values win). */
export function overridesOf(reviews: Review[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of reviews) if (r.decision === "edited" && r.edit) Object.assign(out, r.edit);
  return out;
}

async function itemExists(store: Store, key: ReviewItemKey): Promise<boolean> {
  if (key.itemKind === "event") {
    return (await store.listEvents({ documentId: key.documentId })).some((e) => e.id === key.itemId);
  }
  if (key.itemKind === "claim") {
    return (await store.listClaims({ documentId: key.documentId })).some((c) => c.id === key.itemId);
  }
  return (await store.listIncidentMembers({ documentId: key.documentId })).some(
    (m) => m.eventId === key.itemId,
  );
}

function keyOf(k: ReviewItemKey): ReviewItemKey {
  return { itemKind: k.itemKind, documentId: k.documentId, itemId: k.itemId };
}
