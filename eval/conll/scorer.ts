/**
 * Exact-span entity scoring as conlleval does it: a predicted entity counts when its type and
 * both boundaries equal a gold entity's. Chunks are read from tag sequences with conlleval's
 * start/end rules, so IOB1, IOB2 (BIO) and IOBES sequences all work, and an `I-X` after `O` or
 * after another type starts a new entity.
 */

export interface Chunk {
  /** Token index of the first token. */
  start: number;
  /** Token index after the last token (exclusive). */
  end: number;
  type: string;
}

function split(tag: string): [string, string] {
  if (tag === "O" || tag === "") return ["O", ""];
  const dash = tag.indexOf("-");
  if (dash < 0) return [tag, ""];
  return [tag.slice(0, dash), tag.slice(dash + 1)];
}

/** conlleval's endOfChunk. */
function endsChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === "O") return false;
  if (prevTag === "E" || prevTag === "S") return true;
  if (prevTag === "B" || prevTag === "I") {
    if (tag === "B" || tag === "O" || tag === "S") return true;
  }
  return prevType !== type;
}

/** conlleval's startOfChunk. */
function startsChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === "O") return false;
  if (tag === "B" || tag === "S") return true;
  if (prevTag === "E" || prevTag === "S" || prevTag === "O") return true;
  return prevType !== type;
}

/** The entities of one sentence's tag sequence. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let prevTag = "O";
  let prevType = "";
  let open: Chunk | undefined;
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? split(tags[i]) : ["O", ""];
    if (open && endsChunk(prevTag, tag, prevType, type)) {
      open.end = i;
      out.push(open);
      open = undefined;
    }
    if (i < tags.length && startsChunk(prevTag, tag, prevType, type)) {
      open = { start: i, end: i + 1, type };
    }
    prevTag = tag;
    prevType = type;
  }
  return out;
}

export interface TypeScore {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ConllScore {
  overall: TypeScore;
  byType: Record<string, TypeScore>;
  tokens: number;
  /** Token-level tag accuracy (conlleval's "accuracy"), 0–100. */
  accuracy: number;
}

/** Precision, recall and F1 in percent (0 when undefined, as conlleval prints). */
export function prf(gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted > 0 ? (100 * correct) / predicted : 0;
  const recall = gold > 0 ? (100 * correct) / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { gold, predicted, correct, precision, recall, f1 };
}

/**
 * Scores sentences of gold and predicted tags (same lengths). Entities never cross a sentence
 * boundary.
 */
export function scoreConll(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): ConllScore {
  if (gold.length !== predicted.length) {
    throw new Error(`scoreConll: ${gold.length} gold sentences but ${predicted.length} predicted`);
  }
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const count = (type: string) => {
    let c = counts.get(type);
    if (!c) {
      c = { gold: 0, predicted: 0, correct: 0 };
      counts.set(type, c);
    }
    return c;
  };
  let tokens = 0;
  let tokenCorrect = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s];
    const p = predicted[s];
    if (g.length !== p.length) {
      throw new Error(`scoreConll: sentence ${s} has ${g.length} gold tags but ${p.length} predicted`);
    }
    for (let i = 0; i < g.length; i++) {
      tokens++;
      if (g[i] === p[i]) tokenCorrect++;
    }
    const gc = chunks(g);
    const pc = chunks(p);
    const goldKeys = new Set(gc.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of gc) count(c.type).gold++;
    for (const c of pc) {
      const k = count(c.type);
      k.predicted++;
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) k.correct++;
    }
  }
  const byType: Record<string, TypeScore> = {};
  let tg = 0;
  let tp = 0;
  let tc = 0;
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type)!;
    byType[type] = prf(c.gold, c.predicted, c.correct);
    tg += c.gold;
    tp += c.predicted;
    tc += c.correct;
  }
  return {
    overall: prf(tg, tp, tc),
    byType,
    tokens,
    accuracy: tokens > 0 ? (100 * tokenCorrect) / tokens : 0,
  };
}

/** A conlleval-like table: overall line, then one line per type. */
export function formatConllScore(score: ConllScore, title = ""): string {
  const f = (x: number) => x.toFixed(2).padStart(6);
  const o = score.overall;
  const lines: string[] = [];
  if (title) lines.push(title);
  lines.push(
    `processed ${score.tokens} tokens with ${o.gold} phrases; found: ${o.predicted} phrases; correct: ${o.correct}.`,
    `accuracy: ${f(score.accuracy)}%; precision: ${f(o.precision)}%; recall: ${f(o.recall)}%; FB1: ${f(o.f1)}`,
  );
  for (const [type, s] of Object.entries(score.byType)) {
    lines.push(
      `${type.padStart(17)}: precision: ${f(s.precision)}%; recall: ${f(s.recall)}%; FB1: ${f(s.f1)}  ${s.predicted} (gold ${s.gold})`,
    );
  }
  return lines.join("\n");
}

/** Converts a BIO (IOB2) or IOBES sequence to IOB1 (`B-` only right after an entity of the same type). */
export function toIob1(tags: readonly string[]): string[] {
  const out: string[] = new Array(tags.length).fill("O");
  let prevEnd = -1;
  let prevType = "";
  for (const c of chunks(tags)) {
    const touching = c.start === prevEnd && c.type === prevType;
    for (let i = c.start; i < c.end; i++) out[i] = `I-${c.type}`;
    if (touching) out[c.start] = `B-${c.type}`;
    prevEnd = c.end;
    prevType = c.type;
  }
  return out;
}

/** Converts any IOB1/IOB2/IOBES sequence to BIO (IOB2). */
export function toBio(tags: readonly string[]): string[] {
  const out: string[] = new Array(tags.length).fill("O");
  for (const c of chunks(tags)) {
    out[c.start] = `B-${c.type}`;
    for (let i = c.start + 1; i < c.end; i++) out[i] = `I-${c.type}`;
  }
  return out;
}
