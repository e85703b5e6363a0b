import { describe, expect, it } from "vitest";
import { isNumberWord, numberWordValue, parseNumberWords, parseNumeral } from "./number-words.js";

const words = (s: string): string[] => s.split(" ");

describe("parseNumberWords", () => {
  const cases: [string, number, number][] = [
    ["nine", 9, 1],
    ["nineteen people", 19, 1],
    ["twenty - two", 22, 3],
    ["twenty-two", 22, 1],
    ["twenty two", 22, 2],
    ["two thousand", 2000, 2],
    ["a thousand men", 1000, 2],
    ["an hundred", 100, 2],
    ["one hundred and fifty", 150, 4],
    ["one hundred and fifty - six hostages", 156, 6],
    ["two thousand three hundred", 2300, 4],
    ["one million two hundred thousand", 1_200_000, 5],
    ["three million", 3_000_000, 2],
    ["ninety - nine", 99, 3],
  ];
  for (const [text, value, consumed] of cases) {
    it(`${text} → ${value}`, () => {
      expect(parseNumberWords(words(text), 0)).toEqual({ value, consumed });
    });
  }

  it("stops between separate numbers and at non-number words", () => {
    expect(parseNumberWords(words("two three"), 0)).toEqual({ value: 2, consumed: 1 });
    expect(parseNumberWords(words("twenty ninety"), 0)).toEqual({ value: 20, consumed: 1 });
    expect(parseNumberWords(words("five and six"), 0)).toEqual({ value: 5, consumed: 1 });
    expect(parseNumberWords(words("two hundred and"), 0)).toEqual({ value: 200, consumed: 2 });
  });

  it("rejects what is not a number", () => {
    expect(parseNumberWords(words("a man"), 0)).toBeUndefined();
    expect(parseNumberWords(words("first"), 0)).toBeUndefined();
    expect(parseNumberWords(words("hundred"), 0)).toBeUndefined();
    expect(parseNumberWords(words("the nine"), 0)).toBeUndefined();
  });

  it("starts at the given index", () => {
    expect(parseNumberWords(words("killed nine people"), 1)).toEqual({ value: 9, consumed: 1 });
  });
});

describe("numerals and word look-ups", () => {
  it("parses digit numerals with commas and decimals", () => {
    expect(parseNumeral("4,000")).toBe(4000);
    expect(parseNumeral("1,234,567")).toBe(1234567);
    expect(parseNumeral("1.5")).toBe(1.5);
    expect(parseNumeral("137")).toBe(137);
    expect(parseNumeral("4,00")).toBeUndefined();
    expect(parseNumeral("10:30")).toBeUndefined();
    expect(parseNumeral("5th")).toBeUndefined();
  });

  it("knows number words", () => {
    expect(numberWordValue("twelve")).toBe(12);
    expect(numberWordValue("forty")).toBe(40);
    expect(numberWordValue("hundred")).toBeUndefined();
    expect(isNumberWord("hundred")).toBe(true);
    expect(isNumberWord("first")).toBe(false);
  });
});
