import type { Claim, Entity, EntityKind, Event, Geo } from "../core/index.js";

/** One token of the normalised text. `shape` is a wink-style shape class; `lower` is cached. */
export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Universal POS tag when a tagger ran; absent otherwise. */
  pos?: string;
  /** Index of the sentence holding the token. */
  sent: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

/** A span the text says about some entity; `entity` is the resolved id. */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  kind: EntityKind;
  entity: string;
  /** Name of the component that proposed it (for provenance and precedence). */
  by: string;
  /** Adjectival uses ("Russian charter jet"): the entity is meant, but as a modifier. */
  demonym?: boolean;
}

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** ISO value when resolved: YYYY, YYYY-MM or YYYY-MM-DD. */
  value?: string;
  precision: "day" | "month" | "year" | "decade" | "unknown";
  relative: boolean;
  resolved: boolean;
}

export interface Quantity {
  start: number;
  end: number;
  text: string;
  min?: number;
  max?: number;
  /** exact | about | at-least | at-most | more-than | up-to | range */
  approx: string;
  /** Noun the number counts, lower-cased singular: "fighter", "killed", "people". */
  unit?: string;
}

/** A named-entity span proposed by a statistical tagger. */
export interface NerSpanLayer {
  start: number;
  end: number;
  text: string;
  type: "PER" | "ORG" | "LOC" | "MISC";
  tokenStart: number;
  tokenEnd: number;
}

/** Static description of an entity a component knows (gazetteer record). */
export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  parent?: string;
  parentRelation?: string;
  countries?: string[];
  geo?: Geo;
  externalIds?: Record<string, string>;
}

export interface DocMeta {
  id: string;
  title?: string;
  published?: string;
  source?: string;
  path?: string;
}

/**
 * The document that flows through the pipeline: normalised text plus stand-off annotation
 * layers, each filled by the component that declares it in `assigns`.
 */
export class AnalysisDoc {
  readonly text: string;
  readonly meta: DocMeta;
  tokens: Token[] = [];
  sentences: Sentence[] = [];
  mentions: EntityMention[] = [];
  dates: DateMention[] = [];
  quantities: Quantity[] = [];
  /** Statistical named-entity spans (PER, ORG, LOC, MISC) from the NER tagger, before resolution. */
  ner: NerSpanLayer[] = [];
  events: Event[] = [];
  claims: Claim[] = [];
  /** Entity records referenced by mentions, events and claims, by id. */
  entities = new Map<string, EntityRecord>();
  /** Per-component warnings (component name → messages). */
  warnings: { component: string; message: string }[] = [];

  constructor(text: string, meta: DocMeta) {
    this.text = text;
    this.meta = meta;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** Index of the sentence containing character offset `pos`, or -1. */
  sentenceAt(pos: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid];
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  addEntity(record: EntityRecord): void {
    if (!this.entities.has(record.id)) this.entities.set(record.id, record);
  }

  /** Mentions sorted by start, for the given sentence index (or all). */
  mentionsIn(start: number, end: number): EntityMention[] {
    return this.mentions.filter((m) => m.start >= start && m.end <= end);
  }

  /** Builds the public Entity list with their mentions. */
  entityList(): Entity[] {
    const byId = new Map<string, Entity>();
    for (const m of [...this.mentions].sort((a, b) => a.start - b.start)) {
      const rec = this.entities.get(m.entity);
      if (!rec) continue;
      let e = byId.get(rec.id);
      if (!e) {
        e = {
          id: rec.id,
          kind: rec.kind,
          name: rec.name,
          aliases: rec.aliases,
          ...(rec.parent ? { parent: rec.parent } : {}),
          ...(rec.parentRelation ? { parentRelation: rec.parentRelation } : {}),
          ...(rec.countries ? { countries: rec.countries } : {}),
          ...(rec.geo ? { geo: rec.geo } : {}),
          ...(rec.externalIds ? { externalIds: rec.externalIds } : {}),
          mentions: [],
        };
        byId.set(rec.id, e);
      }
      e.mentions.push({ start: m.start, end: m.end, text: m.text });
    }
    // Entities referenced by events/claims without a mention of their own (e.g. a parent group).
    const referenced = new Set<string>();
    for (const ev of this.events) {
      for (const p of ev.perpetrators) referenced.add(p);
      if (ev.place) referenced.add(ev.place);
      if (ev.attribution?.by) referenced.add(ev.attribution.by);
      for (const d of ev.attribution?.disputedBy ?? []) referenced.add(d);
      for (const t of ev.targets) if (t.entity) referenced.add(t.entity);
    }
    for (const c of this.claims) {
      referenced.add(c.subject);
      if (c.object) referenced.add(c.object);
      if (c.heldBy) referenced.add(c.heldBy);
    }
    for (const id of [...byId.values()].map((e) => e.parent).filter(Boolean) as string[]) referenced.add(id);
    for (const id of referenced) {
      if (byId.has(id)) continue;
      const rec = this.entities.get(id);
      if (!rec) continue;
      byId.set(id, {
        id: rec.id,
        kind: rec.kind,
        name: rec.name,
        aliases: rec.aliases,
        ...(rec.parent ? { parent: rec.parent } : {}),
        ...(rec.geo ? { geo: rec.geo } : {}),
        ...(rec.countries ? { countries: rec.countries } : {}),
        mentions: [],
      });
    }
    return [...byId.values()];
  }
}
