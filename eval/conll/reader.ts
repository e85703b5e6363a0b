import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../src/core/index.js";

/**
 * Reader for the CoNLL-2003 column format (data README §3.1): one token a line,
 * `token POS chunk NER` separated by single spaces, IOB1 tags (`I-TYPE`; `B-TYPE` only
 * between two adjacent entities of one type), a blank line between sentences, and
 * `-DOCSTART- -X- O O` lines between articles.
 */

export interface ConllToken {
  word: string;
  /** Every column of the line, in order (word, POS, chunk, NER for eng.*). */
  columns: string[];
  /** The last column: the gold NER tag. */
  tag: string;
}

export interface ConllSentence {
  tokens: ConllToken[];
}

/** The sentences between two `-DOCSTART-` lines. */
export interface ConllDocument {
  sentences: ConllSentence[];
}

/** Path of a split: `DIR/eng.<split>`. */
export function conllPath(dir: string, split: string): string {
  return join(dir, `eng.${split}`);
}

function isDocStart(line: string): boolean {
  return line.startsWith("-DOCSTART-");
}

/**
 * Parses the file text into documents of sentences. Text before the first `-DOCSTART-` is a
 * document of its own (the data here puts the first marker at the end of the file); empty
 * documents are dropped.
 */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [] };
  let sent: ConllToken[] = [];
  const endSentence = () => {
    if (sent.length > 0) doc.sentences.push({ tokens: sent });
    sent = [];
  };
  const endDoc = () => {
    endSentence();
    if (doc.sentences.length > 0) docs.push(doc);
    doc = { sentences: [] };
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") {
      endSentence();
      continue;
    }
    if (isDocStart(line)) {
      endDoc();
      continue;
    }
    const columns = line.split(/\s+/);
    if (columns.length < 2) {
      throw new SitrepError("E_FORMAT", `CoNLL line ${i + 1} has fewer than two columns: "${line}"`, {
        line: i + 1,
      });
    }
    sent.push({ word: columns[0], columns, tag: columns[columns.length - 1] });
  }
  endDoc();
  return docs;
}

/** Reads `DIR/eng.<split>`; a missing file is an `E_NOT_FOUND` error naming the path. */
export function readConll(dir: string, split: string): ConllDocument[] {
  const path = conllPath(dir, split);
  if (!existsSync(path)) {
    throw new SitrepError("E_NOT_FOUND", `CoNLL split "${split}" not found: ${path}`, { path });
  }
  return parseConll(readFileSync(path, "utf8"));
}

/**
 * Writes the documents back in the input format with one more column per token (the
 * predicted tags, one array per sentence in document order), `-DOCSTART- -X- O O` before
 * each document, as conlleval reads it.
 */
export function formatConllWithPredictions(docs: ConllDocument[], predicted: string[][]): string {
  const out: string[] = [];
  let k = 0;
  for (const doc of docs) {
    out.push("-DOCSTART- -X- O O O", "");
    for (const s of doc.sentences) {
      const tags = predicted[k++];
      if (!tags || tags.length !== s.tokens.length) {
        throw new SitrepError("E_VALIDATION", `prediction ${k - 1} does not match its sentence length`);
      }
      for (let i = 0; i < s.tokens.length; i++) out.push(`${s.tokens[i].columns.join(" ")} ${tags[i]}`);
      out.push("");
    }
  }
  return `${out.join("\n")}\n`;
}
