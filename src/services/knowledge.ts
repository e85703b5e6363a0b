import {
  credibilityToConfidence,
  type InformationCredibility,
  type ReviewState,
  SitrepError,
  type SourceReliability,
} from "../core/index.js";
import type {
  ListClaimsOptions,
  ListEventsOptions,
  Review,
  ReviewItemKind,
  Store,
  StoredClaim,
  StoredEvent,
} from "../store/store.js";
import { overridesOf } from "./review.js";

/**
 * What the store knows, as analysts have reviewed and graded it (docs/review.md, docs/grades.md).
 * Every analysis view reads events and claims through this layer so they agree on three rules:
 *
 * - **Review**: items an analyst rejected are left out; an analyst's edits replace the machine's
 *   values (the fields changed are listed in `edited`); the machine's value stays in the store.
 * - **As of**: with `asOf`, only documents published on or before that day count (documents
 *   without a publication date count from the day they were stored), and only decisions
 *   recorded on or before it apply — the picture an analyst had then.
 * - **Grades** (Admiralty): source reliability from the source's current grade (`sitrep sources
 *   grade`), F when ungraded; information credibility 6 ("cannot be judged") unless another
 *   independent source reports the same (2, "probably true") or an analyst set it. An analyst's
 *   per-item `reliability` / `credibility` edit overrides both. STIX confidence follows from the
 *   credibility (1→90 … 5→10, 6 none).
 */

export interface Grade {
  reliability: SourceReliability;
  credibility: InformationCredibility;
  /** "B2". */
  code: string;
  /** STIX 2.1 confidence for the credibility; absent for 6. */
  confidence?: number;
  /** Why these grades, e.g. ["source Example Wire graded B", "also reported by 2 other sources"]. */
  basis: string[];
}

export type Reviewed<T> = T & {
  grade: Grade;
  /** Fields an analyst changed (their values are already in the item). */
  edited?: string[];
};

export interface KnowledgeOptions {
  /** YYYY-MM-DD: what was known at the end of that day. */
  asOf?: string;
}

const CREDIBILITY_WORDS: Record<number, string> = {
  1: "confirmed by other sources",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};

export function makeGrade(
  reliability: SourceReliability,
  credibility: InformationCredibility,
  basis: string[],
): Grade {
  const g: Grade = { reliability, credibility, code: `${reliability}${credibility}`, basis };
  const c = credibilityToConfidence(credibility);
  if (c !== undefined) g.confidence = c;
  return g;
}

/** How many items rest on each grade, best grades first: { "B2": 3, "F6": 1 }. */
export function gradeSummary(items: { grade: Grade }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.grade.code, (counts.get(i.grade.code) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Orders reliability letters, A best. */
export function reliabilityRank(r: SourceReliability): number {
  return "ABCDEF".indexOf(r);
}

export function credibilityWords(c: InformationCredibility): string {
  return CREDIBILITY_WORDS[c] ?? String(c);
}

function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(asOf)) {
    throw new SitrepError("E_USAGE", `--as-of must be a date such as 2024-03-31 (got "${asOf}")`, {
      field: "asOf",
      value: asOf,
    });
  }
  // A year or month means its last day.
  if (asOf.length === 4) return `${asOf}-12-31`;
  if (asOf.length === 7) return `${asOf}-31`;
  return asOf;
}

const key = (kind: ReviewItemKind, documentId: string, itemId: string) =>
  `${kind}\u0000${documentId}\u0000${itemId}`;

export class Knowledge {
  readonly store: Store;
  readonly asOf: string | undefined;
  private readonly reviews = new Map<string, Review[]>();
  private readonly grades = new Map<string, SourceReliability>();

  private constructor(store: Store, asOf: string | undefined) {
    this.store = store;
    this.asOf = asOf;
  }

  /** Loads the review history and source grades once for one view. */
  static async open(store: Store, options: KnowledgeOptions = {}): Promise<Knowledge> {
    const k = new Knowledge(store, checkAsOf(options.asOf));
    for (const r of await store.listReviews()) {
      if (k.asOf && r.createdAt.slice(0, 10) > k.asOf) continue;
      const id = key(r.itemKind, r.documentId, r.itemId);
      const list = k.reviews.get(id);
      if (list) list.push(r);
      else k.reviews.set(id, [r]);
    }
    for (const s of await store.listSources()) if (s.reliability) k.grades.set(s.name, s.reliability);
    return k;
  }

