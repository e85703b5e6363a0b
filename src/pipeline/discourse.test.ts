import { describe, expect, it } from "vitest";
import { handDoc } from "../../test/support/hand-doc.js";
import { Discourse } from "./discourse.js";

describe("Discourse.isSource", () => {
  it("reads a group that says or denounces something as the source, past its acronym", () => {
    const doc = handDoc(
      "the farabundo marti national liberation front (fmln) denounced the bombing of the university. the fmln attacked a bridge.",
      {
        mentions: [
          { text: "farabundo marti national liberation front", kind: "armed_group", id: "fmln" },
          { text: "fmln", kind: "armed_group", id: "fmln" },
          { text: "fmln", kind: "armed_group", id: "fmln", nth: 1 },
        ],
      },
    );
    const disc = new Discourse(doc);
    expect(doc.mentions.map((m) => disc.isSource(m))).toEqual([true, true, false]);
  });
});
