/**
 * `node --import tsx eval/linking/main.ts [--data DATA/muc4] [--split train,dev] [--limit N]`:
 * runs the incident-linking evaluation on each split and prints its table.
 */
import { parseArgs } from "node:util";
import { DEFAULT_DATA_ROOT } from "../index.js";
import { runLinking } from "./run.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    split: { type: "string" },
    limit: { type: "string" },
    threshold: { type: "string" },
    out: { type: "string" },
    db: { type: "string" },
  },
});
const data = values.data ?? `${DEFAULT_DATA_ROOT}/muc4`;
for (const split of (values.split ?? "train,dev").split(",")) {
  const r = await runLinking({
    data,
    split,
    ...(values.limit ? { limit: Number(values.limit) } : {}),
    ...(values.db ? { db: values.db.replace("SPLIT", split) } : {}),
    ...(values.out ? { out: values.out.replace("SPLIT", split) } : {}),
    ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
    log: (l) => console.error(`  ${l}`),
  });
  console.log(`${r.table}\n`);
}
