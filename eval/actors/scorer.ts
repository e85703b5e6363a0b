/** How one alias of a listed entity resolved. */
export type AliasOutcome = "own" | "parent" | "child" | "sibling" | "other" | "unresolved";

export interface AliasCase {
  /** The listed entity the alias belongs to (our actor id). */
  expected: string;
  alias: string;
  /** What the gazetteer resolved the alias to, if anything. */
  resolved?: string;
}

export interface ActorResolutionScore {
  aliases: number;
  resolved: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  outcomes: Record<AliasOutcome, number>;
  /** Aliases that resolved to the parent, a child or a sibling — the errors the issue forbids. */
  familyErrors: AliasCase[];
}

/**
 * Actor resolution against a list's alias sets: every alias of an entity must resolve to that
 * entity, never to its parent, a child or a sibling. Precision = correct / resolved, recall =
 * correct / aliases (an alias the gazetteer does not know counts against recall only).
 */
export function scoreActorResolution(
  cases: readonly AliasCase[],
  parentOf: (id: string) => string | undefined,
): ActorResolutionScore {
  const outcomes: Record<AliasOutcome, number> = {
    own: 0,
    parent: 0,
    child: 0,
    sibling: 0,
    other: 0,
    unresolved: 0,
  };
  const familyErrors: AliasCase[] = [];
  for (const c of cases) {
    const o = outcomeOf(c, parentOf);
    outcomes[o]++;
    if (o === "parent" || o === "child" || o === "sibling") familyErrors.push(c);
  }
  const resolved = cases.length - outcomes.unresolved;
  const correct = outcomes.own;
  const precision = resolved ? correct / resolved : 0;
  const recall = cases.length ? correct / cases.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { aliases: cases.length, resolved, correct, precision, recall, f1, outcomes, familyErrors };
}

function outcomeOf(c: AliasCase, parentOf: (id: string) => string | undefined): AliasOutcome {
  if (!c.resolved) return "unresolved";
  if (c.resolved === c.expected) return "own";
  const pe = parentOf(c.expected);
  const pr = parentOf(c.resolved);
  if (pe === c.resolved) return "parent";
  if (pr === c.expected) return "child";
  if (pe && pe === pr) return "sibling";
  return "other";
}
