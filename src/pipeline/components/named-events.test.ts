import { describe, expect, it } from "vitest";
import { handDoc } from "../../../test/support/hand-doc.js";
import { NamedEvents } from "./named-events.js";

const ne = new NamedEvents();

describe("named-events.v1", () => {
  it("finds named events and facilities by their head words, over the places inside them", () => {
    const doc = handDoc(
      "Analysts named the Paris Olympics and the Crocus City Hall as targets, not the Olympic Games in general.",
      {
        mentions: [{ text: "Paris", kind: "place", id: "geonames:2988507", country: "FR" }],
      },
    );
    ne.process(doc);
    const found = doc.mentions.map((m) => [m.text, m.kind, m.entity]);
    expect(found).toEqual([
      ["Paris Olympics", "named_event", "event:paris-olympics"],
      ["Crocus City Hall", "facility", "facility:crocus-city-hall"],
      ["Olympic Games", "named_event", "event:olympic-games"],
    ]);
    expect(doc.entities.get("event:paris-olympics")?.geo?.country).toBe("FR");
  });

  it("needs a name before a facility head and ignores lower-case and all-caps text", () => {
    const doc = handDoc("The hall was empty. A concert hall in town.");
    ne.process(doc);
    expect(doc.mentions).toEqual([]);
    const upper = handDoc("THE CROCUS CITY HALL WAS ATTACKED.");
    ne.process(upper);
    expect(upper.mentions).toEqual([]);
  });
});
