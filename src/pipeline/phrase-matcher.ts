import type { Token } from "./doc.js";
import { foldKey } from "./normalize.js";

/** How a phrase must match the text's case. */
export type CaseRule =
  /** Any case: "isis-k", "ISIS-K", "Isis-K". */
  | "insensitive"
  /** Exactly as written in the pattern ("IS", "Hamas"), except in an all-upper-case document. */
  | "exact"
  /** Every word capitalised or upper case in the text ("Taliban", not "taliban" in running text is still allowed by "insensitive"). */
  | "capitalised";

export interface Phrase<P> {
  /** Tokens of the pattern, as produced by the same tokenizer that tokenises documents. */
  tokens: string[];
  payload: P;
  caseRule?: CaseRule;
}

export interface PhraseMatch<P> {
  /** Token index range [start, end). */
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  payloads: P[];
}

interface Node<P> {
  next: Map<string, Node<P>>;
  entries: { payload: P; caseRule: CaseRule; tokens: string[] }[];
}

/** Tokens ignored inside phrases on both sides, so "ISIS-K" matches "ISIS K" and "ISIS–K". */
const SKIPPABLE = new Set(["-", "–", "—", "."]);

function keyOf(tok: string): string {
  return foldKey(tok);
}

function isCapitalised(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() || !/[a-z]/i.test(c);
}

/**
 * A token trie for dictionary look-up (spaCy's PhraseMatcher): finds the longest phrase starting
 * at each token, left to right, without overlaps. Look-up keys are folded (case, diacritics,
 * apostrophes); case rules are checked against the original token text afterwards.
 */
export class PhraseMatcher<P> {
  private readonly root: Node<P> = { next: new Map(), entries: [] };
  size = 0;

  add(phrase: Phrase<P>): void {
    const keys = phrase.tokens.map(keyOf).filter((k) => !SKIPPABLE.has(k));
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) {
        n = { next: new Map(), entries: [] };
        node.next.set(k, n);
      }
      node = n;
    }
    node.entries.push({
      payload: phrase.payload,
      caseRule: phrase.caseRule ?? "insensitive",
      tokens: phrase.tokens,
    });
    this.size++;
  }

  /**
   * All longest non-overlapping matches. `upperDoc` relaxes "exact" rules for documents written
   * in capitals (wire copy, MUC-4) — callers decide whether ambiguous phrases stay on there.
   */
  match(
    tokens: readonly Token[],
    options: { upperDoc?: boolean; skip?: (i: number) => boolean } = {},
  ): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = [];
    let i = 0;
    while (i < tokens.length) {
      if (options.skip?.(i)) {
        i++;
        continue;
      }
      let node: Node<P> | undefined = this.root;
      let j = i;
      let best: { end: number; payloads: P[] } | undefined;
      while (j < tokens.length && node) {
        const k = tokens[j].lower;
        // dashes are skipped whether spaced or not ("Islamic State – Khorasan"); dots only inside a word
        if (SKIPPABLE.has(k) && j > i && (k !== "." || tokens[j].start === tokens[j - 1].end)) {
          j++;
          continue;
        }
        if (j > i && tokens[j].sent !== tokens[i].sent) break;
        node = node.next.get(k);
        if (!node) break;
        j++;
        if (node.entries.length) {
          const ok = node.entries.filter((e) => this.caseOk(e, tokens, i, j, options.upperDoc ?? false));
          if (ok.length) best = { end: j, payloads: ok.map((e) => e.payload) };
        }
      }
      if (best) {
        out.push({
          tokenStart: i,
          tokenEnd: best.end,
          start: tokens[i].start,
          end: tokens[best.end - 1].end,
          payloads: best.payloads,
        });
        i = best.end;
      } else {
        i++;
      }
    }
    return out;
  }

  private caseOk(
    e: { caseRule: CaseRule; tokens: string[] },
    tokens: readonly Token[],
    from: number,
    to: number,
    upperDoc: boolean,
  ): boolean {
    if (e.caseRule === "insensitive") return true;
    const words: string[] = [];
    for (let t = from; t < to; t++) if (!SKIPPABLE.has(tokens[t].lower)) words.push(tokens[t].text);
    if (e.caseRule === "capitalised") return words.every(isCapitalised);
    if (upperDoc) return words.join(" ").toUpperCase() === words.join(" ");
    const pattern = e.tokens.filter((t) => !SKIPPABLE.has(keyOf(t)));
    if (pattern.length !== words.length) return false;
    return pattern.every(
      (p, idx) => p.replace(/[\u2018\u2019]/g, "'") === words[idx].replace(/[\u2018\u2019]/g, "'"),
    );
  }
}

/** Share of capitals among the first 5,000 ASCII letters of a text; undefined with 20 or fewer letters. */
function upperShare(text: string): number | undefined {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length && upper + lower < 5000; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper + lower > 20 ? upper / (upper + lower) : undefined;
}

/** True when a text is written mostly in capitals (wire copy, MUC-4 messages). */
export function isMostlyUpperCase(text: string): boolean {
  const share = upperShare(text);
  return share !== undefined && share > 0.8;
}

/** True when a text is written almost entirely in lower case (MUC-4 as distributed by GTT/GRIT). */
export function isMostlyLowerCase(text: string): boolean {
  const share = upperShare(text);
  return share !== undefined && share < 0.012;
}
