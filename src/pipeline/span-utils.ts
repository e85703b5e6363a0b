import type { Span } from "../core/index.js";
import type { AnalysisDoc, Token } from "./doc.js";

/** The span of text covering [start, end), as evidence. */
export function evidence(doc: AnalysisDoc, start: number, end: number): Span {
  return { start, end, text: doc.text.slice(start, end) };
}

/** Covering span of several offsets pairs. */
export function cover(doc: AnalysisDoc, parts: { start: number; end: number }[]): Span {
  let s = Number.POSITIVE_INFINITY;
  let e = 0;
  for (const p of parts) {
    if (p.start < s) s = p.start;
    if (p.end > e) e = p.end;
  }
  return evidence(doc, s, e);
}

/** Finds a run of tokens whose folded forms equal `words`, from token index `from`; returns its index or -1. */
export function findWords(
  tokens: readonly Token[],
  words: readonly string[],
  from = 0,
  to = tokens.length,
): number {
  outer: for (let i = from; i + words.length <= to; i++) {
    for (let k = 0; k < words.length; k++) if (tokens[i + k].lower !== words[k]) continue outer;
    return i;
  }
  return -1;
}
