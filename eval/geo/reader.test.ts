import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { geoCorpusName, parseGeoCorpus, readGeoCorpus, repairOffsets } from "./reader.js";

const LGL = `<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="101">
    <title>Storm hits Ashford</title>
    <url>http://example.org/1</url>
    <dltime>2009-03-20</dltime>
    <text><![CDATA[Storm hits Ashford & Kent. Rain in Ashford.]]></text>
    <toponyms>
      <toponym>
        <start>11</start><end>18</end><phrase>Ashford</phrase>
        <gaztag geonameid="2657540"><name>Ashford</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>51.14648</lat><lon>0.87376</lon><country geonameid="2635167">United Kingdom</country></gaztag>
      </toponym>
      <toponym>
        <start>38</start><end>45</end><phrase>Ashford</phrase>
        <gaztag geonameid="2657540"><lat>51.14648</lat><lon>0.87376</lon></gaztag>
      </toponym>
      <toponym>
        <start>21</start><end>25</end><phrase>Kent</phrase>
        <gaztag></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
`;

const GWN = `<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>T</title>
    <link>http://example.org</link>
    <text>Officials in &quot;Leeds&quot; met Canadians.</text>
    <toponyms>
      <toponym><extractedName>Leeds</extractedName><normalisedName/><type>Literal</type><modifierType/>
        <nonLocational>No</nonLocational><start>14</start><end>19</end><geonamesID>2644688</geonamesID>
        <latitude>53.79648</latitude><longitude>-1.54785</longitude></toponym>
      <toponym><extractedName>Canadians</extractedName><normalisedName/><type>Demonym</type><modifierType/>
        <nonLocational>No</nonLocational><start>25</start><end>34</end></toponym>
    </toponyms>
  </article>
</articles>
`;

describe("parseGeoCorpus", () => {
  it("reads LGL/TR-News articles, repairing offsets that point a few characters off", () => {
    const [a] = parseGeoCorpus(LGL, "lgl");
    expect(a.id).toBe("101");
    expect(a.title).toBe("Storm hits Ashford");
    expect(a.text).toBe("Storm hits Ashford & Kent. Rain in Ashford.");
    expect(a.toponyms.map((t) => [t.start, t.end, t.text, t.gold])).toEqual([
      [11, 18, "Ashford", true],
      [21, 25, "Kent", false],
      [35, 42, "Ashford", true],
    ]);
    expect(a.toponyms[0]).toMatchObject({ lat: 51.14648, lon: 0.87376, geonamesId: 2657540 });
    expect(a.toponyms[2].repairedFrom).toBe(38);
  });

  it("reads GeoWebNews articles; only toponyms with a GeoNames id and coordinates count", () => {
    const [a] = parseGeoCorpus(GWN, "GWN");
    expect(a.id).toBe("0");
    expect(a.text).toBe('Officials in "Leeds" met Canadians.');
    expect(a.toponyms).toEqual([
      {
        start: 14,
        end: 19,
        text: "Leeds",
        lat: 53.79648,
        lon: -1.54785,
        geonamesId: 2644688,
        type: "Literal",
        gold: true,
      },
      { start: 25, end: 34, text: "Canadians", type: "Demonym", gold: false },
    ]);
  });
});

describe("repairOffsets", () => {
  it("takes the occurrence nearest to start within ±10 characters", () => {
    const text = "Paris. Paris, Texas.";
    expect(repairOffsets(text, 9, 14, "Paris")).toEqual({ start: 7, end: 12, repaired: true });
    expect(repairOffsets(text, 2, 7, "Paris")).toEqual({ start: 0, end: 5, repaired: true });
    expect(repairOffsets(text, 0, 5, "Paris")).toEqual({ start: 0, end: 5, repaired: false });
    expect(repairOffsets(`${"x".repeat(30)}Lima`, 2, 6, "Lima")).toEqual({
      start: 2,
      end: 6,
      repaired: false,
    });
  });
});

describe("readGeoCorpus", () => {
  it("reads DIR/<corpus>.<split>.xml for any split name and names the path when missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "geo-"));
    writeFileSync(join(dir, "lgl.heldout30.xml"), LGL);
    expect(readGeoCorpus(dir, "lgl", "heldout30")).toHaveLength(1);
    expect(() => readGeoCorpus(dir, "GWN", "test")).toThrow(join(dir, "GWN.test.xml"));
  });

  it("resolves corpus names case-insensitively and rejects others", () => {
    expect(geoCorpusName("tr-news")).toBe("TR-News");
    expect(geoCorpusName("LGL")).toBe("lgl");
    expect(() => geoCorpusName("wotr")).toThrow(/--corpus lgl\|TR-News\|GWN/);
    expect(() => geoCorpusName(undefined)).toThrow(/got none/);
  });
});
