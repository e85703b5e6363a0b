import { describe, expect, it } from "vitest";
import { AnalysisDoc } from "../doc.js";
import {
  buildGazetteerTable,
  CAP_ALL,
  CAP_INITIAL,
  CAP_LOWER,
  CAP_MIXED,
  CAP_NONE,
  CachedDecoder,
  decodeDocument,
  GAZ_TYPES,
  Gazetteer,
  HashIndex,
  hashString,
  NerFeaturizer,
  NerModel,
  NerTagger,
  nerSpans,
  sentenceCaseMode,
  TagHistory,
  TagSet,
  wordInfo,
} from "./ner-tagger.js";
import { Tokenizer } from "./tokenizer.js";

// One tagger with the committed model for the behaviour tests (loads in well under a second).
const tagger = new NerTagger();
const tokenizer = new Tokenizer();

function entities(words: string[], tags: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    if (tags[i].startsWith("B-")) {
      let j = i + 1;
      while (j < tags.length && tags[j] === `I-${tags[i].slice(2)}`) j++;
      out.push(`${tags[i].slice(2)}:${words.slice(i, j).join(" ")}`);
    }
  }
  return out;
}

describe("wordInfo", () => {
  it("classifies capitalisation", () => {
    expect(wordInfo("Paris").cap).toBe(CAP_INITIAL);
    expect(wordInfo("NATO").cap).toBe(CAP_ALL);
    expect(wordInfo("iPhone").cap).toBe(CAP_MIXED);
    expect(wordInfo("McDonald").cap).toBe(CAP_MIXED);
    expect(wordInfo("said").cap).toBe(CAP_LOWER);
    expect(wordInfo("1996").cap).toBe(CAP_NONE);
    expect(wordInfo("Émile").cap).toBe(CAP_INITIAL);
  });

  it("maps digits together and ignores case in the lexical key", () => {
    expect(wordInfo("1996").norm).toBe(wordInfo("2024").norm);
    expect(wordInfo("Paris").lower).toBe(wordInfo("PARIS").lower);
    expect(wordInfo("Paris").raw).not.toBe(wordInfo("PARIS").raw);
    // caseless shapes agree across casings, case-sensitive ones do not
    expect(wordInfo("Paris").cshape).toBe(wordInfo("paris").cshape);
    expect(wordInfo("Paris").shape).not.toBe(wordInfo("paris").shape);
  });

  it("treats typographic apostrophes like ASCII ones", () => {
    expect(wordInfo("\u2019s").lower).toBe(wordInfo("'s").lower);
  });
});

describe("sentenceCaseMode", () => {
  it("is 0 for mixed case, 1 for all lower, 2 for all upper", () => {
    const mode = (s: string) => sentenceCaseMode(s.split(" ").map(wordInfo));
    expect(mode("The talks ended")).toBe(0);
    expect(mode("the talks ended 3 ,")).toBe(1);
    expect(mode("THE TALKS ENDED")).toBe(2);
    expect(mode("1996-08-22 , 3")).toBe(0);
  });
});

describe("HashIndex", () => {
  it("maps keys to values and grows", () => {
    const h = new HashIndex(2);
    for (let i = 1; i <= 1000; i++) h.set(hashString(`k${i}`) || 1, i);
    expect(h.size).toBe(1000);
    expect(h.get(hashString("k1") || 1)).toBe(1);
    expect(h.get(hashString("k777") || 1)).toBe(777);
    expect(h.get(hashString("absent") || 1)).toBe(-1);
  });
});

describe("Gazetteer", () => {
  const city = GAZ_TYPES.indexOf("city");
  const country = GAZ_TYPES.indexOf("country");
  const { keys, vals } = buildGazetteerTable([
    { tokens: ["New", "York"], type: city },
    { tokens: ["York"], type: city },
    { tokens: ["New", "Zealand"], type: country },
  ]);
  const gaz = new Gazetteer(keys, vals);

  it("marks the longest match per type with its position, ignoring case", () => {
    const codes = gaz.codes("flights from new york to York".split(" ").map(wordInfo))!;
    expect(codes[2]).toEqual([city * 4]); // begin
    expect(codes[3]).toEqual([city * 4 + 2]); // last
    expect(codes[5]).toEqual([city * 4 + 3]); // single token
    expect(codes[0]).toEqual([]);
  });

  it("returns nothing when no phrase matches", () => {
    expect(gaz.codes("new ideas".split(" ").map(wordInfo))).toBeUndefined();
  });
});

