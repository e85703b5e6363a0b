import { slugify } from "../../core/index.js";
import type { AnalysisDoc, EntityMention } from "../doc.js";
import { foldKey } from "../normalize.js";
import { isMostlyUpperCase } from "../phrase-matcher.js";
import type { Component } from "../pipeline.js";

/** Words the tagger labels as names that are not people or organisations here. */
const NOT_NAMES = new Set([
  "shia",
  "sunni",
  "shiite",
  "uyghur",
  "khorasan",
  "islamist",
  "jihadist",
  "muslim",
  "muslims",
  "telegram",
  "koran",
  "quran",
  "allah",
  "god",
  "christian",
  "christians",
  "twitter",
  "facebook",
]);

/**
 * Turns the NER layer's person (PER) and organisation (ORG) spans into entity mentions where no
 * gazetteer mention overlaps: gazetteers resolve names to known entities and win; the tagger
 * finds the people and bodies they do not list, as unresolved entities (`person:<slug>`,
 * `org:<slug>`). Precision rules: without case (all-caps or lower-case copy) only multi-word
 * person names are kept; a one-word person ("Putin") only when the text also gives the full
 * name; religious and platform names the tagger confuses with names are dropped.
 */
export class NerMentions implements Component {
  readonly name = "ner.mentions.v1";
  readonly requires = ["tokens", "ner"] as const;
  readonly assigns = ["mentions"] as const;

  process(doc: AnalysisDoc): void {
    const spans = doc.ner;
    if (!spans.length) return;
    const cased = /[a-z]/.test(doc.text) && /[A-Z]/.test(doc.text) && !isMostlyUpperCase(doc.text);
    const surnames = new Set(
      spans
        .filter((sp) => sp.type === "PER" && sp.tokenEnd - sp.tokenStart > 1)
        .map((sp) => foldKey(doc.tokens[sp.tokenEnd - 1].text)),
    );
    const added: EntityMention[] = [];
    for (const sp of spans) {
      if (sp.type !== "PER" && sp.type !== "ORG") continue;
      if (!cased && sp.type === "ORG") continue;
      const words = sp.text.split(/\s+/);
      if (words.some((w) => NOT_NAMES.has(foldKey(w)))) continue;
      if (sp.type === "PER" && words.length === 1 && (!cased || !surnames.has(foldKey(sp.text)))) continue;
      if (cased && !/^\p{Lu}/u.test(sp.text)) continue;
      if (doc.mentions.some((m) => m.start < sp.end && sp.start < m.end)) continue;
      const kind = sp.type === "PER" ? "person" : "organisation";
      const id = `${kind === "person" ? "person" : "org"}:${slugify(sp.text)}`;
      if (id.endsWith(":")) continue;
      doc.addEntity({ id, kind, name: sp.text, aliases: [] });
      added.push({ start: sp.start, end: sp.end, text: sp.text, kind, entity: id, by: this.name });
    }
    if (added.length) doc.mentions = [...doc.mentions, ...added].sort((a, b) => a.start - b.start);
  }
}

export function createNerMentions(): NerMentions {
  return new NerMentions();
}
