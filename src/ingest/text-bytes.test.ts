import { describe, expect, it } from "vitest";
import { decodeUtf8, firstInvalidUtf8, lineAt, looksBinary, utf16Bom } from "./text-bytes.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("text byte checks", () => {
  it("treats UTF-8 prose, including non-Latin scripts, as text", () => {
    expect(looksBinary(enc("Attack in Kabul.\n\tIndented — «quoted» الدولة الإسلامية"))).toBe(false);
    expect(looksBinary(new Uint8Array())).toBe(false);
  });

  it("spots NUL bytes and control-character noise", () => {
    expect(looksBinary(new Uint8Array([0x41, 0x00, 0x41]))).toBe(true);
    expect(looksBinary(new Uint8Array(100).fill(0x02))).toBe(true);
  });

  it("only looks at the first 8 KB", () => {
    const bytes = new Uint8Array(9000).fill(0x41);
    bytes[8500] = 0;
    expect(looksBinary(bytes)).toBe(false);
  });

  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(enc("héllo ✓ 𝄞"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe2, 0x82]))).toBe(1); // truncated
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0); // out of range
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x80]))).toBe(1); // lone continuation
  });

  it("decodes valid UTF-8 and drops a BOM", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: "A" });
    expect(decodeUtf8(new Uint8Array([0x41, 0xe9, 0x41]))).toEqual({ invalidAt: 1 });
  });

  it("recognises UTF-16 byte-order marks and counts lines", () => {
    expect(utf16Bom(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toBe("utf-16le");
    expect(utf16Bom(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toBe("utf-16be");
    expect(utf16Bom(enc("AB"))).toBeUndefined();
    expect(lineAt(enc("a\nb\nc"), 4)).toBe(3);
  });
});