describe("TagSet", () => {
  it("converts BIO and BILOU index sequences to BIO", () => {
    const bio = new TagSet(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
    expect(bio.toBio([1, 2, 0, 4, 3])).toEqual(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]);
    const bilou = new TagSet(["O", "B-PER", "I-PER", "L-PER", "U-PER"]);
    expect(bilou.toBio([1, 2, 3, 4, 0])).toEqual(["B-PER", "I-PER", "I-PER", "B-PER", "O"]);
  });

  it("forbids I- after O or another type", () => {
    const t = new TagSet(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
    const ok = (prev: number, cur: number) => t.allowed[prev * 6 + cur] === 1;
    expect(ok(t.start, 2)).toBe(false);
    expect(ok(0, 2)).toBe(false);
    expect(ok(1, 2)).toBe(true);
    expect(ok(3, 2)).toBe(false);
    expect(ok(2, 3)).toBe(true);
  });
});

describe("NerModel", () => {
  it("round-trips through encode and the constructor, quantising weights to int16", () => {
    const keys = new Uint32Array([11, 22, 33]);
    const weights = new Float32Array([0.5, -1, 2, 0, 0.25, -0.75]);
    const gaz = buildGazetteerTable([{ tokens: ["Oslo"], type: 2 }]);
    const { header, bin } = NerModel.encode(
      { tags: ["O", "B-LOC"], useHistory: false },
      {
        keys,
        weights,
        gazKeys: gaz.keys,
        gazVals: gaz.vals,
        profKeys: new Uint32Array([hashString("oslo")]),
        profVals: new Uint8Array([5]),
      },
    );
    const m = new NerModel(header, bin);
    expect(m.row(22)).toBe(1);
    expect(m.row(44)).toBe(-1);
    expect(m.weights[2] * header.weightScale).toBeCloseTo(2, 3);
    expect(m.weights[1] * header.weightScale).toBeCloseTo(-1, 3);
    expect(m.profile?.(hashString("oslo"))).toBe(5);
    expect(m.profile?.(hashString("bergen"))).toBe(0);
    expect(m.gazetteer.codes([wordInfo("Oslo")])).toEqual([[2 * 4 + 3]]);
  });

  it("rejects a weights file that does not match its header", () => {
    const { header, bin } = NerModel.encode(
      { tags: ["O"], useHistory: false },
      {
        keys: new Uint32Array([1]),
        weights: new Float32Array([1]),
        gazKeys: new Uint32Array(0),
        gazVals: new Uint8Array(0),
        profKeys: new Uint32Array(0),
        profVals: new Uint8Array(0),
      },
    );
    expect(() => new NerModel(header, bin.subarray(0, 4))).toThrow(/bytes/);
    expect(() => new NerModel({ ...header, featureSet: "other" }, bin)).toThrow(/ner-features/);
  });
});

describe("NerTagger (committed model)", () => {
  it("has its registry name and layer contract", () => {
    expect(tagger.name).toBe("ner.perceptron.v1");
    expect(tagger.requires).toEqual(["tokens", "sentences"]);
  });

  it("finds persons, organisations and places in a news sentence", () => {
    const words = "Angela Merkel met the head of NATO in Berlin on Monday .".split(" ");
    expect(entities(words, tagger.tagTokens(words))).toEqual(["PER:Angela Merkel", "ORG:NATO", "LOC:Berlin"]);
  });

  it("tags a nationality adjective as MISC", () => {
    const words = "Nigerian troops killed 30 Boko Haram fighters near the Cameroon border .".split(" ");
    const found = entities(words, tagger.tagTokens(words));
    expect(found).toContain("MISC:Nigerian");
    expect(found).toContain("ORG:Boko Haram");
    expect(found).toContain("LOC:Cameroon");
  });

  it("still finds places and people in lower-case and upper-case text", () => {
    const lower = "the talks in london were led by john smith .".split(" ");
    const lowerFound = entities(lower, tagger.tagTokens(lower));
    expect(lowerFound).toContain("LOC:london");
    expect(lowerFound).toContain("PER:john smith");
    const upper = "POLICE IN PARIS ARRESTED TWO MEN ON FRIDAY .".split(" ");
    expect(entities(upper, tagger.tagTokens(upper))).toContain("LOC:PARIS");
  });

  it("returns one tag per word, O for an empty or entity-free sentence", () => {
    expect(tagger.tagTokens([])).toEqual([]);
    expect(tagger.tagTokens(["it", "rained", "."])).toEqual(["O", "O", "O"]);
  });

  it("writes spans with exact offsets for a document, gluing split hyphenated names", () => {
    const text =
      "Fighters loyal to Abu Bakr al-Baghdadi crossed into Bosnia-Herzegovina.\n\nThe U.N. Security Council met in New York on Tuesday.";
    const doc = new AnalysisDoc(text, { id: "t1" });
    tokenizer.process(doc);
    expect(nerSpans(doc)).toEqual([]);
    tagger.process(doc);
    const spans = nerSpans(doc);
    for (const s of spans) {
      expect(doc.text.slice(s.start, s.end)).toBe(s.text);
      expect(doc.tokens[s.tokenStart].start).toBe(s.start);
      expect(doc.tokens[s.tokenEnd - 1].end).toBe(s.end);
    }
    const found = spans.map((s) => `${s.type}:${s.text}`);
    expect(found).toContain("PER:Abu Bakr al-Baghdadi");
    expect(found).toContain("LOC:Bosnia-Herzegovina");
    expect(found).toContain("ORG:U.N. Security Council");
    expect(found).toContain("LOC:New York");
  });

  it("uses the document history: a name tagged once keeps its type later", () => {
    const doc1 = ["Zembla Holdings Corp said profit rose .".split(" "), "Shares of Zembla fell .".split(" ")];
    const tags = tagger.tagSentences(doc1);
    expect(entities(doc1[0], tags[0])).toContain("ORG:Zembla Holdings Corp");
    expect(entities(doc1[1], tags[1])).toContain("ORG:Zembla");
  });
});

// ---------------------------------------------------------------------------------------------
// The run-time decoder must give exactly the tags of the reference decoder (`decodeDocument`
// over `NerFeaturizer`, which the trainer uses).

function referenceTags(model: NerModel, doc: string[][]): string[][] {
  const fx = model.featurizer();
  const prepared = doc.map((s) => fx.prepare(s));
  return decodeDocument(fx, model, model.tags, prepared, model.header.useHistory).map((s) =>
    model.tags.toBio(s),
  );
}

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

const NEWS = [
  "Angela Merkel met the head of NATO in Berlin on Monday .",
  "Nigerian troops killed 30 Boko Haram fighters near the Cameroon border .",
  "The Islamic State said its fighters attacked a checkpoint in New York , police said .",
  "Officials in Kabul said the Taliban had denied the claim on 12/08/2021 .",
  "the talks in london were led by john smith and the un envoy .",
  "POLICE IN PARIS ARRESTED TWO MEN ON FRIDAY AFTER THE ATTACK .",
  "\u201cWe are ready,\u201d said Abu Bakr al-Baghdadi\u2019s spokesman in Mosul .",
  "Merkel later flew to Paris ; Smith stayed in London .",
  "Bosnia-Herzegovina , the U.N. Security Council and Al-Shabaab were mentioned .",
  "1996-08-22 3 , -- ( ) %",
].map((s) => s.split(" "));

/** Random documents over the NEWS vocabulary: mixed, lower- and upper-case sentences. */
function randomDocs(count: number, seed: number): string[][][] {
  const rnd = lcg(seed);
  const vocab = NEWS.flat();
  const docs: string[][][] = [];
  for (let d = 0; d < count; d++) {
    const doc: string[][] = [];
    const nSent = 1 + Math.floor(rnd() * 6);
    for (let k = 0; k < nSent; k++) {
      const casing = rnd();
      const n = Math.floor(rnd() * 20);
      const start = Math.floor(rnd() * vocab.length);
      const sent: string[] = [];
      for (let i = 0; i < n; i++) {
        // runs of real text (gazetteer phrases, bigrams) mixed with random words
        let w = rnd() < 0.6 ? vocab[(start + i) % vocab.length] : vocab[Math.floor(rnd() * vocab.length)];
        if (casing < 0.2) w = w.toLowerCase();
        else if (casing < 0.4) w = w.toUpperCase();
        sent.push(w);
      }
      doc.push(sent);
    }
    docs.push(doc);
  }
  return docs;
}

/**
 * A model with pseudo-random weights on every feature the sentences produce (static ones, and
 * the dynamic ones for every previous-tag pair and history state), so that many tags and
 * features take part.
 */
function syntheticModel(
  tagNames: string[],
  useHistory: boolean,
  withProfile: boolean,
  seed: number,
): NerModel {
  const rnd = lcg(seed);
  const city = GAZ_TYPES.indexOf("city");
  const gazTable = buildGazetteerTable([
    { tokens: ["New", "York"], type: city },
    { tokens: ["Paris"], type: city },
    { tokens: ["Boko", "Haram"], type: GAZ_TYPES.indexOf("armed") },
    { tokens: ["Islamic", "State"], type: GAZ_TYPES.indexOf("armed") },
    { tokens: ["Islamic", "State", "in", "Iraq"], type: GAZ_TYPES.indexOf("armed") },
    { tokens: ["Berlin"], type: GAZ_TYPES.indexOf("bigcity") },
    { tokens: ["Cameroon"], type: GAZ_TYPES.indexOf("country") },
  ]);
  const profWords = ["the", "paris", "said", "merkel", "smith", "kabul"];
  const profKeys = new Uint32Array(profWords.map((w) => hashString(w)));
  const profVals = new Uint8Array(profWords.map((_, i) => 1 + i));
  const pIndex = HashIndex.fromKeys(profKeys);
  const profile = withProfile
    ? (lower: number) => {
        const r = pIndex.get(lower === 0 ? 1 : lower);
        return r < 0 ? 0 : profVals[r];
      }
    : undefined;
  const fx = new NerFeaturizer(new Gazetteer(gazTable.keys, gazTable.vals), profile);
  const nt = tagNames.length;
  const keys = new Set<number>();
  const dyn = new Uint32Array(64);
  const hist = new TagHistory();
  for (const doc of [NEWS, ...randomDocs(20, seed + 1)]) {
    for (const words of doc) {
      const s = fx.prepare(words);
      for (const k of s.keys) keys.add(k);
      for (let i = 0; i < s.n; i++) {
        for (let p1 = 0; p1 <= nt; p1++) {
          for (let p2 = 0; p2 <= nt; p2++) {
            const nd = fx.dynamic(s, i, p1, p2, useHistory && rnd() < 0.5 ? hist : undefined, dyn);
            for (let k = 0; k < nd; k++) keys.add(dyn[k]);
          }
        }
        if (s.infos[i].letters) hist.observe(s.infos[i].lower, Math.floor(rnd() * 5) - 1);
      }
    }
  }
  // keep most features (a missing one must count as zero)
  const kept = [...keys].filter(() => rnd() < 0.9).sort((a, b) => a - b);
  const weights = new Float32Array(kept.length * nt);
  for (let i = 0; i < weights.length; i++) weights[i] = rnd() * 2 - 1;
  const { header, bin } = NerModel.encode(
    { tags: tagNames, useHistory },
    {
      keys: new Uint32Array(kept),
      weights,
      gazKeys: gazTable.keys,
      gazVals: gazTable.vals,
      profKeys: withProfile ? profKeys : new Uint32Array(0),
      profVals: withProfile ? profVals : new Uint8Array(0),
    },
  );
  return new NerModel(header, bin);
}

describe("CachedDecoder", () => {
  it("tags exactly like the reference decoder with the committed model", () => {
    const docs = [[NEWS[0]], NEWS, [[], NEWS[1], []], ...randomDocs(60, 7)];
    for (const doc of docs) expect(tagger.tagSentences(doc)).toEqual(referenceTags(tagger.model, doc));
  });

  it("tags exactly like the reference decoder with BIO and BILOU models, with and without history and case profiles", () => {
    const bio = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
    const bilou = ["O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC"];
    let seed = 100;
    for (const tags of [bio, bilou]) {
      for (const useHistory of [true, false]) {
        for (const withProfile of [true, false]) {
          const model = syntheticModel(tags, useHistory, withProfile, seed++);
          const t = new NerTagger({ model });
          const docs = [NEWS, ...randomDocs(30, seed++)];
          let entities = 0;
          for (const doc of docs) {
            const got = t.tagSentences(doc);
            expect(got).toEqual(referenceTags(model, doc));
            entities += got.flat().filter((x) => x !== "O").length;
          }
          expect(entities).toBeGreaterThan(50);
        }
      }
    }
  });

  it("starts every document with an empty history and gives the same tags on a second run", () => {
    const decoder = new CachedDecoder(tagger.model);
    const doc = ["Zembla Holdings Corp said profit rose .".split(" "), "Shares of Zembla fell .".split(" ")];
    const first = decoder.decode(doc).map((s) => [...s]);
    decoder.decode([["Zembla", "is", "a", "river", "."]]);
    expect(decoder.decode(doc).map((s) => [...s])).toEqual(first);
    expect(decoder.decode([doc[1]]).map((s) => [...s])).toEqual(
      new CachedDecoder(tagger.model).decode([doc[1]]).map((s) => [...s]),
    );
  });

  it("fills a flat tag array per sentence range", () => {
    const decoder = new CachedDecoder(tagger.model);
    const words = [...NEWS[0], ...NEWS[1]];
    const bounds = new Int32Array([0, NEWS[0].length, words.length]);
    const out = new Int32Array(words.length);
    decoder.decodeFlat(words, bounds, 2, out);
    const bySentence = decoder.decode([NEWS[0], NEWS[1]]);
    expect([...out]).toEqual([...bySentence[0], ...bySentence[1]]);
  });
});

describe("NerTagger spans", () => {
  it("skips, in mixed-case text, sentences whose capitalised words are all gazetteer mentions", () => {
    const doc = new AnalysisDoc(
      "The talks were held in Berlin. Nothing else happened today. John Smith spoke.",
      {
        id: "t3",
      },
    );
    tokenizer.process(doc);
    const berlin = doc.text.indexOf("Berlin");
    doc.mentions.push({
      start: berlin,
      end: berlin + 6,
      text: "Berlin",
      kind: "place",
      entity: "geonames:2950159",
      by: "test",
    });
    tagger.process(doc);
    expect(doc.ner.map((s) => s.text)).toEqual(["John Smith"]);
  });

  it("match the BIO tags of the words, sentence by sentence (BIO and BILOU models)", () => {
    const text =
      "Angela Merkel met the head of NATO in Berlin. Nigerian troops killed Boko Haram fighters near Cameroon.\n\nthe talks in london were led by john smith. POLICE IN PARIS ARRESTED TWO MEN.";
    const bilou = ["O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC"];
    const all = new NerTagger({ model: tagger.model, allSentences: true });
    for (const t of [
      all,
      new NerTagger({ model: syntheticModel(bilou, true, true, 5), allSentences: true }),
    ]) {
      const doc = new AnalysisDoc(text, { id: "t2" });
      tokenizer.process(doc);
      t.process(doc);
      const words = doc.sentences.map((s) => doc.tokens.slice(s.tokenStart, s.tokenEnd).map((x) => x.text));
      const tags = t.tagSentences(words);
      const expected: string[] = [];
      for (let k = 0; k < words.length; k++) expected.push(...entities(words[k], tags[k]));
      const got = doc.ner.map(
        (sp) =>
          `${sp.type}:${doc.tokens
            .slice(sp.tokenStart, sp.tokenEnd)
            .map((x) => x.text)
            .join(" ")}`,
      );
      expect(got).toEqual(expected);
      for (const sp of doc.ner) expect(doc.text.slice(sp.start, sp.end)).toBe(sp.text);
      expect(expected.length).toBeGreaterThan(4);
    }
  });
});
