import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_CONFIG } from "../config.js";
import { createDoc } from "../create-doc.js";
import { buildPipeline } from "../default-registry.js";
import {
  allowedTag,
  CachedRoleDecoder,
  candidateFeatures,
  decodeRoles,
  EventRoleTagger,
  eventRoleSpans,
  fillerKey,
  hasEventRoles,
  ROLE_TAGS,
  RoleFeaturizer,
  RoleLexicon,
  RoleReranker,
  type RoleSpan,
  roleCandidates,
  roleSpans,
  withLexicon,
} from "./event-roles.js";

const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);
const upTo = DEFAULT_PIPELINE_CONFIG.components.findIndex((c) => c.name === "event-roles.v1");
const before = buildPipeline({
  ...DEFAULT_PIPELINE_CONFIG,
  components: DEFAULT_PIPELINE_CONFIG.components.slice(0, upTo),
});

const MUC =
  "san salvador, 12 jan 90 -- urban guerrillas of the farabundo marti national liberation front (fmln) killed mayor jose antonio lopez with a car bomb in the town of apopa yesterday. the fmln also dynamited a power tower.";

describe("event-roles.v1", () => {
  it("tags perpetrators, victims, weapons and targets in lower-case wire copy, with exact offsets", () => {
    const doc = createDoc(MUC, {});
    pipeline.run(doc);
    expect(hasEventRoles(doc)).toBe(true);
    const spans = eventRoleSpans(doc);
    for (const s of spans) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    const has = (role: string, text: string) => spans.some((s) => s.role === role && s.text === text);
    expect(has("PerpOrg", "fmln")).toBe(true);
    expect(has("Victim", "jose antonio lopez")).toBe(true);
    expect(has("Weapon", "car bomb")).toBe(true);
  });

  it("tags upper-case copy the same way (caseless features)", () => {
    const doc = createDoc(MUC.toUpperCase(), {});
    pipeline.run(doc);
    const spans = eventRoleSpans(doc);
    expect(spans.some((s) => s.role === "PerpOrg" && s.text === "FMLN")).toBe(true);
    expect(spans.some((s) => s.role === "Weapon" && s.text === "CAR BOMB")).toBe(true);
  });

  it("tags nothing in a text without an incident word", () => {
    const doc = createDoc("The minister opened a new school in the capital on Tuesday.", {});
    pipeline.run(doc);
    expect(eventRoleSpans(doc)).toEqual([]);
  });

  it("decodes with its word caches exactly as the reference decoder", () => {
    const tagger = new EventRoleTagger();
    const doc = createDoc(MUC.toUpperCase(), {});
    before.run(doc);
    const fx = new RoleFeaturizer();
    const ref = decodeRoles(fx, tagger.model.weights, doc, fx.prepare(doc));
    const cached = new CachedRoleDecoder(tagger.model.weights).decode(doc);
    expect([...cached.tags]).toEqual([...ref.tags]);
    expect(ref.tags.some((t) => t !== 0)).toBe(true);
    // int16 weights sum exactly in any order
    expect([...cached.margins]).toEqual([...ref.margins]);
  });

  it("reads BIO tags as spans and forbids I- after another role", () => {
    const doc = createDoc("the fmln attacked the bridge", {});
    before.run(doc);
    const tags = new Int32Array(doc.tokens.length);
    tags[1] = ROLE_TAGS.indexOf("B-PerpOrg");
    tags[4] = ROLE_TAGS.indexOf("B-Target");
    const spans = roleSpans(doc, tags);
    expect(spans.map((s) => [s.role, s.text])).toEqual([
      ["PerpOrg", "fmln"],
      ["Target", "bridge"],
    ]);
    expect(allowedTag(ROLE_TAGS.indexOf("B-PerpOrg"), ROLE_TAGS.indexOf("I-PerpOrg"))).toBe(true);
    expect(allowedTag(ROLE_TAGS.indexOf("B-Target"), ROLE_TAGS.indexOf("I-PerpOrg"))).toBe(false);
    expect(allowedTag(ROLE_TAGS.length, ROLE_TAGS.indexOf("I-Victim"))).toBe(false);
  });

  it("tags only sentences that hold an incident word", () => {
    const doc = createDoc("the fmln held a rally in the capital. the fmln killed the mayor.", {});
    before.run(doc);
    const fx = new RoleFeaturizer();
    const p = fx.prepare(doc);
    expect([...p.active]).toEqual([0, 1]);
    const first = doc.sentences[0];
    expect(p.offs[first.tokenEnd] - p.offs[first.tokenStart]).toBe(0);
    const { tags } = decodeRoles(fx, new EventRoleTagger().model.weights, doc, p);
    for (let i = first.tokenStart; i < first.tokenEnd; i++) expect(tags[i]).toBe(0);
  });

  it("keys fillers as the MUC scorers compare them", () => {
    expect(fillerKey("The FMLN's  urban-commandos")).toBe("fmlns urbancommandos");
    expect(fillerKey("a bomb")).toBe("bomb");
  });
});

