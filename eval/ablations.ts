/**
 * `node --import tsx eval/ablations.ts [--data DATA] [--limit N]`: what each pipeline component
 * contributes. Runs MUC-4 dev, the three geoparsing corpora (dev70) and WikiEvents dev with the
 * production pipeline and with one component (or group) left out at a time, and prints one table
 * (the source of the ablation table in docs/quality.md). Dev splits only; without the data it says
 * so and exits 0.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from "../src/pipeline/config.js";
import { runGeo } from "./geo/run.js";
import { DEFAULT_DATA_ROOT } from "./index.js";
import { runMuc4 } from "./muc4/run.js";
import type { EvalResult } from "./types.js";
import { runWikievents } from "./wikievents/run.js";

/** Variants: a label and the components left out of the production pipeline. */
export const VARIANTS: { label: string; without: string[] }[] = [
  { label: "full pipeline", without: [] },
  { label: "without the NER tagger (+ its mentions)", without: ["ner.perceptron.v1", "ner.mentions.v1"] },
  { label: "without the event-role tagger", without: ["event-roles.v1"] },
  { label: "without named events/facilities", without: ["named-events.v1"] },
  { label: "without the actor gazetteer", without: ["actors.gazetteer.v1"] },
  { label: "without state forces", without: ["actors.forces.v1"] },
  {
    label: "fast profile (no NER, no event-role tagger)",
    without: ["ner.perceptron.v1", "ner.mentions.v1", "event-roles.v1"],
  },
];

/** The production configuration without the named components. */
export function without(names: string[]): PipelineConfig {
  return {
    ...DEFAULT_PIPELINE_CONFIG,
    components: DEFAULT_PIPELINE_CONFIG.components.filter((c) => !names.includes(c.name)),
  };
}

/** A fraction as a percentage; `num` for scores already in percent. */
const pct = (x: number | undefined) => (x === undefined ? "–" : (100 * x).toFixed(2));
const num = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(2));

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: "string" }, limit: { type: "string" } },
  });
  const root = resolve(values.data ?? DEFAULT_DATA_ROOT);
  if (!existsSync(root)) {
    console.log(`No benchmark data at ${root}: nothing to ablate.`);
    return 0;
  }
  const limit = values.limit ? Number(values.limit) : undefined;
  const rows: string[][] = [];
  for (const v of VARIANTS) {
    const pipeline = without(v.without);
    const opts = { split: "dev", pipeline, ...(limit ? { limit } : {}) };
    const score = async (f: () => Promise<EvalResult>) => {
      try {
        return (await f()).scores;
      } catch (e) {
        console.error(`${v.label}: ${(e as Error).stack}`);
        return {} as Record<string, number>;
      }
    };
    const muc = await score(() => runMuc4({ ...opts, data: join(root, "muc4") }));
    const geo: Record<string, Record<string, number>> = {};
    for (const corpus of ["lgl", "TR-News", "GWN"]) {
      geo[corpus] = await score(() => runGeo({ ...opts, split: "dev70", corpus, data: join(root, "geo") }));
    }
    const we = await score(() => runWikievents({ ...opts, data: join(root, "wikievents") }));
    const geoCell = (c: string) => `${pct(geo[c]?.f1)} / ${pct(geo[c]?.acc161)}`;
    rows.push([
      v.label,
      num(muc.role_filler_f1),
      num(muc.template_f1),
      geoCell("lgl"),
      geoCell("TR-News"),
      geoCell("GWN"),
      pct(we.argC_f1),
    ]);
    console.error(`done: ${v.label} ${JSON.stringify({ muc, geo, we })}`);
  }
  const head = [
    "variant",
    "MUC-4 roles F1",
    "MUC-4 templates F1",
    "LGL F1 / acc@161",
    "TR-News F1 / acc@161",
    "GWN F1 / acc@161",
    "WikiEvents Arg-C",
  ];
  console.log(`| ${head.join(" | ")} |\n| ${head.map(() => "---").join(" | ")} |`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
