import { describe, expect, it } from "vitest";
import { htmlToText, toIsoDate } from "./html-to-text.js";

describe("htmlToText", () => {
  it("prefers the longest article, then main, then body", () => {
    const twoArticles =
      "<body><article><p>Teaser.</p></article><article><p>The long article text is here.</p></article></body>";
    expect(htmlToText(twoArticles).text).toBe("The long article text is here.");
    expect(htmlToText("<body><p>Outside.</p><main><p>Inside main.</p></main></body>").text).toBe(
      "Inside main.",
    );
    expect(htmlToText("<p>No body tag at all.</p>").text).toBe("No body tag at all.");
  });

  it("separates blocks with blank lines and keeps inline text together", () => {
    const html =
      "<body><h2>Heading</h2><div>One <em>two</em><span>three</span></div><p>Four<br/>five</p></body>";
    expect(htmlToText(html).text).toBe("Heading\n\nOne twothree\n\nFour\nfive");
  });

  it("keeps table rows on one line and pre-formatted text as written", () => {
    const html =
      "<body><table><tr><th>Date</th><th>Place</th></tr><tr><td>2024</td><td>Kabul</td></tr></table>" +
      "<pre>line 1\n  line 2</pre></body>";
    expect(htmlToText(html).text).toBe("Date Place\n\n2024 Kabul\n\nline 1\n  line 2");
  });

  it("decodes entities and collapses whitespace", () => {
    expect(htmlToText("<p>Al&#8209;Shabaab &amp;\n\n   partners&nbsp;met</p>").text).toBe(
      "Al\u2011Shabaab & partners met",
    );
  });

  it("survives very deep nesting", () => {
    const html = `${"<div>".repeat(10000)}deep${"</div>".repeat(10000)}`;
    expect(htmlToText(html).text).toBe("deep");
  });

  it("reads the title from og:title, then <title>, then h1", () => {
    expect(htmlToText("<title>T</title><meta property='og:title' content='OG'>").title).toBe("OG");
    expect(htmlToText("<title> Page \n title </title><p>x</p>").title).toBe("Page title");
    expect(htmlToText("<body><h1>Headline</h1></body>").title).toBe("Headline");
    expect(htmlToText("<p>x</p>").title).toBeUndefined();
  });

  it("reads the published date from meta tags or <time datetime>", () => {
    expect(htmlToText("<body><time datetime='2024-03-15'>15 March</time><p>x</p></body>").published).toBe(
      "2024-03-15",
    );
    expect(
      htmlToText("<meta property='article:published_time' content='Fri, 15 Mar 2024 10:00:00 GMT'><p>x</p>")
        .published,
    ).toBe("2024-03-15T10:00:00Z");
    expect(htmlToText("<time datetime='yesterday'>y</time>").published).toBeUndefined();
  });
});

describe("toIsoDate", () => {
  it("keeps ISO values and refuses strings without a year", () => {
    expect(toIsoDate("2024-03-15T10:00:00+01:00")).toBe("2024-03-15T10:00:00+01:00");
    expect(toIsoDate("March 22")).toBeUndefined();
    expect(toIsoDate("not a date 2024")).toBeUndefined();
    expect(toIsoDate("March 15, 2024")).toBe("2024-03-15");
    expect(toIsoDate("2024-03-15 10:00:00Z")).toBe("2024-03-15T10:00:00Z");
  });
});
