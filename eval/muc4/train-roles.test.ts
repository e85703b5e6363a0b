import { describe, expect, it } from "vitest";
import { ROLE_TAGS } from "../../src/pipeline/components/event-roles.js";
import { createTokenizer } from "../../src/pipeline/components/tokenizer.js";
import { createDoc } from "../../src/pipeline/create-doc.js";
import { goldTags, truecase } from "./train-roles.js";
import { emptyFillers } from "./types.js";

describe("goldTags", () => {
  it("labels every token-aligned occurrence of each filler, longer strings first", () => {
    const text = "the fmln attacked the bridge. the fmln guerrillas fled; fmlnx is no match.";
    const doc = createDoc(text, {});
    createTokenizer({}).process(doc);
    const tags = goldTags(doc, {
      docid: "X",
      doctext: text,
      templates: [
        {
          incident_type: "attack",
          ...emptyFillers(),
          PerpOrg: [["fmln"]],
          PerpInd: [["fmln guerrillas"]],
          Target: [["bridge"]],
        },
      ],
    });
    const labelled = doc.tokens.map((t, i) => [t.text, ROLE_TAGS[tags[i]]]).filter(([, tag]) => tag !== "O");
    expect(labelled).toEqual([
      ["fmln", "B-PerpOrg"],
      ["bridge", "B-Target"],
      ["fmln", "B-PerpInd"],
      ["guerrillas", "I-PerpInd"],
    ]);
  });
});

describe("truecase", () => {
  it("capitalises sentence starts and victims' names, keeping every offset", () => {
    const text = "gunmen killed bernardo jaramillo ossa in the city. police said so.";
    const doc = createDoc(text, {});
    createTokenizer({}).process(doc);
    const out = truecase(doc, ["bernardo jaramillo ossa"]);
    expect(out.length).toBe(text.length);
    expect(out).toBe("Gunmen killed Bernardo Jaramillo Ossa in the city. Police said so.");
  });
});
