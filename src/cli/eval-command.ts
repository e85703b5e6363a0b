import { join } from "node:path";
import { DEFAULT_DATA_ROOT, isTask, runEval, TASK_DATA, TASKS } from "../../eval/index.js";
import { SitrepError } from "../core/errors.js";

export interface EvalCommandArgs {
  task?: string;
  data?: string;
  split?: string;
  out?: string;
  corpus?: string;
  templatesOut?: string;
  limit?: number;
  json?: boolean;
}

/**
 * `sitrep eval <task> [--data DIR] [--split NAME] [--corpus C] [--out FILE] [--templates-out FILE]
 * [--limit N] [--json]`: scores the production pipeline on one benchmark with the project's own
 * metric and prints the report table (or the scores as JSON). `--data` defaults to the task's
 * folder under ../shared/data and `--split` to its development split.
 */
export async function evalCommand(args: EvalCommandArgs, out: NodeJS.WritableStream): Promise<number> {
  if (!args.task) throw new SitrepError("E_USAGE", `eval needs a TASK (${TASKS.join(", ")})`);
  if (!isTask(args.task))
    throw new SitrepError("E_USAGE", `unknown eval task "${args.task}" (tasks: ${TASKS.join(", ")})`);
  if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1))
    throw new SitrepError("E_USAGE", `--limit must be a positive integer, got ${args.limit}`);
  const defaults = TASK_DATA[args.task];
  const result = await runEval(args.task, {
    data: args.data ?? join(DEFAULT_DATA_ROOT, defaults.folder),
    split: args.split ?? defaults.devSplit,
    ...(args.out ? { out: args.out } : {}),
    ...(args.corpus ? { corpus: args.corpus } : {}),
    ...(args.templatesOut ? { templatesOut: args.templatesOut } : {}),
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    ...(process.stderr.isTTY && !args.json
      ? { log: (line: string) => process.stderr.write(`${line}\n`) }
      : {}),
  });
  const { task, split, scores, table } = result;
  out.write(args.json ? `${JSON.stringify({ task, split, scores, table }, null, 2)}\n` : `${table}\n`);
  return 0;
}
