import { describe, expect, it } from "vitest";
import { createDoc } from "../create-doc.js";
import { Tokenizer } from "./tokenizer.js";

const tok = new Tokenizer();

function run(text: string) {
  const doc = createDoc(text, {});
  tok.process(doc);
  return doc;
}

describe("text.tokenizer.v1", () => {
  it("gives every token exact offsets into the normalised text", () => {
    const doc = run(
      "ISIS-K’s attack on Moscow killed 4,000 to 6,000?  “Naïve and embryonic,” they said.\r\n\r\nNext.",
    );
    for (const t of doc.tokens) expect(doc.text.slice(t.start, t.end)).toBe(t.text);
    expect(doc.tokens.map((t) => t.text)).toContain("4,000");
    expect(doc.tokens.find((t) => t.text === "Naïve")?.lower).toBe("naive");
  });

  it("splits sentences at full stops and always at blank lines and line-broken headlines", () => {
    const doc = run(
      "Attack in Kabul\nGunmen attacked a hotel. Five died.\n\nA new paragraph without a stop\nAnd another line.",
    );
    const sents = doc.sentences.map((s) => doc.text.slice(s.start, s.end));
    expect(sents).toEqual([
      "Attack in Kabul",
      "Gunmen attacked a hotel.",
      "Five died.",
      "A new paragraph without a stop",
      "And another line.",
    ]);
    for (const [i, s] of doc.sentences.entries()) {
      for (let k = s.tokenStart; k < s.tokenEnd; k++) expect(doc.tokens[k].sent).toBe(i);
    }
  });

  it("starts a sentence after a single line break that follows a full stop", () => {
    const doc = run("It was claimed.\nEstablished nine years ago, the group grew.");
    expect(doc.sentences).toHaveLength(2);
  });

  it("adds part-of-speech tags only when asked", () => {
    const doc = createDoc("Gunmen attacked the hall.", {});
    new Tokenizer({ pos: true }).process(doc);
    expect(doc.tokens.find((t) => t.text === "attacked")?.pos).toBe("VERB");
    expect(run("Gunmen attacked the hall.").tokens[1].pos).toBeUndefined();
  });

  it("copes with empty and whitespace-only text", () => {
    expect(run("").tokens).toEqual([]);
    expect(run("   \n\n  ").sentences).toEqual([]);
  });
});

describe("many tokenizers in one process", () => {
  it("share one wink-nlp instance, so building pipelines again and again never exhausts memory", () => {
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const t = new Tokenizer();
      texts.push(
        t
          .tokenize("ISIS-K attacked Kabul.")
          .map((x) => x.text)
          .join(" "),
      );
    }
    // Identical output from every instance (wink splits "ISIS-K"; the gazetteers re-join it).
    expect(new Set(texts)).toEqual(new Set(["ISIS - K attacked Kabul ."]));
  });
});
