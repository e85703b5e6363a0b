/**
 * `npm run eval [-- --data DIR] [--task NAME] [--limit N]`: every registered benchmark task on
 * its development split with the production pipeline — MUC-4 dev, CoNLL-2003 testa, the three
 * geoparsing corpora dev70, WikiEvents dev — printing each task's table. Without the data it
 * says where to put it and exits 0; a task whose runner is not in the checkout is skipped.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_ROOT, type EvalResult, loadRunner, TASK_DATA, TASKS } from "./index.js";

const LAYOUT = `Expected layout (train/dev splits only; the test splits are held out):
  DATA/muc4/grit_processed/{train,dev}.json   MUC-4, GRIT format (JSON Lines, one document a line)
  DATA/muc4/gtt_processed/{train,dev}.json    MUC-4, GTT format (JSON Lines, templates per document)
  DATA/ner/eng.{train,testa}                  CoNLL-2003 English NER
  DATA/geo/{lgl,TR-News,GWN}.dev70.xml        geoparsing corpora (LGL, TR-News, GeoWebNews)
  DATA/wikievents/dev.jsonl                   WikiEvents
Pass the folder with --data DATA (default: ../shared/data next to the project root).`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string" },
      task: { type: "string" },
      limit: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run eval -- [--data DATA] [--task ${TASKS.join("|")}] [--limit N]\n\n${LAYOUT}`);
    return 0;
  }
  const root = resolve(values.data ?? DEFAULT_DATA_ROOT);
  if (!existsSync(root)) {
    console.log(`No benchmark data at ${root}: nothing to evaluate.\n\n${LAYOUT}`);
    return 0;
  }
  const limit = values.limit !== undefined ? Number(values.limit) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    console.error(`eval: --limit must be a positive integer, got ${values.limit}`);
    return 2;
  }
  const tasks = values.task ? TASKS.filter((t) => t === values.task) : [...TASKS];
  if (!tasks.length) {
    console.error(`eval: unknown task "${values.task}" (tasks: ${TASKS.join(", ")})`);
    return 2;
  }

  const summary: string[] = [];
  let failed = 0;
  for (const task of tasks) {
    const { folder, devSplit, corpora } = TASK_DATA[task];
    const runner = await loadRunner(task);
    if (!runner) {
      console.log(`== ${task}: not available in this checkout (eval/${task}/run.ts is missing); skipped\n`);
      summary.push(`${task}: not available`);
      continue;
    }
    const data = join(root, folder);
    if (!existsSync(data)) {
      console.log(`== ${task}: no data at ${data}; skipped\n`);
      summary.push(`${task}: no data`);
      continue;
    }
    for (const corpus of corpora ?? [undefined]) {
      const name = corpus ? `${task} ${corpus} ${devSplit}` : `${task} ${devSplit}`;
      console.log(`== ${name}`);
      try {
        const r: EvalResult = await runner({
          data,
          split: devSplit,
          ...(corpus ? { corpus } : {}),
          ...(limit ? { limit } : {}),
          log: (line) => console.error(`   ${line}`),
        });
        console.log(`${r.table}\n`);
        const main = Object.entries(r.scores)
          .filter(([k]) => !k.includes(".") && /f1|acc|auc/i.test(k))
          .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(2)}`);
        summary.push(`${name}: ${main.join(", ")}`);
      } catch (e) {
        failed++;
        const err = e as Error & { code?: string };
        console.log(`failed: ${err.message}${err.code ? ` (${err.code})` : ""}\n`);
        summary.push(`${name}: failed`);
      }
    }
  }
  console.log(`== summary\n${summary.map((s) => `  ${s}`).join("\n")}`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
