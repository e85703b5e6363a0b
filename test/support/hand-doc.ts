import type { EntityKind } from "../../src/core/index.js";
import { Tokenizer } from "../../src/pipeline/components/tokenizer.js";
import { createDoc } from "../../src/pipeline/create-doc.js";
import type { AnalysisDoc, DateMention, Quantity } from "../../src/pipeline/doc.js";

const tokenizer = new Tokenizer({ pos: true });

export interface HandMention {
  text: string;
  kind: EntityKind;
  id: string;
  /** nth occurrence (0-based) of `text` */
  nth?: number;
  demonym?: boolean;
  parent?: string;
  country?: string;
  precision?: "city" | "admin" | "country" | "region";
  /** coordinates of its geo (0, 0 when not given) */
  lat?: number;
  lon?: number;
}

function find(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in text`);
  }
  return at;
}

/** Builds a tokenised document with hand-made entity, date and quantity layers, for component tests. */
export function handDoc(
  raw: string,
  layers: {
    published?: string;
    mentions?: HandMention[];
    dates?: (Omit<DateMention, "start" | "end" | "text"> & { text: string; nth?: number })[];
    quantities?: (Omit<Quantity, "start" | "end" | "text"> & {
      text: string;
      nth?: number;
      effect?: string;
    })[];
  } = {},
): AnalysisDoc {
  const doc = createDoc(raw, {
    id: "doc:test",
    ...(layers.published ? { published: layers.published } : {}),
  });
  tokenizer.process(doc);
  for (const m of layers.mentions ?? []) {
    const start = find(doc.text, m.text, m.nth);
    doc.mentions.push({
      start,
      end: start + m.text.length,
      text: m.text,
      kind: m.kind,
      entity: m.id,
      by: "hand",
      ...(m.demonym ? { demonym: true } : {}),
    });
    doc.addEntity({
      id: m.id,
      kind: m.kind,
      name: m.text,
      aliases: [],
      ...(m.parent ? { parent: m.parent } : {}),
      ...(m.country
        ? { geo: { lat: m.lat ?? 0, lon: m.lon ?? 0, country: m.country, precision: m.precision ?? "city" } }
        : {}),
    });
  }
  doc.mentions.sort((a, b) => a.start - b.start);
  for (const d of layers.dates ?? []) {
    const start = find(doc.text, d.text, d.nth);
    const { nth: _n, ...rest } = d;
    doc.dates.push({ ...rest, start, end: start + d.text.length });
  }
  for (const q of layers.quantities ?? []) {
    const start = find(doc.text, q.text, q.nth);
    const { nth: _n, ...rest } = q;
    doc.quantities.push({ ...rest, start, end: start + q.text.length });
  }
  return doc;
}
