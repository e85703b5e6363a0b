import { describe, expect, it } from "vitest";
import { child, childElements, decodeEntities, parseXml, textOf } from "./xml.js";

describe("parseXml", () => {
  it("reads elements, attributes, CDATA, entities and comments", () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment -->\n<articles>\n  <article docid="7" kind='x &amp; y'>\n    <text><![CDATA[Fish & <chips> in Leeds]]></text>\n    <title>Tom &amp; Jerry &quot;go&quot; &#233;&#x41;</title>\n    <empty/>\n  </article>\n</articles>\n`,
    );
    expect(root.name).toBe("articles");
    const [a] = childElements(root, "article");
    expect(a.attrs).toEqual({ docid: "7", kind: "x & y" });
    expect(textOf(child(a, "text"))).toBe("Fish & <chips> in Leeds");
    expect(textOf(child(a, "title"))).toBe('Tom & Jerry "go" éA');
    expect(child(a, "empty")).toEqual({ name: "empty", attrs: {}, children: [] });
    expect(textOf(child(a, "missing"))).toBe("");
  });

  it("keeps text offsets as an XML parser reports them (entities decoded, CRLF as LF)", () => {
    const root = parseXml("<t>a &lt;b&gt;\r\nc</t>");
    const text = textOf(root);
    expect(text).toBe("a <b>\nc");
    expect(text.indexOf("c")).toBe(6);
  });

  it("joins text split by a CDATA section", () => {
    expect(textOf(parseXml("<t>ab<![CDATA[&c]]>d</t>"))).toBe("ab&cd");
  });

  it("fails on mismatched or unclosed tags and unknown entities", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/does not match/);
    expect(() => parseXml("<a><b></b>")).toThrow(/unclosed/);
    expect(() => parseXml("<a>&nbsp;</a>")).toThrow(/unknown XML entity/);
  });

  it("decodes the predefined entities only once", () => {
    expect(decodeEntities("&amp;lt;")).toBe("&lt;");
  });
});
