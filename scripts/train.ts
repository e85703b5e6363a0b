/**
 * Trains a model: `node --import tsx scripts/train.ts <task> [options]` (or `npm run train --
 * <task> ...` once package.json has the script).
 *
 * Tasks:
 *   conll   the NER tagger (src/pipeline/components/ner-tagger.ts) on CoNLL-2003 eng.train,
 *           epochs chosen on eng.testa; writes src/pipeline/resources/ner-perceptron.{json,bin}.
 *           Options: --data DIR (folder with eng.train, eng.testa; required), --epochs N,
 *           --patience N, --seed N, --scheme BIO|BILOU, --lower F, --upper F (fractions of
 *           documents added lower/upper-cased), --prune X, --no-history, --no-gazetteer, --no-profile,
 *           --out BASE (path without extension).
 *   muc4    the event-role tagger (src/pipeline/components/event-roles.ts) on the MUC-4 training
 *           split (epochs chosen on a held-out tenth of it) and its document-level re-ranker (on
 *           cross-validated tagger output); writes src/pipeline/resources/event-roles.{json,bin,
 *           rerank.json}. Options: --data DIR (the muc4 folder holding gtt_processed/train.json;
 *           required), --epochs N (most tried; with --fixed-epochs, the count used), --seed N,
 *           --prune X, --folds N, --variants lower,upper,mixed (case variants trained on),
 *           --out BASE.
 */
import { trainConll } from "../eval/conll/train.js";
import { trainRoles } from "../eval/muc4/train-roles.js";

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (a.startsWith("--no-")) flags.set(a.slice(5), "false");
      else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) flags.set(a.slice(2), argv[++i]);
      else flags.set(a.slice(2), "true");
    } else positional.push(a);
  }
  return { positional, flags };
}

function num(flags: Map<string, string>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number (got "${v}")`);
  return n;
}

const TASKS = ["conll", "muc4"];

async function main(): Promise<number> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const task = positional[0];
  if (!task || !TASKS.includes(task)) {
    console.error(`unknown task${task ? ` "${task}"` : ""}; tasks: ${TASKS.join(", ")}`);
    return 2;
  }
  if (task === "muc4") {
    const data = flags.get("data");
    if (!data) {
      console.error("train muc4 needs --data DIR (the muc4 folder holding gtt_processed/train.json)");
      return 2;
    }
    const result = trainRoles({
      data,
      out: flags.get("out"),
      epochs: num(flags, "epochs"),
      seed: num(flags, "seed"),
      prune: num(flags, "prune"),
      folds: num(flags, "folds"),
      fixedEpochs: flags.get("fixed-epochs") === "true",
      ...(flags.get("variants")
        ? { variants: (flags.get("variants") as string).split(",") as ("lower" | "upper" | "mixed")[] }
        : {}),
      log: (line) => console.log(line),
    });
    console.log(
      `\nbest epoch ${result.bestEpoch}; held-out candidate F1 ${result.heldoutF1.toFixed(2)}; ${result.features} features, ${(result.bytes / 1e6).toFixed(2)} MB; ${result.seconds.toFixed(0)} s`,
    );
  }
  if (task === "conll") {
    const data = flags.get("data");
    if (!data) {
      console.error("train conll needs --data DIR (the folder holding eng.train and eng.testa)");
      return 2;
    }
    const scheme = flags.get("scheme")?.toUpperCase();
    if (scheme && scheme !== "BIO" && scheme !== "BILOU") {
      console.error(`--scheme must be BIO or BILOU (got "${scheme}")`);
      return 2;
    }
    const result = trainConll({
      data,
      out: flags.get("out"),
      epochs: num(flags, "epochs"),
      patience: num(flags, "patience"),
      seed: num(flags, "seed"),
      scheme: scheme as "BIO" | "BILOU" | undefined,
      lowerFraction: num(flags, "lower"),
      upperFraction: num(flags, "upper"),
      prune: num(flags, "prune"),
      history: flags.get("history") !== "false",
      gazetteer: flags.get("gazetteer") !== "false",
      caseProfile: flags.get("profile") !== "false",
      log: (line) => console.log(line),
    });
    console.log(`\n${result.table}`);
    console.log(
      `\nbest epoch ${result.bestEpoch}; dev F1 ${result.devF1.toFixed(2)} (lower ${result.devF1Lower.toFixed(2)}, upper ${result.devF1Upper.toFixed(2)}); ${result.features} features, ${(result.bytes / 1e6).toFixed(2)} MB; ${result.seconds.toFixed(0)} s`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
