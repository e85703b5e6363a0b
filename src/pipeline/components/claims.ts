import { type Claim, type ClaimProperty, makeId, type Span, type Stance } from "../../core/index.js";
import { ACTOR_KINDS, Discourse } from "../discourse.js";
import type { AnalysisDoc, EntityMention, Token } from "../doc.js";
import type { Component } from "../pipeline.js";
import { cover, evidence } from "../span-utils.js";

const STRENGTH_UNITS = new Set([
  "fighter",
  "fighters",
  "member",
  "members",
  "militant",
  "militants",
  "combatant",
  "combatants",
  "recruit",
  "recruits",
  "men",
  "operative",
  "operatives",
]);
/** The word before a strength unit must be part of the number ("6,000", "thousand") or one of these. */
const NUMERIC_WORD =
  /^(\d[\d,.]*\+?|[a-z]+-?(one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|k)$/;
const STRENGTH_ADJECTIVES = new Set([
  "armed",
  "active",
  "foreign",
  "trained",
  "hardcore",
  "core",
  "full-time",
]);
const FOUNDING = new Set(["established", "founded", "formed", "created", "emerged", "launched", "announced"]);
const PARENT_NOUNS = new Map([
  ["province", "province"],
  ["affiliate", "affiliate"],
  ["branch", "affiliate"],
  ["wing", "wing"],
  ["offshoot", "faction"],
  ["faction", "faction"],
  ["franchise", "affiliate"],
  ["chapter", "affiliate"],
]);
const STRONGHOLD = new Set([
  "stronghold",
  "strongholds",
  "heartland",
  "base",
  "bases",
  "sanctuary",
  "haven",
  "havens",
]);
const AREA_CUES = new Set([
  "attacks",
  "operates",
  "operating",
  "active",
  "presence",
  "operations",
  "insurgency",
]);
const HOSTILE = new Set([
  "eliminate",
  "defeat",
  "destroy",
  "fight",
  "fighting",
  "fought",
  "counter",
  "dislodge",
  "eradicate",
  "combat",
  "crush",
  "targeting",
  "antagonism",
  "hostility",
  "war",
  "rivalry",
  "enmity",
  "rival",
  "rivals",
  "enemy",
  "enemies",
  "clashes",
  "clashed",
  "crackdown",
  "offensive",
  "operations",
  "raids",
]);
const NEEDS_AGAINST = new Set(["operations", "raids", "offensive", "crackdown", "campaign", "war"]);
const INTENT = new Set([
  "ambition",
  "ambitions",
  "aims",
  "aim",
  "plans",
  "plan",
  "intends",
  "intent",
  "seeks",
  "vowed",
  "vows",
  "threatened",
  "threatens",
]);
const POSSIBLE_TARGET = new Set(["potential", "possible", "likely"]);
const VULNERABLE = new Set(["vulnerability", "vulnerable", "susceptibility", "susceptible"]);
const DESCRIBE = new Set([
  "described",
  "called",
  "characterized",
  "characterised",
  "assessed",
  "labelled",
  "labeled",
  "termed",
  "dubbed",
]);
const REPORTED = new Set([
  "reported",
  "estimated",
  "estimates",
  "according",
  "reportedly",
  "said",
  "believed",
  "thought",
]);
const QUOTE_OPEN = new Set(["“", '"', "‘"]);
const QUOTE_CLOSE = new Set(["”", '"', "’"]);

/** Every word that can start a claim pattern; a sentence with none (and no number) is skipped. */
const CUES = new Set([
  ...FOUNDING,
  ...PARENT_NOUNS.keys(),
  ...STRONGHOLD,
  ...AREA_CUES,
  ...HOSTILE,
  ...INTENT,
  ...POSSIBLE_TARGET,
  ...VULNERABLE,
  ...DESCRIBE,
]);

/** A claim whose value is an entity the text names: its name, its id, and the words that say so. */
function objectClaim(
  doc: AnalysisDoc,
  subject: string,
  property: ClaimProperty,
  object: EntityMention,
  stance: Stance,
  parts: { start: number; end: number }[],
): Omit<Claim, "id"> {
  return {
    subject,
    property,
    value: doc.entities.get(object.entity)?.name ?? object.text,
    object: object.entity,
    stance,
    evidence: [cover(doc, parts)],
  };
}

/** Kinds a place-like claim can point at. */
const PLACE_OR_EVENT = new Set(["place", "state", "named_event", "facility"]);

/**
 * Claims about actors, sentence by sentence: strength estimates, founding, parent/affiliation,
 * strongholds, areas of operation, adversaries, intended targets and quoted assessments. The
 * subject is the armed group in the sentence (not one introduced by "of", "against" ...) or, when
 * the sentence says "the group"/"its", the document's salient group.
 */
export class ClaimExtractor implements Component {
  readonly name = "claims.v1";
  readonly requires = ["tokens", "sentences", "mentions", "dates", "quantities"] as const;
  readonly assigns = ["claims"] as const;

  process(doc: AnalysisDoc): void {
    const disc = new Discourse(doc);
    const seen = new Set(doc.claims.map((c) => c.id));
    const push = (c: Omit<Claim, "id">): void => {
      const id = makeId(
        "claim",
        doc.meta.id,
        c.subject,
        c.property,
        c.object ?? c.value,
        c.evidence[0].start,
      );
      if (seen.has(id)) return;
      seen.add(id);
      doc.claims.push({ id, ...c });
    };
    const withQuantity = new Set(doc.quantities.map((q) => doc.sentenceAt(q.start)));
    for (let s = 0; s < doc.sentences.length; s++) {
      const toks = disc.sentenceTokens(s);
      // most sentences state no claim: skip them after one cheap pass
      if (!withQuantity.has(s) && !toks.some((t) => CUES.has(t.lower))) continue;
      const ms = disc.bySentence[s];
      const subject = this.subject(doc, disc, s, toks, ms);
      const reported = toks.some((t) => REPORTED.has(t.lower));
      // a quoted judgement of "the threat" in a document about one group is about that group
      const assessed =
        subject ??
        (disc.focusGroup
          ? { id: disc.focusGroup, span: evidence(doc, toks[0].start, toks[0].end) }
          : undefined);
      if (assessed) this.assessment(doc, toks, ms, assessed, push);
      if (subject) {
        this.strength(doc, s, subject, reported, push);
        this.founding(doc, s, toks, ms, subject, push);
        this.parent(doc, toks, ms, subject, push);
        this.stronghold(doc, toks, ms, subject, push);
        this.area(doc, toks, ms, subject, push);
        this.intent(doc, toks, ms, subject, push);
      }
      this.adversary(doc, disc, s, toks, ms, push);
      this.vulnerability(doc, toks, ms, push);
    }
  }

  /** The group the sentence is about, with the span that names it. */
  private subject(
    doc: AnalysisDoc,
    disc: Discourse,
    s: number,
    toks: Token[],
    ms: EntityMention[],
  ): { id: string; span: Span } | undefined {
    for (const m of ms) {
      if (m.kind !== "armed_group") continue;
      const ti = toks.findIndex((t) => t.start === m.start);
      const prev = toks[ti - 1]?.lower;
      const prev2 = toks[ti - 2]?.lower;
      const oblique = ["of", "against", "on", "eliminate", "with", "targeting", "towards", "toward"];
      if (prev && (oblique.includes(prev) || (prev === "the" && prev2 && oblique.includes(prev2)))) continue;
      return { id: m.entity, span: evidence(doc, m.start, m.end) };
    }
    // "the threat of ISIS-K": a group after "of" is the topic unless it is a parent ("province of")
    for (const m of ms) {
      if (m.kind !== "armed_group") continue;
      const ti = toks.findIndex((t) => t.start === m.start);
      const k = toks[ti - 1]?.lower === "the" ? ti - 2 : ti - 1;
      if (toks[k]?.lower === "of" && !PARENT_NOUNS.has(toks[k - 1]?.lower ?? "")) {
        return { id: m.entity, span: evidence(doc, m.start, m.end) };
      }
    }
    for (const t of toks) {
      if (
        (t.lower === "group" || t.lower === "its" || t.lower === "they" || t.lower === "their") &&
        disc.refersToGroup(s, t.start, t.end)
      ) {
        const ref = disc.referent(s, t.start);
        if (ref) return { id: ref, span: evidence(doc, t.start, t.end) };
      }
    }
    return undefined;
  }

  private strength(
    doc: AnalysisDoc,
    s: number,
    subject: { id: string; span: Span },
    reported: boolean,
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    const sent = doc.sentences[s];
    for (const q of doc.quantities) {
      if (q.start < sent.start || q.end > sent.end) continue;
      // the counted noun: the word right after the number ("4,000 to 6,000 fighters")
      // the counted noun, right after the number: "4,000 to 6,000 fighters", not "13 US service members"
      const inside = q.text.split(/\s+/);
      const last = inside[inside.length - 1].toLowerCase();
      const before = inside[inside.length - 2]?.toLowerCase() ?? "";
      const unitInside = inside.length > 1 && STRENGTH_UNITS.has(last);
      if (unitInside && !NUMERIC_WORD.test(before) && !STRENGTH_ADJECTIVES.has(before)) continue;
      const follow = unitInside ? null : /^\s+([A-Za-z]+)/.exec(doc.text.slice(q.end, q.end + 30));
      const word = unitInside ? last : (follow?.[1] ?? "").toLowerCase();
      if (!STRENGTH_UNITS.has(word)) continue;
      const wordEnd = follow ? q.end + follow[0].length : q.end;
      // casualties and detainees are not strength: "50 fighters were killed"
      if (
        /^\s*(were|was|have been|had been)?\s*(killed|dead|arrested|detained|captured|wounded)/i.test(
          doc.text.slice(wordEnd, wordEnd + 40),
        )
      )
        continue;
      const ev = evidence(doc, q.start, wordEnd);
      const unitWord = word.endsWith("s") || word === "men" ? word : `${word}s`;
      const value =
        q.min !== undefined && q.max !== undefined && q.min !== q.max
          ? `${q.min}-${q.max}`
          : String(q.min ?? q.max ?? q.text);
      push({
        subject: subject.id,
        property: "strength",
        value,
        qualifiers: {
          ...(q.min !== undefined ? { min: q.min } : {}),
          ...(q.max !== undefined ? { max: q.max } : {}),
          unit: unitWord,
          approx: q.approx !== "exact",
          ...(doc.meta.published ? { time: doc.meta.published.slice(0, 10) } : {}),
        },
        stance: reported ? "reported" : "asserted",
        evidence: [ev],
      });
    }
  }

  private founding(
    doc: AnalysisDoc,
    s: number,
    toks: Token[],
    _ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    const cue = toks.find((t) => FOUNDING.has(t.lower));
    if (!cue) return;
    if (cue.lower === "announced" && !toks.some((t) => t.lower === "formation" || t.lower === "founding"))
      return;
    const sent = doc.sentences[s];
    const date = doc.dates.find(
      (d) => d.start >= sent.start && d.end <= sent.end && Math.abs(d.start - cue.end) < 60,
    );
    if (!date) return;
    push({
      subject: subject.id,
      property: "founded",
      value: date.value ?? date.text,
      qualifiers: {
        precision: date.precision,
        resolved: date.resolved,
        ...(date.value ? { time: date.value } : {}),
      },
      stance: "asserted",
      evidence: [cover(doc, [cue, date])],
    });
  }

  private parent(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    for (let k = 0; k < toks.length; k++) {
      const rel = PARENT_NOUNS.get(toks[k].lower);
      if (!rel || toks[k + 1]?.lower !== "of") continue;
      const after = toks[k + 2]?.lower === "the" ? toks[k + 3] : toks[k + 2];
      if (!after) continue;
      const m = ms.find((x) => x.start === after.start && x.kind === "armed_group");
      if (!m || m.entity === subject.id) continue;
      let from = k;
      while (
        from > 0 &&
        ["autonomous", "official", "local", "regional", "an", "a", "the"].includes(toks[from - 1].lower)
      )
        from--;
      push({
        ...objectClaim(doc, subject.id, "parent", m, "asserted", [toks[from], m]),
        qualifiers: { relation: rel },
      });
    }
  }

  private stronghold(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    for (const cue of toks) {
      if (!STRONGHOLD.has(cue.lower)) continue;
      const place = ms.find(
        (m) =>
          PLACE_OR_EVENT.has(m.kind) &&
          m.kind !== "named_event" &&
          !m.demonym &&
          m.start > cue.end &&
          m.start - cue.end < 60,
      );
      if (!place) continue;
      push(objectClaim(doc, subject.id, "stronghold", place, "asserted", [cue, place]));
    }
  }

  private area(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    for (let k = 0; k < toks.length; k++) {
      if (!AREA_CUES.has(toks[k].lower)) continue;
      // only "attacks in X", "active in X", "operates in X": a locative must follow within 4 words
      const window = toks.slice(k + 1, k + 5).map((t) => t.lower);
      if (!window.includes("in") && !window.includes("across")) continue;
      // intent is not activity: "ambitions to launch attacks in ..."
      const before = toks.slice(Math.max(0, k - 4), k).map((t) => t.lower);
      if (before.some((w) => INTENT.has(w))) continue;
      const end = toks
        .slice(k)
        .find((t) => t.text === "." || t.text === ";" || t.lower === "while" || t.lower === "despite");
      const places = ms.filter(
        (m) =>
          (m.kind === "place" || m.kind === "state") &&
          !m.demonym &&
          m.start > toks[k].end &&
          (!end || m.end <= end.start),
      );
      for (const p of places) {
        push(objectClaim(doc, subject.id, "area_of_operation", p, "asserted", [toks[k], p]));
      }
    }
  }

  private intent(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    for (let k = 0; k < toks.length; k++) {
      const w = toks[k].lower;
      let stance: Stance | undefined;
      let from = k;
      if (
        INTENT.has(w) &&
        toks[k + 1]?.lower === "to" &&
        ["target", "attack", "strike", "hit"].includes(toks[k + 2]?.lower ?? "")
      ) {
        stance = "asserted";
        from = k + 3;
      } else if (
        POSSIBLE_TARGET.has(w) &&
        (toks[k + 1]?.lower === "targets" || toks[k + 1]?.lower === "target")
      ) {
        stance = "possible";
        from = k + 2;
      }
      if (!stance) continue;
      const stop = toks
        .slice(from)
        .find((t) => t.text === "." || t.text === ";" || t.lower === "indicating" || t.lower === "while");
      const objs = ms.filter(
        (m) =>
          (PLACE_OR_EVENT.has(m.kind) || m.kind === "government") &&
          !m.demonym &&
          m.start >= toks[from - 1].end &&
          (!stop || m.end <= stop.start),
      );
      for (const o of objs) {
        push(objectClaim(doc, subject.id, "intended_target", o, stance, [toks[k], o]));
      }
    }
  }

  /** "Russia faces heightened vulnerability to ISIS-K attacks": Russia as a possible target. */
  private vulnerability(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    const cue = toks.find((t) => VULNERABLE.has(t.lower));
    if (!cue) return;
    const group = ms.find((m) => m.kind === "armed_group" && m.start > cue.end && m.start - cue.end < 30);
    const victim = [...ms]
      .reverse()
      .find((m) => (m.kind === "state" || m.kind === "place") && !m.demonym && m.end <= cue.start);
    if (!group || !victim) return;
    push(objectClaim(doc, group.entity, "intended_target", victim, "possible", [victim, group]));
  }

  private adversary(
    doc: AnalysisDoc,
    disc: Discourse,
    s: number,
    toks: Token[],
    ms: EntityMention[],
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    const cueIdx = toks.findIndex(
      (t, k) =>
        HOSTILE.has(t.lower) &&
        !(INTENT.has(toks[k - 2]?.lower ?? "") && toks[k - 1]?.lower === "to") &&
        // "operations beyond Afghanistan" is activity; "operations against ISIS-K" is hostility
        (!NEEDS_AGAINST.has(t.lower) ||
          ["against", "on", "targeting", "with"].includes(toks[k + 1]?.lower ?? "")),
    );
    if (cueIdx < 0) return;
    const cue = toks[cueIdx];
    const actors = ms.filter((m) => ACTOR_KINDS.has(m.kind) && !m.demonym);
    let agents = actors.filter((m) => m.end <= cue.start);
    let patients = actors.filter((m) => m.start >= cue.end);
    // "efforts by X and Y to eliminate Z": agents are the "by" list.
    const focus = disc.referent(s, cue.start);
    const anaphorBefore = toks
      .slice(0, cueIdx)
      .some(
        (t) =>
          t.lower === "its" ||
          t.lower === "their" ||
          (t.lower === "group" && disc.refersToGroup(s, t.start, t.end)) ||
          t.lower === "they",
      );
    if (!agents.length && focus && anaphorBefore)
      agents = [
        { entity: focus, start: cue.start, end: cue.end, text: cue.text, kind: "armed_group", by: this.name },
      ];
    if (
      !patients.length &&
      focus &&
      toks.slice(cueIdx).some((t) => t.lower === "its" || t.lower === "them")
    ) {
      patients = [];
    }
    const sentEnd = doc.sentences[s].end;
    patients = patients.filter((m) => m.end <= sentEnd);
    for (const a of agents) {
      for (const p of patients) {
        if (a.entity === p.entity) continue;
        // hostility is mutual: every armed group in the pair gets the other as adversary
        const pairs = [
          ...(p.kind === "armed_group" ? [[p, a]] : []),
          ...(a.kind === "armed_group" ? [[a, p]] : []),
        ];
        for (const [grp, other] of pairs)
          push(
            objectClaim(
              doc,
              grp.entity,
              "adversary",
              other,
              "asserted",
              [a, cue, p].filter((x) => x.start < sentEnd),
            ),
          );
      }
    }
  }

  private assessment(
    doc: AnalysisDoc,
    toks: Token[],
    ms: EntityMention[],
    subject: { id: string; span: Span },
    push: (c: Omit<Claim, "id">) => void,
  ): void {
    const cueIdx = toks.findIndex((t) => DESCRIBE.has(t.lower));
    if (cueIdx < 0) return;
    const open = toks.findIndex((t, k) => k > cueIdx && QUOTE_OPEN.has(t.text));
    if (open < 0) return;
    const close = toks.findIndex((t, k) => k > open + 1 && QUOTE_CLOSE.has(t.text));
    if (close < 0) return;
    let qEnd = toks[close - 1].end;
    if (toks[close - 1].text === ",") qEnd = toks[close - 2].end;
    const quote = evidence(doc, toks[open + 1].start, qEnd);
    // holder: an actor right before "described" in active voice ("X described it as")
    const before = ms.filter((m) => ACTOR_KINDS.has(m.kind) && m.end <= toks[cueIdx].start);
    const passive = ["been", "was", "is", "were", "be"].includes(toks[cueIdx - 1]?.lower ?? "");
    const holder = !passive ? before[before.length - 1]?.entity : undefined;
    // topic: what was described ("the threat in Europe")
    const topicToks = toks
      .slice(0, cueIdx)
      .filter((t) => !["while", "the", "has", "been", "have", "was"].includes(t.lower));
    const topic = topicToks.length
      ? doc.text.slice(topicToks[0].start, topicToks[topicToks.length - 1].end)
      : undefined;
    push({
      subject: subject.id,
      property: "assessment" as ClaimProperty,
      value: quote.text,
      qualifiers: topic ? { topic } : {},
      stance: "reported",
      ...(holder && holder !== subject.id ? { heldBy: holder } : {}),
      evidence: [cover(doc, [toks[0], toks[close]])],
    });
  }
}

export function createClaimExtractor(): ClaimExtractor {
  return new ClaimExtractor();
}
