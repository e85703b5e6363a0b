import { describe, expect, it } from "vitest";
import { Tokenizer } from "./components/tokenizer.js";
import { createDoc } from "./create-doc.js";
import { isMostlyUpperCase, PhraseMatcher } from "./phrase-matcher.js";

const tok = new Tokenizer();
const words = (s: string) => tok.tokenize(s).map((t) => t.text);

function tokens(text: string) {
  const doc = createDoc(text, {});
  tok.process(doc);
  return doc;
}

describe("PhraseMatcher", () => {
  const m = new PhraseMatcher<string>();
  m.add({ tokens: words("ISIS-K"), payload: "isis-k" });
  m.add({ tokens: words("Islamic State"), payload: "is" });
  m.add({ tokens: words("Islamic State Khorasan Province"), payload: "isis-k" });
  m.add({ tokens: words("IS"), payload: "is", caseRule: "exact" });
  m.add({ tokens: words("Paris"), payload: "paris", caseRule: "capitalised" });

  it("finds the longest phrase and skips dashes and case", () => {
    const doc = tokens("islamic state khorasan province and ISIS K and ISIS–K and the Islamic State.");
    const found = m.match(doc.tokens).map((x) => [doc.text.slice(x.start, x.end), x.payloads[0]]);
    expect(found).toEqual([
      ["islamic state khorasan province", "isis-k"],
      ["ISIS K", "isis-k"],
      ["ISIS–K", "isis-k"],
      ["Islamic State", "is"],
    ]);
  });

  it("applies case rules, relaxed in all-caps documents", () => {
    const doc = tokens("It is said IS fighters left paris for Paris.");
    const found = m.match(doc.tokens).map((x) => doc.text.slice(x.start, x.end));
    expect(found).toEqual(["IS", "Paris"]);
    const upper = tokens("IS FIGHTERS LEFT PARIS");
    expect(m.match(upper.tokens, { upperDoc: true }).map((x) => x.payloads[0])).toEqual(["is", "paris"]);
  });

  it("never matches across sentences", () => {
    const doc = tokens("They praised the Islamic. State media said nothing.");
    expect(m.match(doc.tokens)).toEqual([]);
  });

  it("tells upper-case documents apart", () => {
    expect(isMostlyUpperCase("SAN SALVADOR, 3 JAN 90 -- THE ARMED FORCES REPORTED AN ATTACK")).toBe(true);
    expect(isMostlyUpperCase("The ARMED forces reported an attack in San Salvador")).toBe(false);
  });
});
