import { fileURLToPath } from "node:url";
import { SitrepError } from "../src/core/errors.js";
import type { EvalOptions, EvalResult } from "./types.js";

export type { EvalOptions, EvalResult } from "./types.js";

/** The benchmark tasks `sitrep eval` knows, in the order `npm run eval` runs them. */
export const TASKS = ["muc4", "conll", "geo", "wikievents", "actors", "linking"] as const;
export type Task = (typeof TASKS)[number];

export type EvalRunner = (opts: EvalOptions) => Promise<EvalResult>;

/**
 * Each task's runner, loaded on demand so that a task whose files are missing from a checkout
 * does not break the others. Specifiers are relative to this file.
 */
const RUNNERS: Record<Task, { path: string; exportName: string }> = {
  muc4: { path: "./muc4/run.js", exportName: "runMuc4" },
  conll: { path: "./conll/run.js", exportName: "runConll" },
  geo: { path: "./geo/run.js", exportName: "runGeo" },
  wikievents: { path: "./wikievents/run.js", exportName: "runWikievents" },
  actors: { path: "./actors/run.js", exportName: "runActors" },
  linking: { path: "./linking/run.js", exportName: "runLinking" },
};

/** Each task's folder under the benchmark data root, and the split `npm run eval` scores. */
export const TASK_DATA: Record<Task, { folder: string; devSplit: string; corpora?: string[] }> = {
  muc4: { folder: "muc4", devSplit: "dev" },
  conll: { folder: "ner", devSplit: "testa" },
  geo: { folder: "geo", devSplit: "dev70", corpora: ["lgl", "TR-News", "GWN"] },
  wikievents: { folder: "wikievents", devSplit: "dev" },
  actors: { folder: "actors", devSplit: "un" },
  linking: { folder: "muc4", devSplit: "dev" },
};

/** The benchmark data root used when none is given: `../shared/data` next to the project root. */
export const DEFAULT_DATA_ROOT = fileURLToPath(new URL("../../shared/data", import.meta.url));

export function isTask(name: string): name is Task {
  return (TASKS as readonly string[]).includes(name);
}

/** True when an import failed because the module itself (not something it imports) is missing. */
function isMissing(e: unknown, path: string): boolean {
  const err = e as { code?: string; message?: string };
  const msg = String(err?.message ?? "");
  const stem = path.replace(/^\.\//, "").replace(/\.js$/, "");
  const notFound =
    err?.code === "ERR_MODULE_NOT_FOUND" ||
    /Cannot find module|Failed to load url|Does the file exist/i.test(msg);
  return notFound && msg.includes(stem);
}

/** The runner of a task, or undefined when its module is not in this checkout. */
export async function loadRunner(task: Task): Promise<EvalRunner | undefined> {
  const { path, exportName } = RUNNERS[task];
  let mod: Record<string, unknown>;
  try {
    // a non-literal specifier: runners written separately need not exist for this file to compile
    const specifier: string = path;
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    if (isMissing(e, path)) return undefined;
    throw e;
  }
  const fn = mod[exportName];
  return typeof fn === "function" ? (fn as EvalRunner) : undefined;
}

/** Runs one benchmark task; an unknown or unavailable task is a usage error. */
export async function runEval(task: string, opts: EvalOptions): Promise<EvalResult> {
  if (!isTask(task))
    throw new SitrepError("E_USAGE", `unknown eval task "${task}" (tasks: ${TASKS.join(", ")})`, { task });
  const runner = await loadRunner(task);
  if (!runner)
    throw new SitrepError(
      "E_USAGE",
      `eval task "${task}" is not available in this checkout (eval/${RUNNERS[task].path.slice(2).replace(/\.js$/, ".ts")} is missing)`,
      { task },
    );
  return runner(opts);
}
