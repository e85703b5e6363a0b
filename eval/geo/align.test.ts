import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/pipeline/normalize.js";
import { alignNormalized } from "./align.js";

describe("alignNormalized", () => {
  it("is the identity for text that normalisation leaves alone", () => {
    const m = alignNormalized("Kabul", "Kabul");
    expect([m.toRaw(0), m.endToRaw(5)]).toEqual([0, 5]);
  });

  it("maps offsets across deleted, replaced and composed characters", () => {
    const raw = "  Caf\u0065\u0301 in\u00a0Tir\u00adana\r\nnow ";
    const norm = normalizeText(raw);
    expect(norm).toBe("Café in Tirana\nnow");
    const m = alignNormalized(raw, norm);
    const span = (s: number, e: number) => raw.slice(m.toRaw(s), m.endToRaw(e));
    expect(span(0, 4)).toBe("Cafe\u0301");
    expect(span(8, 14)).toBe("Tir\u00adana");
    expect(span(15, 18)).toBe("now");
  });
});
