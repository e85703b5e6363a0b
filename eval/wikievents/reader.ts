import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../src/core/index.js";

/** WikiEvents (data README §2.3). All `start`/`end` are token offsets, `end` exclusive. */
export interface WeEntityMention {
  id: string;
  sent_idx: number;
  start: number;
  end: number;
  entity_type: string;
  mention_type: string;
  text: string;
}

export interface WeArgument {
  entity_id: string;
  role: string;
  text: string;
}

export interface WeEventMention {
  id: string;
  event_type: string;
  trigger: { start: number; end: number; text: string; sent_idx: number };
  arguments: WeArgument[];
}

export interface WeDocument {
  doc_id: string;
  tokens: string[];
  text: string;
  /** Per sentence: [[token, char_start, char_end], ...] and the sentence string. */
  sentences: [[string, number, number][], string][];
  entity_mentions: WeEntityMention[];
  event_mentions: WeEventMention[];
}

/** Coreference clusters of one document: lists of entity mention ids (singletons not listed). */
export interface WeCoref {
  doc_key: string;
  clusters: string[][];
  informative_mentions?: string[];
}

/** KAIROS ontology entry (ontology/event_role_KAIROS.json). */
export interface KairosEventType {
  template: string;
  roles: string[];
  role_types: string[][];
  keywords?: string[];
}
export type KairosOntology = Record<string, KairosEventType>;

function readJsonLines<T>(path: string, what: string): T[] {
  if (!existsSync(path)) throw new SitrepError("E_NOT_FOUND", `${what} not found: ${path}`, { path });
  const out: T[] = [];
  const lines = readFileSync(path, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch (e) {
      throw new SitrepError("E_FORMAT", `${path}:${i + 1}: not JSON (${(e as Error).message})`, {
        path,
        line: i + 1,
      });
    }
  }
  return out;
}

/** Parses JSON Lines content of a WikiEvents split. */
export function parseWikievents(content: string): WeDocument[] {
  return content
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as WeDocument);
}

/** Reads `DIR/NAME.jsonl`; a missing file is an error naming the path. */
export function readWikievents(dir: string, split: string): WeDocument[] {
  return readJsonLines<WeDocument>(join(dir, `${split}.jsonl`), "WikiEvents data file");
}

/** Reads `DIR/coref/NAME.jsonlines` when present (coreference credit), keyed by doc id. */
export function readWikieventsCoref(dir: string, split: string): Map<string, WeCoref> | undefined {
  const path = join(dir, "coref", `${split}.jsonlines`);
  if (!existsSync(path)) return undefined;
  return new Map(readJsonLines<WeCoref>(path, "WikiEvents coreference file").map((c) => [c.doc_key, c]));
}

/** Reads `DIR/ontology/event_role_KAIROS.json` when present. */
export function readKairosOntology(dir: string): KairosOntology | undefined {
  const path = join(dir, "ontology", "event_role_KAIROS.json");
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as KairosOntology;
}

/**
 * The document text with each token at a known offset. The distributed `text` glues sentences
 * together ("in SyriaThe desert") while the sentence token offsets assume a separator, so the
 * text is rebuilt from the tokens: original spacing inside a sentence, a line break between
 * sentences. `tokenStarts[i]`/`tokenEnds[i]` are token i's character offsets in `text`.
 */
export function rebuildText(doc: Pick<WeDocument, "sentences" | "tokens">): {
  text: string;
  tokenStarts: number[];
  tokenEnds: number[];
} {
  let text = "";
  const tokenStarts: number[] = [];
  const tokenEnds: number[] = [];
  for (const [toks] of doc.sentences) {
    if (text.length) text += "\n";
    let prevEnd: number | undefined;
    for (const [tok, cs] of toks) {
      if (prevEnd !== undefined) text += " ".repeat(Math.max(0, cs - prevEnd));
      tokenStarts.push(text.length);
      text += tok;
      tokenEnds.push(text.length);
      prevEnd = cs + tok.length;
    }
  }
  if (tokenStarts.length !== doc.tokens.length)
    throw new SitrepError(
      "E_FORMAT",
      `sentence tokens (${tokenStarts.length}) do not add up to the document's tokens (${doc.tokens.length})`,
    );
  return { text, tokenStarts, tokenEnds };
}
