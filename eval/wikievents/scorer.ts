import type { KairosOntology, WeCoref, WeDocument } from "./reader.js";

/**
 * WikiEvents argument scores with gold triggers, following gen-arg's scorer
 * (raspberryice/gen-arg, src/genie/scorer.py):
 * - a predicted argument is (start, end, role) in token offsets; duplicates in one event count once;
 * - a gold argument is its entity mention's span with a leading "the"/"a"/"an" dropped (when the
 *   span is longer than one token); duplicates count once;
 * - Arg-I: a prediction whose span equals a gold argument span of the same event; Arg-C: and the
 *   role is equal too. Each prediction is checked on its own (two roles on one gold span both
 *   count as identified);
 * - with coreference: a prediction that matches no gold span exactly, but whose span is a mention
 *   in the same coreference cluster as a gold argument of the event, counts too (gen-arg keys
 *   clusters by the raw mention spans and looks the gold argument up by its cleaned span; same here);
 * - events whose type is not in the ontology are skipped, gold and predicted (when an ontology is given);
 * - head mode (optional): every span, gold and predicted, is reduced to its head token first
 *   (gen-arg uses spaCy's parser; here a rule: the last word before the first preposition,
 *   relative word or punctuation, see `headToken`).
 */

export interface PredictedArgument {
  role: string;
  /** Token offsets, end exclusive. */
  start: number;
  end: number;
  text?: string;
}

/** doc_id → event mention id → predicted arguments. */
export type WikieventsPredictions = Record<string, Record<string, PredictedArgument[]>>;

export interface ScoreOptions {
  coref?: Map<string, WeCoref>;
  ontology?: KairosOntology;
  /** Reduce spans to head tokens before matching. */
  head?: boolean;
}

