import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../src/core/index.js";
import { child, childElements, parseXml, textOf, type XmlElement } from "./xml.js";

/** The three corpora (data README §3.2), by the name used in their file names. */
export const GEO_CORPORA = ["lgl", "TR-News", "GWN"] as const;
export type GeoCorpus = (typeof GEO_CORPORA)[number];

/** One annotated toponym. Offsets index `GeoArticle.text` (JavaScript string indices). */
export interface GoldToponym {
  start: number;
  end: number;
  /** The annotated phrase (`text.slice(start, end)` after offset repair). */
  text: string;
  lat?: number;
  lon?: number;
  geonamesId?: number;
  /** GeoWebNews annotation type (Literal, Metonymic, Demonym, Non_Toponym, ...). */
  type?: string;
  /**
   * Counts in the score: it has coordinates (and, for GeoWebNews, a GeoNames id, as published
   * evaluations use). Other annotations are kept so a lenient score can ignore predictions on them.
   */
  gold: boolean;
  /** The offsets were repaired (TR-News quirk): the original start. */
  repairedFrom?: number;
}

export interface GeoArticle {
  id: string;
  title: string;
  text: string;
  toponyms: GoldToponym[];
}

/** Resolves a corpus name case-insensitively ("tr-news" → "TR-News"). */
export function geoCorpusName(name: string | undefined): GeoCorpus {
  const hit = GEO_CORPORA.find((c) => c.toLowerCase() === (name ?? "").toLowerCase());
  if (!hit)
    throw new SitrepError(
      "E_USAGE",
      `geo needs --corpus ${GEO_CORPORA.join("|")} (got ${name === undefined ? "none" : `"${name}"`})`,
    );
  return hit;
}

/** Path of a corpus split: `DIR/<corpus>.<split>.xml`. */
export function geoPath(dir: string, corpus: GeoCorpus, split: string): string {
  return join(dir, `${corpus}.${split}.xml`);
}

function num(s: string): number | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Offsets that do not point at the phrase (117 TR-News toponyms are a few characters late): take
 * the occurrence of the phrase nearest to `start` within ±`window` characters; if there is none,
 * keep the offsets as given.
 */
export function repairOffsets(
  text: string,
  start: number,
  end: number,
  phrase: string,
  window = 10,
): { start: number; end: number; repaired: boolean } {
  if (!phrase || text.slice(start, end) === phrase) return { start, end, repaired: false };
  let best = -1;
  for (let d = 0; d <= window; d++) {
    for (const s of d === 0 ? [start] : [start - d, start + d]) {
      if (s >= 0 && text.startsWith(phrase, s)) {
        best = s;
        break;
      }
    }
    if (best >= 0) break;
  }
  if (best < 0) return { start, end, repaired: false };
  return { start: best, end: best + phrase.length, repaired: true };
}

function lglToponym(text: string, el: XmlElement): GoldToponym {
  const phrase = textOf(child(el, "phrase"));
  const r = repairOffsets(text, Number(textOf(child(el, "start"))), Number(textOf(child(el, "end"))), phrase);
  const gaz = child(el, "gaztag");
  const lat = gaz ? num(textOf(child(gaz, "lat"))) : undefined;
  const lon = gaz ? num(textOf(child(gaz, "lon"))) : undefined;
  const gid = gaz?.attrs.geonameid ? num(gaz.attrs.geonameid) : undefined;
  return {
    start: r.start,
    end: r.end,
    text: text.slice(r.start, r.end),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    ...(gid !== undefined ? { geonamesId: gid } : {}),
    gold: lat !== undefined && lon !== undefined,
    ...(r.repaired ? { repairedFrom: Number(textOf(child(el, "start"))) } : {}),
  };
}

function gwnToponym(text: string, el: XmlElement): GoldToponym {
  const phrase = textOf(child(el, "extractedName"));
  const r = repairOffsets(text, Number(textOf(child(el, "start"))), Number(textOf(child(el, "end"))), phrase);
  const lat = num(textOf(child(el, "latitude")));
  const lon = num(textOf(child(el, "longitude")));
  const gid = num(textOf(child(el, "geonamesID")));
  const type = textOf(child(el, "type")).trim();
  return {
    start: r.start,
    end: r.end,
    text: text.slice(r.start, r.end),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    ...(gid !== undefined ? { geonamesId: gid } : {}),
    ...(type ? { type } : {}),
    gold: lat !== undefined && lon !== undefined && gid !== undefined,
    ...(r.repaired ? { repairedFrom: Number(textOf(child(el, "start"))) } : {}),
  };
}

/** Parses a corpus file's content. */
export function parseGeoCorpus(xml: string, corpus: GeoCorpus): GeoArticle[] {
  const root = parseXml(xml);
  const out: GeoArticle[] = [];
  for (const a of childElements(root, "article")) {
    const text = textOf(child(a, "text"));
    const id = corpus === "GWN" ? a.attrs.file : a.attrs.docid;
    if (id === undefined)
      throw new SitrepError(
        "E_FORMAT",
        `${corpus}: <article> without ${corpus === "GWN" ? "file" : "docid"}`,
      );
    const tops = child(a, "toponyms");
    const toponyms = tops
      ? childElements(tops, "toponym").map((t) =>
          corpus === "GWN" ? gwnToponym(text, t) : lglToponym(text, t),
        )
      : [];
    toponyms.sort((x, y) => x.start - y.start || x.end - y.end);
    out.push({ id, title: textOf(child(a, "title")), text, toponyms });
  }
  return out;
}

/** Reads `DIR/<corpus>.<split>.xml`; a missing file is an error naming the path. */
export function readGeoCorpus(dir: string, corpus: GeoCorpus, split: string): GeoArticle[] {
  const path = geoPath(dir, corpus, split);
  if (!existsSync(path)) throw new SitrepError("E_NOT_FOUND", `geo data file not found: ${path}`, { path });
  return parseGeoCorpus(readFileSync(path, "utf8"), corpus);
}