  /**
   * Whether a document was known as of the view's date: published by then, or — without a
   * publication date — stored by then.
   */
  known(published: string | undefined, ingestedAt?: string): boolean {
    const when = published ?? ingestedAt;
    return !this.asOf || !when || when.slice(0, 10) <= this.asOf;
  }

  /** An item's review state as of the view's date. */
  stateOf(kind: ReviewItemKind, documentId: string, itemId: string, stored: ReviewState): ReviewState {
    if (!this.asOf) return stored;
    return this.reviews.get(key(kind, documentId, itemId))?.at(-1)?.decision ?? "proposed";
  }

  /** The analyst's values for an item: every edit's fields, later edits winning. */
  overrides(kind: ReviewItemKind, documentId: string, itemId: string): Record<string, unknown> {
    return overridesOf(this.reviews.get(key(kind, documentId, itemId)) ?? []);
  }

  /** The analyst who made the latest edit of an item, if any. */
  editor(kind: ReviewItemKind, documentId: string, itemId: string): string | undefined {
    return (this.reviews.get(key(kind, documentId, itemId)) ?? [])
      .filter((r) => r.decision === "edited")
      .at(-1)?.analyst;
  }

  sourceReliability(source: string | undefined): SourceReliability {
    return (source && this.grades.get(source)) || "F";
  }

  /**
   * Grade of one item: its source's reliability and, unless an analyst set them, credibility 2
   * when `corroboratedBy` other independent sources report it, else 6.
   */
  grade(
    kind: ReviewItemKind,
    item: { documentId: string; id: string; source?: string },
    corroboratedBy = 0,
  ): Grade {
    const o = this.overrides(kind, item.documentId, item.id);
    const basis: string[] = [];
    let reliability = this.sourceReliability(item.source);
    if (typeof o.reliability === "string") {
      reliability = o.reliability as SourceReliability;
      basis.push("reliability set by an analyst");
    } else {
      basis.push(
        item.source && this.grades.has(item.source)
          ? `source ${item.source} graded ${reliability}`
          : `source ${item.source ?? "unnamed"} not graded (F)`,
      );
    }
    let credibility: InformationCredibility = corroboratedBy > 0 ? 2 : 6;
    if (typeof o.credibility === "number") {
      credibility = o.credibility as InformationCredibility;
      basis.push("credibility set by an analyst");
    } else if (corroboratedBy > 0) {
      basis.push(`also reported by ${corroboratedBy} other source${corroboratedBy === 1 ? "" : "s"}`);
    } else basis.push("single source");
    return makeGrade(reliability, credibility, basis);
  }

  /**
   * Events as reviewed and known: rejected ones and those from documents published after the
   * view's date left out, analyst edits applied, each graded (corroborated when another source's
   * report is in the same incident).
   */
  async events(options: ListEventsOptions = {}): Promise<Reviewed<StoredEvent>[]> {
    const kept = (await this.store.listEvents(options)).filter(
      (ev) =>
        this.known(ev.published, ev.ingestedAt) &&
        this.stateOf("event", ev.documentId, ev.id, ev.reviewState) !== "rejected",
    );
    const corroboration = await this.eventCorroboration(kept);
    return kept.flatMap(
      (ev) => this.reviewEvent(ev, corroboration.get(`${ev.documentId}\u0000${ev.id}`) ?? 0) ?? [],
    );
  }

  /**
   * One stored event as reviewed and known (undefined when rejected or not yet published as of
   * the view's date), graded with `corroboratedBy` other sources.
   */
  reviewEvent(ev: StoredEvent, corroboratedBy = 0): Reviewed<StoredEvent> | undefined {
    if (!this.known(ev.published, ev.ingestedAt)) return undefined;
    const state = this.stateOf("event", ev.documentId, ev.id, ev.reviewState);
    if (state === "rejected") return undefined;
    const edited = applyEventEdit(
      { ...ev, reviewState: state },
      this.overrides("event", ev.documentId, ev.id),
    );
    const r: Reviewed<StoredEvent> = { ...edited.event, grade: this.grade("event", ev, corroboratedBy) };
    if (edited.fields.length) r.edited = edited.fields;
    return r;
  }

