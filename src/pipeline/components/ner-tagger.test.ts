import { describe, expect, it } from "vitest";
import { AnalysisDoc } from "../doc.js";
import {
  buildGazetteerTable,
  CAP_ALL,
  CAP_INITIAL,
  CAP_LOWER,
  CAP_MIXED,
  CAP_NONE,
  GAZ_TYPES,
  Gazetteer,
  HashIndex,
  hashString,
  NerModel,
  NerTagger,
  nerSpans,
  sentenceCaseMode,
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
