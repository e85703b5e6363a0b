import { describe, expect, it } from "vitest";
import { contentHash } from "./content-hash.js";

describe("contentHash", () => {
  it("is doc: plus the SHA-256 of the UTF-8 text", () => {
    expect(contentHash("")).toBe("doc:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(contentHash("abc")).toBe("doc:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("differs for texts that differ by one character, including non-ASCII", () => {
    expect(contentHash("Bōko Ḥarām")).not.toBe(contentHash("Boko Haram"));
    expect(contentHash("Bōko Ḥarām")).toMatch(/^doc:[0-9a-f]{64}$/);
  });
});
