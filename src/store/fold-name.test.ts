import { describe, expect, it } from "vitest";
import { foldName } from "./fold-name.js";

describe("foldName", () => {
  it("folds case, diacritics, apostrophes, dashes and spacing", () => {
    expect(foldName("Bōko Ḥarām")).toBe("boko haram");
    expect(foldName("  Jama’atu   Ahlis–Sunna ")).toBe("jama'atu ahlis-sunna");
    expect(foldName("ISIS-K")).toBe("isis-k");
  });
});
