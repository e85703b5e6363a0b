import { existsSync, readFileSync } from "node:fs";
import { SitrepError } from "./core/index.js";
import { DEFAULT_PIPELINE_CONFIG } from "./pipeline/config.js";
import { buildPipeline } from "./pipeline/default-registry.js";
import type { Pipeline } from "./pipeline/pipeline.js";
import { defaultStoreLocation, isPostgresUrl, openStore } from "./store/open.js";
import { openSqliteStore } from "./store/sqlite/sqlite-store.js";
import type { Store } from "./store/store.js";

export interface ComposeOptions {
  /** SQLite file or PostgreSQL URL (postgres://…); default $SITREP_DB or ./.sitrep/sitrep.db */
  db?: string;
  /** JSON file with a pipeline config (docs/pipeline.md); default: the built-in pipeline. */
  pipelineConfig?: string;
}

/** The composition root: config → store → pipeline. The only module that names adapters. */
export class App {
  private storeInstance: Store | undefined;
  private pipelineInstance: Pipeline | undefined;
  /** Where the store is: a SQLite file path or a PostgreSQL URL. */
  readonly dbPath: string;
  constructor(private readonly options: ComposeOptions = {}) {
    this.dbPath = options.db ?? defaultStoreLocation();
  }

  /** Whether the store is PostgreSQL (a server) rather than an embedded SQLite file. */
  get isServerStore(): boolean {
    return isPostgresUrl(this.dbPath);
  }

  /** Opens the store (either adapter); commands that use it call this first. Idempotent. */
  async openStore(): Promise<Store> {
    this.storeInstance ??= await openStore(this.dbPath);
    return this.storeInstance;
  }

  /**
   * The store. A SQLite store opens on first use (so `extract` never touches a database); a
   * PostgreSQL store must be opened with `openStore()` first (connecting is asynchronous).
   */
  get store(): Store {
    if (!this.storeInstance) {
      if (this.isServerStore) {
        throw new SitrepError("E_STORE", "the PostgreSQL store is not open yet (call openStore first)", {
          url: this.dbPath,
        });
      }
      this.storeInstance = openSqliteStore(this.dbPath);
    }
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