  /** Claims as reviewed and known, graded (corroborated when another source makes the same claim). */
  async claims(options: ListClaimsOptions = {}): Promise<Reviewed<StoredClaim>[]> {
    const stored = await this.store.listClaims(options);
    const kept: { claim: StoredClaim; fields: string[] }[] = [];
    for (const c of stored) {
      if (!this.known(c.published, c.ingestedAt)) continue;
      const state = this.stateOf("claim", c.documentId, c.id, c.reviewState);
      if (state === "rejected") continue;
      const edited = applyClaimEdit(
        { ...c, reviewState: state },
        this.overrides("claim", c.documentId, c.id),
      );
      kept.push({ claim: edited.claim, fields: edited.fields });
    }
    // Sources per (subject, property, value, stance): a claim is corroborated by the others.
    const sources = new Map<string, Set<string>>();
    const claimKey = (c: StoredClaim) =>
      `${c.subject}|${c.property}|${c.object ?? c.value}|${c.stance ?? ""}`;
    for (const { claim } of kept) {
      const k = claimKey(claim);
      const set = sources.get(k) ?? new Set<string>();
      sources.set(k, set);
      set.add(claim.source ?? claim.documentId);
    }
    return kept.map(({ claim, fields }) => {
      const others = [...(sources.get(claimKey(claim)) ?? [])].filter(
        (s) => s !== (claim.source ?? claim.documentId),
      ).length;
      const r: Reviewed<StoredClaim> = { ...claim, grade: this.grade("claim", claim, others) };
      if (fields.length) r.edited = fields;
      return r;
    });
  }

  /** For each event: how many other sources report an event of the same incident. */
  private async eventCorroboration(events: StoredEvent[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const incidentOf = new Map<string, string>();
    for (const documentId of [...new Set(events.map((e) => e.documentId))]) {
      for (const m of await this.store.listIncidentMembers({ documentId })) {
        if (m.linkedTo || m.score !== undefined)
          incidentOf.set(`${m.documentId}\u0000${m.eventId}`, m.incidentId);
      }
    }
    const sourcesOf = new Map<string, Map<string, string>>();
    for (const ev of events) {
      const incidentId = incidentOf.get(`${ev.documentId}\u0000${ev.id}`);
      if (!incidentId) continue;
      let sources = sourcesOf.get(incidentId);
      if (!sources) {
        sources = new Map();
        const detail = await this.store.getIncident(incidentId);
        for (const m of detail?.members ?? []) {
          if (!this.known(m.event.published, m.event.ingestedAt)) continue;
          if (this.stateOf("incident_link", m.documentId, m.eventId, m.reviewState) === "rejected") continue;
          sources.set(m.documentId, m.event.source ?? m.documentId);
        }
        sourcesOf.set(incidentId, sources);
      }
      const mine = ev.source ?? ev.documentId;
      out.set(
        `${ev.documentId}\u0000${ev.id}`,
        new Set([...sources.values()].filter((s) => s !== mine)).size,
      );
    }
    return out;
  }
}

/** Edit fields that change an item's grade, not its content. */
const GRADE_FIELDS = new Set(["reliability", "credibility"]);

/** The fields of an edit that change an item's content. */
function contentFields(edit: Record<string, unknown>): string[] {
  return Object.keys(edit).filter((f) => !GRADE_FIELDS.has(f));
}

const DATE_PRECISION: Record<number, "year" | "month" | "day"> = { 4: "year", 7: "month", 10: "day" };

/** An event with an analyst's edit applied, and the fields that changed. */
export function applyEventEdit(
  ev: StoredEvent,
  edit: Record<string, unknown>,
): { event: StoredEvent; fields: string[] } {
  const fields = contentFields(edit);
  if (!fields.length) return { event: ev, fields };
  const out: StoredEvent = { ...ev };
  for (const f of fields) {
    const v = edit[f];
    switch (f) {
      case "type":
        out.type = v as StoredEvent["type"];
        break;
      case "subtype":
      case "label":
      case "place":
      case "country":
        (out as unknown as Record<string, unknown>)[f] = v;
        break;
      case "perpetrators":
        out.perpetrators = v as string[];
        break;
      case "date": {
        const value = String(v);
        out.date = {
          value,
          precision: DATE_PRECISION[value.length] ?? "unknown",
          text: value,
          resolved: true,
        };
        break;
      }
      case "killed":
      case "wounded":
        out.casualties = { ...out.casualties, [f]: { min: v as number, max: v as number } };
        break;
    }
  }
  return { event: out, fields };
}

/** A claim with an analyst's edit applied, and the fields that changed. */
export function applyClaimEdit(
  c: StoredClaim,
  edit: Record<string, unknown>,
): { claim: StoredClaim; fields: string[] } {
  const fields = contentFields(edit);
  if (!fields.length) return { claim: c, fields };
  const out: StoredClaim = { ...c };
  for (const f of fields) (out as unknown as Record<string, unknown>)[f] = edit[f];
  return { claim: out, fields };
}
