import { describe, expect, it } from "vitest";
import { ROLE_TAGS } from "../../src/pipeline/components/event-roles.js";
import { createTokenizer } from "../../src/pipeline/components/tokenizer.js";
import { createDoc } from "../../src/pipeline/create-doc.js";
import { buildLexicon, goldTags, truecase } from "./train-roles.js";
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

describe("buildLexicon", () => {
  it("counts, per gold string, the documents where it filled each role and those holding it", () => {
    const texts = [
      "guerrillas attacked the farm. the guerrillas fled.",
      "the army said guerrillas were seen near the farm.",
      "guerrillas of the fmln burned a bus.",
    ];
    const docs = texts.map((t) => {
      const d = createDoc(t, {});
      createTokenizer({}).process(d);
      return d;
    });
    const tpl = (f: Partial<ReturnType<typeof emptyFillers>>) => [
      { incident_type: "attack", ...emptyFillers(), ...f },
    ];
    const gtt = [
      { docid: "A", doctext: texts[0], templates: tpl({ PerpInd: [["guerrillas"]], Target: [["farm"]] }) },
      { docid: "B", doctext: texts[1], templates: [] },
      {
        docid: "C",
        doctext: texts[2],
        templates: tpl({ PerpInd: [["guerrillas"]], PerpOrg: [["fmln"]], Target: [["a bus"]] }),
      },
    ];
    const lex = buildLexicon(gtt, docs).toJSON();
    expect(lex.guerrillas).toEqual([2, 0, 0, 0, 0, 3]);
    expect(lex.farm).toEqual([0, 0, 1, 0, 0, 2]);
    expect(lex.bus).toEqual([0, 0, 1, 0, 0, 1]); // "a bus" compared as the scorers do
    // only the documents `include` accepts
    const heldOut = buildLexicon(gtt, docs, (src) => src !== 0).toJSON();
    expect(heldOut.guerrillas).toEqual([1, 0, 0, 0, 0, 2]);
    expect(heldOut.farm).toBeUndefined();
  });
});