export interface Prf {
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface RoleCounts {
  gold: number;
  predicted: number;
  /** Arg-C matches (exact span or coreferent when coref is given). */
  correct: number;
  /** Arg-I matches for predictions of this role. */
  identified: number;
}

export interface WikieventsScores {
  events: number;
  skippedEvents: number;
  gold: number;
  predicted: number;
  argI: Prf;
  argC: Prf;
  /** With coreferent mentions credited (equal to argI/argC without coref data). */
  argICoref: Prf;
  argCCoref: Prf;
  perRole: Record<string, RoleCounts>;
  /** Per event type: gold, predicted, Arg-C (coref) matches. */
  perType: Record<string, RoleCounts>;
}

const ARTICLES = new Set(["the", "an", "a"]);
const HEAD_STOPS = new Set([
  "of",
  "in",
  "on",
  "at",
  "near",
  "from",
  "with",
  "by",
  "for",
  "to",
  "into",
  "under",
  "over",
  "who",
  "which",
  "that",
  "whose",
  "whom",
  "where",
  "when",
  "and",
  "or",
  ",",
  "(",
  ";",
  ":",
  "–",
  "—",
]);
const TRAILING_SKIP = /^(?:['’]s|['’]|[.,;:!?)"“”]+)$/;

/** Head token of [start, end) (end exclusive), by rule: see the module comment. */
export function headToken(tokens: readonly string[], start: number, end: number): number {
  if (end - start <= 1) return start;
  let stop = end;
  for (let i = start + 1; i < end; i++) {
    if (HEAD_STOPS.has(tokens[i].toLowerCase())) {
      stop = i;
      break;
    }
  }
  let h = stop - 1;
  while (h > start && TRAILING_SKIP.test(tokens[h])) h--;
  return h;
}

/** gen-arg's clean_span on an inclusive span: drop a leading article when the span is longer than one token. */
export function cleanSpan(tokens: readonly string[], s: number, eIncl: number): [number, number] {
  if (ARTICLES.has(tokens[s]?.toLowerCase() ?? "") && s !== eIncl) return [s + 1, eIncl];
  return [s, eIncl];
}

function prf(matched: number, predicted: number, gold: number): Prf {
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  return {
    matched,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

function bump(map: Record<string, RoleCounts>, key: string, field: keyof RoleCounts, n = 1): void {
  let c = map[key];
  if (!c) {
    c = { gold: 0, predicted: 0, correct: 0, identified: 0 };
    map[key] = c;
  }
  c[field] += n;
}

/** Scores predictions against the gold documents. */
export function scoreWikievents(
  docs: readonly WeDocument[],
  preds: WikieventsPredictions,
  opts: ScoreOptions = {},
): WikieventsScores {
  let events = 0;
  let skipped = 0;
  let goldN = 0;
  let predN = 0;
  let idn = 0;
  let cls = 0;
  let idnCoref = 0;
  let clsCoref = 0;
  const perRole: Record<string, RoleCounts> = {};
  const perType: Record<string, RoleCounts> = {};

  for (const doc of docs) {
    const toks = doc.tokens;
    const span = (s: number, eIncl: number): [number, number] => {
      if (!opts.head) return [s, eIncl];
      const h = headToken(toks, s, eIncl + 1);
      return [h, h];
    };
    const ents = new Map(doc.entity_mentions.map((e) => [e.id, e]));
    // span key → canonical mention id of its coreference cluster
    const corefOf = new Map<string, string>();
    const clusters = opts.coref?.get(doc.doc_id)?.clusters ?? [];
    for (const cluster of clusters) {
      const canonical = cluster[0];
      for (const id of cluster) {
        const m = ents.get(id);
        if (!m) continue;
        const [s, e] = span(m.start, m.end - 1);
        corefOf.set(`${s}:${e}`, canonical);
      }
    }
    const docPreds = preds[doc.doc_id] ?? {};
    for (const ev of doc.event_mentions) {
      const type = ev.event_type;
      if (opts.ontology && !(type in opts.ontology)) {
        skipped++;
        continue;
      }
      events++;
      const gold = new Map<string, { s: number; e: number; role: string }>();
      const goldCanonical = new Set<string>();
      for (const a of ev.arguments) {
        const m = ents.get(a.entity_id);
        if (!m) continue;
        const [cs, ce] = cleanSpan(toks, m.start, m.end - 1);
        const [s, e] = span(cs, ce);
        const key = `${s}:${e}:${a.role}`;
        if (!gold.has(key)) gold.set(key, { s, e, role: a.role });
        const canonical = corefOf.get(`${s}:${e}`);
        if (opts.coref && canonical) goldCanonical.add(`${canonical}:${a.role}`);
      }
      const predicted = new Map<string, { s: number; e: number; role: string }>();
      for (const p of docPreds[ev.id] ?? []) {
        if (p.end <= p.start) continue;
        const [s, e] = span(p.start, p.end - 1);
        const key = `${s}:${e}:${p.role}`;
        if (!predicted.has(key)) predicted.set(key, { s, e, role: p.role });
      }
      goldN += gold.size;
      predN += predicted.size;
      for (const g of gold.values()) {
        bump(perRole, g.role, "gold");
        bump(perType, type, "gold");
      }
      for (const p of predicted.values()) {
        bump(perRole, p.role, "predicted");
        bump(perType, type, "predicted");
        const same = [...gold.values()].filter((g) => g.s === p.s && g.e === p.e);
        if (same.length) {
          idn++;
          bump(perRole, p.role, "identified");
          if (same.some((g) => g.role === p.role)) {
            cls++;
            bump(perRole, p.role, "correct");
            bump(perType, type, "correct");
          }
        } else if (opts.coref) {
          const canonical = corefOf.get(`${p.s}:${p.e}`);
          if (canonical) {
            const roles = [...goldCanonical].filter((k) => k.startsWith(`${canonical}:`));
            if (roles.length) {
              idnCoref++;
              bump(perRole, p.role, "identified");
              if (roles.includes(`${canonical}:${p.role}`)) {
                clsCoref++;
                bump(perRole, p.role, "correct");
                bump(perType, type, "correct");
              }
            }
          }
        }
      }
    }
  }
  return {
    events,
    skippedEvents: skipped,
    gold: goldN,
    predicted: predN,
    argI: prf(idn, predN, goldN),
    argC: prf(cls, predN, goldN),
    argICoref: prf(idn + idnCoref, predN, goldN),
    argCCoref: prf(cls + clsCoref, predN, goldN),
    perRole,
    perType,
  };
}
