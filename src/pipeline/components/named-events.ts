import { slugify } from "../../core/index.js";
import type { AnalysisDoc, EntityMention, Token } from "../doc.js";
import type { Component } from "../pipeline.js";

/** Heads that end a named event ("Paris Olympics", "Euro 2024", "Hajj"). */
const EVENT_HEADS = new Set([
  "olympics",
  "olympic",
  "paralympics",
  "games",
  "cup",
  "championship",
  "championships",
  "festival",
  "marathon",
  "summit",
  "carnival",
  "parade",
  "expo",
  "grand prix",
]);
/** Heads that end a named facility ("Crocus City Hall", "Hamid Karzai International Airport"). */
const FACILITY_HEADS = new Set([
  "hall",
  "airport",
  "mosque",
  "church",
  "cathedral",
  "synagogue",
  "shrine",
  "temple",
  "stadium",
  "arena",
  "hotel",
  "theatre",
  "theater",
  "mall",
  "market",
  "bazaar",
  "gate",
  "station",
  "prison",
  "parliament",
  "palace",
  "bridge",
  "base",
  "university",
  "school",
  "hospital",
  "cemetery",
]);
/** Capitalised words that begin sentences or are function words, never part of a name. */
const NOT_NAME = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "its",
  "his",
  "her",
  "their",
  "our",
  "in",
  "at",
  "on",
  "of",
]);

function isCap(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return (c >= 65 && c <= 90) || /^\d{4}$/.test(t.text);
}

/**
 * Named events and facilities by their heads: a run of capitalised words ending in a head word
 * ("Paris Olympics", "Olympic Games", "Crocus City Hall", "Abbey Gate"). Runs after the place
 * gazetteer so "Paris" inside "Paris Olympics" is re-labelled as part of the event name.
 */
export class NamedEvents implements Component {
  readonly name = "named-events.v1";
  readonly requires = ["tokens", "sentences"] as const;
  readonly assigns = ["mentions"] as const;

  process(doc: AnalysisDoc): void {
    const toks = doc.tokens;
    const upper = toks.length > 0 && toks.filter((t) => /[a-z]/.test(t.text)).length < toks.length * 0.05;
    if (upper) return; // all-caps text gives no capitalisation signal
    const added: EntityMention[] = [];
    for (let i = 0; i < toks.length; i++) {
      const head = toks[i].lower;
      const isEvent = EVENT_HEADS.has(head);
      const isFacility = FACILITY_HEADS.has(head);
      if (!(isEvent || isFacility) || !isCap(toks[i])) continue;
      let j = i;
      while (
        j - 1 >= 0 &&
        toks[j - 1].sent === toks[i].sent &&
        isCap(toks[j - 1]) &&
        !NOT_NAME.has(toks[j - 1].lower)
      ) {
        // a capitalised word at the very start of a sentence counts only if more name words follow
        j--;
      }
      // "Olympic Games", "2024 Olympics" may stand alone; facilities need a modifier ("Crocus City Hall").
      let k = i + 1;
      if (head === "olympic" && toks[k]?.lower === "games") k++;
      else if (head === "olympic") continue;
      if (j === i && isFacility) continue;
      if (j === i && isEvent && !["olympics", "paralympics"].includes(head)) continue;
      const start = toks[j].start;
      const end = toks[k - 1].end;
      const text = doc.text.slice(start, end);
      const kind = isEvent || head === "games" ? "named_event" : "facility";
      const id = `${kind === "named_event" ? "event" : "facility"}:${slugify(text)}`;
      // "Paris Olympics" takes its location from the place in its name
      const inner = doc.mentions.find(
        (m) => m.start >= start && m.end <= end && (m.kind === "place" || m.kind === "state"),
      );
      const geo = inner ? doc.entities.get(inner.entity)?.geo : undefined;
      doc.addEntity({
        id,
        kind,
        name: text,
        aliases: [],
        ...(geo ? { geo, countries: geo.country ? [geo.country] : [] } : {}),
      });
      added.push({ start, end, text, kind, entity: id, by: this.name });
      i = k - 1;
    }
    if (!added.length) return;
    // Named spans win over places and states inside them ("Paris" in "Paris Olympics").
    doc.mentions = doc.mentions
      .filter(
        (m) =>
          !added.some(
            (a) => m.start >= a.start && m.end <= a.end && (m.kind === "place" || m.kind === "state"),
          ),
      )
      .concat(
        added.filter(
          (a) =>
            !doc.mentions.some(
              (m) => m.start < a.end && a.start < m.end && m.kind !== "place" && m.kind !== "state",
            ),
        ),
      )
      .sort((a, b) => a.start - b.start);
  }
}

export function createNamedEvents(): NamedEvents {
  return new NamedEvents();
}
