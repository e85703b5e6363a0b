import { existsSync, readFileSync } from "node:fs";
import { SitrepError } from "./core/index.js";
import { DEFAULT_PIPELINE_CONFIG } from "./pipeline/config.js";
import { buildPipeline } from "./pipeline/default-registry.js";
import type { Pipeline } from "./pipeline/pipeline.js";
import { defaultDbPath } from "./store/default-path.js";
import { openSqliteStore } from "./store/sqlite/sqlite-store.js";
import type { Store } from "./store/store.js";

export interface ComposeOptions {
  /** SQLite file; default $SITREP_DB or ./.sitrep/sitrep.db */
  db?: string;
  /** JSON file with a pipeline config (docs/pipeline.md); default: the built-in pipeline. */
  pipelineConfig?: string;
}

/** The composition root: config → store → pipeline. The only module that names adapters. */
export class App {
  private storeInstance: Store | undefined;
  private pipelineInstance: Pipeline | undefined;
  readonly dbPath: string;
  constructor(private readonly options: ComposeOptions = {}) {
    this.dbPath = options.db ?? defaultDbPath();
  }

  /** Opened on first use, so `extract` never touches a database. */
  get store(): Store {
    this.storeInstance ??= openSqliteStore(this.dbPath);
    return this.storeInstance;
  }

  /** Built on first use: compiling the gazetteers takes a moment. */
  get pipeline(): Pipeline {
    this.pipelineInstance ??= buildPipeline(this.pipelineConfig());
    return this.pipelineInstance;
  }

  private pipelineConfig(): unknown {
    const path = this.options.pipelineConfig ?? process.env.SITREP_PIPELINE;
    if (!path) return DEFAULT_PIPELINE_CONFIG;
    if (!existsSync(path))
      throw new SitrepError("E_CONFIG", `pipeline config ${path} does not exist`, { path });
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new SitrepError(
        "E_CONFIG",
        `pipeline config ${path} is not valid JSON: ${(e as Error).message}`,
        { path },
      );
    }
  }

  async close(): Promise<void> {
    await this.storeInstance?.close();
    this.storeInstance = undefined;
  }
}
