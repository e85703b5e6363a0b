import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../src/core/errors.js";
import {
  emptyFillers,
  type FillerEntity,
  type GritDoc,
  type GttDoc,
  ROLES,
  type RoleFillers,
  type Template,
} from "./types.js";

/** `DIR/grit_processed/NAME.json` and `DIR/gtt_processed/NAME.json` (JSON Lines, data README §1.3). */
export function gritPath(dir: string, split: string): string {
  return join(dir, "grit_processed", `${split}.json`);
}
export function gttPath(dir: string, split: string): string {
  return join(dir, "gtt_processed", `${split}.json`);
}

function fail(where: string, what: string): never {
  throw new SitrepError("E_FORMAT", `${where}: ${what}`);
}

/** A list of entities, each a list of `[string, offset]` mentions; entities without mentions are dropped (as eval.py does). */
function entities(value: unknown, where: string): FillerEntity[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(where, "a role must be a list of entities");
  const out: FillerEntity[] = [];
  for (const ent of value) {
    if (!Array.isArray(ent)) fail(where, "an entity must be a list of [string, offset] mentions");
    const strings: string[] = [];
    for (const m of ent) {
      const s = Array.isArray(m) ? m[0] : m;
      if (typeof s !== "string") fail(where, "a mention must be [string, offset]");
      strings.push(s);
    }
    if (strings.length) out.push(strings);
  }
  return out;
}

function roleFillers(value: unknown, where: string): RoleFillers {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(where, "roles must be an object");
  const rec = value as Record<string, unknown>;
  const out = emptyFillers();
  for (const role of ROLES) out[role] = entities(rec[role], `${where} ${role}`);
  return out;
}

function header(
  value: unknown,
  where: string,
): { docid: string; doctext: string; rec: Record<string, unknown> } {
  if (typeof value !== "object" || value === null) fail(where, "a line must be a JSON object");
  const rec = value as Record<string, unknown>;
  if (typeof rec.docid !== "string") fail(where, "missing docid");
  if (typeof rec.doctext !== "string") fail(where, "missing doctext");
  return { docid: rec.docid, doctext: rec.doctext, rec };
}

/** Parses GRIT-format JSON Lines text: one document with its document-level `extracts` per line. */
export function parseGrit(text: string, source = "<grit>"): GritDoc[] {
  return linesOf(text, source).map(({ line, value }) => {
    const where = `${source}:${line}`;
    const { docid, doctext, rec } = header(value, where);
    return { docid, doctext, extracts: roleFillers(rec.extracts, where) };
  });
}

/**
 * Parses GTT-format JSON Lines text: one document with its templates per line. Duplicate
 * templates of a document are kept once (GTT's eval.py does `if template not in templates`).
 */
export function parseGtt(text: string, source = "<gtt>"): GttDoc[] {
  return linesOf(text, source).map(({ line, value }) => {
    const where = `${source}:${line}`;
    const { docid, doctext, rec } = header(value, where);
    if (!Array.isArray(rec.templates)) fail(where, "templates must be a list");
    const templates: Template[] = [];
    const seen = new Set<string>();
    for (const t of rec.templates as unknown[]) {
      if (typeof t !== "object" || t === null) fail(where, "a template must be an object");
      const trec = t as Record<string, unknown>;
      if (typeof trec.incident_type !== "string") fail(where, "a template needs an incident_type string");
      const tpl: Template = { incident_type: trec.incident_type, ...roleFillers(trec, where) };
      const key = JSON.stringify([tpl.incident_type, ...ROLES.map((r) => tpl[r])]);
      if (seen.has(key)) continue;
      seen.add(key);
      templates.push(tpl);
    }
    return { docid, doctext, templates };
  });
}

function linesOf(text: string, source: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t) continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(t) });
    } catch (e) {
      throw new SitrepError("E_FORMAT", `${source}:${i + 1}: not valid JSON (${(e as Error).message})`, {
        path: source,
        line: i + 1,
      });
    }
  }
  return out;
}

function readText(path: string): string {
  if (!existsSync(path))
    throw new SitrepError("E_NOT_FOUND", `MUC-4 data file not found: ${path}`, { file: path });
  return readFileSync(path, "utf8");
}

/** Reads `DIR/grit_processed/SPLIT.json`. */
export function readGrit(dir: string, split: string): GritDoc[] {
  const path = gritPath(dir, split);
  return parseGrit(readText(path), path);
}

/** Reads `DIR/gtt_processed/SPLIT.json`. */
export function readGtt(dir: string, split: string): GttDoc[] {
  const path = gttPath(dir, split);
  return parseGtt(readText(path), path);
}
