import type { PipelineConfig } from "../src/pipeline/config.js";

/** Options every benchmark runner accepts (`sitrep eval <task>` and `npm run eval`). */
export type EvalOptions = {
  /** Folder holding the task's data files (e.g. `.../data/muc4`). */
  data: string;
  /** Split name: any name works (dev, train, testa, dev70, test, ...); a missing file is an error naming its path. */
  split: string;
  /** Where to write the predictions (task-specific JSON). */
  out?: string;
  /** Geo only: lgl | TR-News | GWN. */
  corpus?: string;
  /** MUC-4 only: where to write the predicted templates. */
  templatesOut?: string;
  /** Score only the first N documents (development runs). */
  limit?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Pipeline configuration (default: the production DEFAULT_PIPELINE_CONFIG); ablations pass variants. */
  pipeline?: PipelineConfig;
};

/** What every runner returns. */
export type EvalResult = {
  task: string;
  split: string;
  scores: Record<string, number>;
  /** human-readable report with per-role/type breakdown */
  table: string;
};
