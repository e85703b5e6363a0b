import type { AnalysisDoc, EntityMention, Sentence, Token } from "./doc.js";

/** Entity kinds that can act: perpetrate, claim, attribute, dispute, fight. */
export const ACTOR_KINDS = new Set([
  "armed_group",
  "state",
  "government",
  "agency",
  "organisation",
  "person",
]);
export const PLACE_KINDS = new Set(["place", "state"]);

/** Words after a name that make its holder the source of a statement ("the Taliban said"). */
export const SPEECH_WORDS = new Set([
  "said",
  "says",
  "say",
  "told",
  "announced",
  "confirmed",
  "spokesman",
  "spokesperson",
  "official",
  "officials",
  "statement",
  "stated",
  "denounced",
  "condemned",
  "condemns",
  "denounces",
  "declared",
  "declares",
  "denied",
  "government",
  "government's",
]);

/** Pronouns that may refer back to a group. */
const PRONOUNS = new Set(["they", "their", "its", "it"]);

/** Words that refer back to the group the text is about. */
const GROUP_ANAPHORS = new Set([
  "group",
  "organisation",
  "organization",
  "militants",
  "jihadists",
  "affiliate",
]);

/**
 * Per-document view used by the event and claim extractors: mentions grouped by sentence, and
 * the salient armed group ("the group", "its", "they" refer to it).
 */
export class Discourse {
  readonly doc: AnalysisDoc;
  readonly bySentence: EntityMention[][];
  /** Armed group mentioned most often (ties: earliest); the referent of "the group". */
  readonly focusGroup: string | undefined;

  constructor(doc: AnalysisDoc) {
    this.doc = doc;
    this.bySentence = doc.sentences.map(() => []);
    const counts = new Map<string, { n: number; first: number }>();
    for (const m of doc.mentions) {
      const s = doc.sentenceAt(m.start);
      if (s >= 0) this.bySentence[s].push(m);
      if (m.kind === "armed_group") {
        const c = counts.get(m.entity) ?? { n: 0, first: m.start };
        c.n++;
        counts.set(m.entity, c);
      }
    }
    for (const list of this.bySentence) list.sort((a, b) => a.start - b.start);
    let best: string | undefined;
    let bestC = { n: 0, first: Number.POSITIVE_INFINITY };
    for (const [id, c] of counts) {
      if (c.n > bestC.n || (c.n === bestC.n && c.first < bestC.first)) {
        best = id;
        bestC = c;
      }
    }
    this.focusGroup = best;
  }

  /**
   * The group "the group"/"its"/"they" refers to at character `pos` of sentence `s`: the latest
   * armed group named before it in this or the five previous sentences that is not only a
   * source of statements ("according to the Taliban", "the Taliban said"); else the focus group.
   */
  referent(s: number, pos: number): string | undefined {
    const speaker = this.speakerReferent(s, pos);
    if (speaker) return speaker;
    for (let k = s; k >= Math.max(0, s - 5); k--) {
      const list = this.bySentence[k];
      for (let j = list.length - 1; j >= 0; j--) {
        const m = list[j];
        if (m.kind !== "armed_group" || m.start >= pos) continue;
        if (this.isSource(m)) continue;
        return m.entity;
      }
    }
    return this.focusGroup;
  }

  /**
   * "The Taliban said they had killed …": a pronoun right after a group's statement verb (before
   * character `pos` of sentence `s`) is the group that speaks — which then says it did it.
   */
  speakerReferent(s: number, pos: number): string | undefined {
    const toks = this.sentenceTokens(s);
    let pron = -1;
    for (let k = toks.length - 1; k >= 0; k--)
      if (toks[k].end <= pos && PRONOUNS.has(toks[k].lower)) {
        pron = k;
        break;
      }
    if (pron < 0) return undefined;
    const speaker = this.bySentence[s].find((m) => {
      if (m.kind !== "armed_group" || m.end > toks[pron].start || !this.isSource(m)) return false;
      const between = toks.filter((t) => t.start >= m.end && t.end <= toks[pron].start);
      return between.length <= 2 && between.every((t) => SPEECH_WORDS.has(t.lower) || t.lower === "that");
    });
    return speaker?.entity;
  }

  /** A mention that only sources a statement: "according to X", "X said", "X's spokesman". */
  isSource(m: EntityMention): boolean {
    const toks = this.doc.tokens;
    const i = this.tokenAt(m.start);
    if (toks[i - 1]?.lower === "to" && toks[i - 2]?.lower === "according") return true;
    if (toks[i - 1]?.lower === "the" && toks[i - 2]?.lower === "to" && toks[i - 3]?.lower === "according")
      return true;
    let e = this.tokenAt(m.end);
    // "the farabundo marti national liberation front (fmln) states": past the acronym
    if (toks[e]?.text === "(" && toks[e + 2]?.text === ")") e += 3;
    for (let k = e; k < Math.min(toks.length, e + 3); k++) {
      if (toks[k].sent !== toks[i].sent) break;
      if (SPEECH_WORDS.has(toks[k].lower)) return true;
      if (k === e && /^['’]s$/.test(toks[k].text)) continue;
    }
    return false;
  }

  sentenceTokens(s: number): Token[] {
    const sent: Sentence = this.doc.sentences[s];
    return this.doc.tokens.slice(sent.tokenStart, sent.tokenEnd);
  }

  /** True when the sentence refers to the focus group by anaphor ("the group's", "its", "they"). */
  refersToGroup(s: number, from = 0, to = Number.POSITIVE_INFINITY): boolean {
    const toks = this.sentenceTokens(s);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.start < from || t.end > to) continue;
      if (
        GROUP_ANAPHORS.has(t.lower) &&
        i > 0 &&
        (toks[i - 1].lower === "the" || toks[i - 1].lower === "this")
      )
        return true;
      if (t.lower === "its" || t.lower === "they" || t.lower === "their") return true;
    }
    return false;
  }

  /** Index of the token holding character offset `pos`, or the next token after it. */
  tokenAt(pos: number): number {
    const toks = this.doc.tokens;
    let lo = 0;
    let hi = toks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
