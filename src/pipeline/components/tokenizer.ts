import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import type { AnalysisDoc, Sentence, Token } from "../doc.js";
import { foldKey } from "../normalize.js";
import type { Component } from "../pipeline.js";

export interface TokenizerOptions {
  /** Run wink-nlp's part-of-speech tagger as well (slower; fills Token.pos). */
  pos?: boolean;
}

type Wink = ReturnType<typeof winkNLP>;

/**
 * One wink-nlp instance per pipe set for the whole process: loading wink's model again mutates
 * and re-serialises shared model state, which grows with every load until V8 refuses the string
 * ("Invalid string length" after about ten pipelines in one process — ablation runs, a server
 * rebuilding its pipeline). readDoc keeps no state between calls, so sharing is safe.
 */
const WINK = new Map<string, Wink>();

function winkFor(pos: boolean): Wink {
  const key = pos ? "sbd+pos" : "sbd";
  let nlp = WINK.get(key);
  if (!nlp) {
    nlp = winkNLP(model, pos ? ["sbd", "pos"] : ["sbd"]);
    WINK.set(key, nlp);
  }
  return nlp;
}

/**
 * Sentences and tokens from wink-nlp, with character offsets found by searching each token's
 * text forward from the previous token (wink's tokens are exact substrings, in order; this is
 * cheaper than asking wink for the spaces between them). A blank line always ends a sentence (headlines, lists).
 */
export class Tokenizer implements Component {
  readonly name = "text.tokenizer.v1";
  readonly requires = [] as const;
  readonly assigns;
  private readonly nlp: Wink;
  private readonly pos: boolean;

  constructor(options: TokenizerOptions = {}) {
    this.pos = options.pos ?? false;
    this.nlp = winkFor(this.pos);
    this.assigns = this.pos ? (["tokens", "sentences", "pos"] as const) : (["tokens", "sentences"] as const);
  }

  /** Tokenises a string without a document (used to compile gazetteer keys). */
  tokenize(text: string): { text: string; start: number; end: number }[] {
    const its = this.nlp.its;
    const d = this.nlp.readDoc(text);
    const values = d.tokens().out(its.value) as string[];
    const out: { text: string; start: number; end: number }[] = [];
    let pos = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const at = text.startsWith(v, pos) ? pos : text.indexOf(v, pos);
      const start = at < 0 ? pos : at;
      out.push({ text: v, start, end: start + v.length });
      pos = start + v.length;
    }
    return out;
  }

  process(doc: AnalysisDoc): void {
    const its = this.nlp.its;
    const text = doc.text;
    const d = this.nlp.readDoc(text);
    const values = d.tokens().out(its.value) as string[];
    const tags = this.pos ? (d.tokens().out(its.pos) as string[]) : undefined;
    const sentSpans = d.sentences().out(its.span) as unknown as [number, number][];

    // Sentence boundaries as token indices, split further at blank lines.
    const sentStartAt = new Uint8Array(values.length + 1);
    for (const [s] of sentSpans) sentStartAt[s] = 1;

    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    let pos = 0;
    let current: Sentence | undefined;
    let breakPending = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // spaces between tokens are not tokens: step over them before matching the token's text
      while (
        pos < text.length &&
        (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) &&
        v.charCodeAt(0) > 32
      )
        pos++;
      const at = text.startsWith(v, pos) ? pos : text.indexOf(v, pos);
      const start = at < 0 ? pos : at;
      pos = start + v.length;
      if (v.charCodeAt(0) <= 32 && v.trim() === "") {
        // wink may start a sentence at the line break itself: carry that to the next real token
        if (sentStartAt[i]) breakPending = true;
        if (
          v.includes("\n\n") ||
          (v.includes("\n") && current && !/[.!?:;,"”’)]$/.test(text.slice(current.start, start).trimEnd()))
        ) {
          breakPending = true;
        }
        continue; // whitespace tokens are not kept
      }
      if (breakPending || sentStartAt[i]) {
        if (current) current.end = tokens[tokens.length - 1]?.end ?? current.end;
        current = { start, end: start, tokenStart: tokens.length, tokenEnd: tokens.length };
        sentences.push(current);
        breakPending = false;
      }
      const t: Token = {
        start,
        end: start + v.length,
        text: v,
        lower: foldKey(v),
        sent: sentences.length - 1,
      };
      if (tags) t.pos = tags[i];
      tokens.push(t);
      current!.tokenEnd = tokens.length;
      current!.end = t.end;
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
  }
}

export function createTokenizer(options: Record<string, unknown> = {}): Tokenizer {
  return new Tokenizer({ pos: options.pos === true });
}