describe("document-level re-ranker", () => {
  const doc = createDoc("guerrillas killed bernardo jaramillo ossa. jaramillo died at once.", {});
  before.run(doc);
  const span = (role: RoleSpan["role"], text: string, from = 0, score = 1): RoleSpan => {
    const start = doc.text.indexOf(text, from);
    const end = start + text.length;
    const tokenStart = doc.tokens.findIndex((t) => t.start === start);
    const tokenEnd = doc.tokens.findIndex((t) => t.end === end) + 1;
    return { role, start, end, text, tokenStart, tokenEnd, score };
  };
  const spans = [
    span("Victim", "bernardo jaramillo ossa", 0, 5),
    span("Victim", "jaramillo", 30, 0.5),
    span("PerpInd", "guerrillas", 0, 2),
  ];

  it("groups spans by role and string", () => {
    const cands = roleCandidates([...spans, span("PerpInd", "guerrillas", 0, 3)]);
    expect(cands.map((c) => [c.role, c.key, c.spans.length])).toEqual([
      ["Victim", "bernardo jaramillo ossa", 1],
      ["Victim", "jaramillo", 1],
      ["PerpInd", "guerrillas", 2],
    ]);
  });

  it("marks a name contained in a longer candidate of its role, and drops what scores low", () => {
    const cands = roleCandidates(spans);
    const feats = candidateFeatures(doc, cands, [1, 2]);
    // the short-form feature differs between the full name and its part
    const full = new Set(feats[0]);
    const part = feats[1].filter((k) => !full.has(k));
    expect(part.length).toBeGreaterThan(0);
    const rr = new RoleReranker({
      schema: "sitrep.event-roles-rerank/1",
      marginCuts: [1, 2],
      thresholds: { PerpInd: 0, PerpOrg: 0, Target: 0, Victim: 0.5, Weapon: 0 },
      keys: part,
      weights: part.map(() => -1),
    });
    // no weight for the full name's features: score 0 < 0.5 for Victims; the short form scores below too
    const kept = rr.filter(doc, spans).map((s) => s.text);
    expect(kept).toEqual(["guerrillas"]);
    const lenient = new RoleReranker({ ...rr.data, thresholds: { ...rr.data.thresholds, Victim: -0.5 } });
    expect(lenient.filter(doc, spans).map((s) => s.text)).toEqual(["bernardo jaramillo ossa", "guerrillas"]);
  });
});

describe("filler lexicon", () => {
  const data = {
    // PerpInd, PerpOrg, Target, Victim, Weapon, documents holding it
    "urban guerrillas": [5, 0, 0, 0, 0, 8],
    guerrillas: [40, 0, 0, 0, 0, 90],
    "power tower": [0, 0, 3, 0, 0, 4],
    fmln: [0, 30, 1, 0, 0, 60],
  };
  const lexicon = new RoleLexicon(data);

  it("finds every occurrence as written, ignoring case, articles and punctuation, with exact offsets", () => {
    const text = "Urban guerrillas blew up the power tower. The FMLN's guerrillas fled.";
    const doc = createDoc(text, {});
    before.run(doc);
    const spans = new RoleLexicon(data, { headCandidates: false }).spans(doc);
    for (const s of spans) {
      expect(doc.text.slice(s.start, s.end)).toBe(s.text);
      expect(s.lexical).toBe(true);
    }
    const found = spans.map((s) => `${s.role}:${s.text}`);
    expect(found).toEqual([
      "PerpInd:Urban guerrillas",
      "PerpInd:guerrillas",
      "Target:power tower",
      "PerpOrg:FMLN",
      "Target:FMLN",
      "PerpInd:guerrillas",
    ]);
  });

  it("proposes phrases headed by a frequent filler head, grown over words seen in fillers", () => {
    const doc = createDoc("Rebel urban guerrillas and fmln guerrillas attacked a tower.", {});
    before.run(doc);
    const found = lexicon.spans(doc).map((s) => `${s.role}:${s.text}`);
    // "guerrillas" ended 45 PerpInd fillers: every occurrence is a candidate, with "urban" (a
    // word seen inside a filler) in front; "rebel" was never seen inside one
    expect(found).toContain("PerpInd:urban guerrillas");
    expect(found).toContain("PerpInd:guerrillas");
    expect(found).not.toContain("PerpInd:Rebel urban guerrillas");
    // "tower" ended only 3 Target fillers ("power tower"): enough
    expect(found).toContain("Target:tower");
    for (const s of lexicon.spans(doc)) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  });

  it("rejects malformed entries with a coded error", () => {
    expect(() => new RoleLexicon({ x: [1, 2] })).toThrow(/entry "x"/);
  });

  it("merges with the tagger's spans in document order, the tagger's span winning a tie", () => {
    const tagged: RoleSpan = {
      role: "PerpOrg",
      start: 0,
      end: 4,
      text: "fmln",
      tokenStart: 0,
      tokenEnd: 1,
      score: 9,
    };
    const lexical: RoleSpan[] = [
      { ...tagged, score: 0, lexical: true },
      { role: "Target", start: 0, end: 4, text: "fmln", tokenStart: 0, tokenEnd: 1, score: 0, lexical: true },
    ];
    const merged = withLexicon([tagged], lexical);
    expect(merged.map((s) => [s.role, s.score, !!s.lexical])).toEqual([
      ["PerpOrg", 9, false],
      ["Target", 0, true],
    ]);
  });

  it("gives lexicon candidates their prior as features, distinct from tagged ones", () => {
    const doc = createDoc("the fmln attacked the power tower.", {});
    before.run(doc);
    const spans = lexicon.spans(doc);
    const cands = roleCandidates(spans);
    const withLex = candidateFeatures(doc, cands, [1, 2], undefined, lexicon);
    const without = candidateFeatures(doc, cands, [1, 2]);
    expect(withLex[0].length).toBeGreaterThan(without[0].length);
    // the same string in two roles gets different prior features
    const org = cands.findIndex((c) => c.role === "PerpOrg");
    const tgt = cands.findIndex((c) => c.role === "Target" && c.key === "fmln");
    expect(withLex[org]).not.toEqual(withLex[tgt]);
  });
});
