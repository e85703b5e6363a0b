import { describe, expect, it } from "vitest";
import { handDoc } from "../../../test/support/hand-doc.js";
import type { AnalysisDoc } from "../doc.js";
import { NerMentions } from "./ner-mentions.js";

function withNer(
  doc: AnalysisDoc,
  spans: { text: string; type: "PER" | "ORG" | "LOC" | "MISC"; nth?: number }[],
) {
  for (const s of spans) {
    let at = -1;
    for (let k = 0; k <= (s.nth ?? 0); k++) at = doc.text.indexOf(s.text, at + 1);
    const tokenStart = doc.tokens.findIndex((t) => t.start === at);
    const tokenEnd = doc.tokens.findIndex((t) => t.end === at + s.text.length) + 1;
    doc.ner.push({ start: at, end: at + s.text.length, text: s.text, type: s.type, tokenStart, tokenEnd });
  }
  return doc;
}

describe("ner.mentions.v1", () => {
  it("adds people and organisations the gazetteers missed, and lets gazetteer mentions win", () => {
    const doc = withNer(
      handDoc("Vladimir Putin met Amnesty International officials. Putin spoke of ISIS-K and Telegram.", {
        mentions: [{ text: "ISIS-K", kind: "armed_group", id: "isis-k" }],
      }),
      [
        { text: "Vladimir Putin", type: "PER" },
        { text: "Amnesty International", type: "ORG" },
        { text: "Putin", type: "PER", nth: 1 },
        { text: "ISIS-K", type: "ORG" },
        { text: "Telegram", type: "PER" },
      ],
    );
    new NerMentions().process(doc);
    expect(doc.mentions.map((m) => [m.text, m.kind, m.entity])).toEqual([
      ["Vladimir Putin", "person", "person:vladimir-putin"],
      ["Amnesty International", "organisation", "org:amnesty-international"],
      ["Putin", "person", "person:putin"],
      ["ISIS-K", "armed_group", "isis-k"],
    ]);
  });

  it("keeps only full person names in text without case", () => {
    const doc = withNer(handDoc("police said carlos pizarro and the party met koran readers."), [
      { text: "carlos pizarro", type: "PER" },
      { text: "party", type: "ORG" },
      { text: "koran", type: "PER" },
    ]);
    new NerMentions().process(doc);
    expect(doc.mentions.map((m) => m.text)).toEqual(["carlos pizarro"]);
  });
});
