import { defaultDbPath } from "./default-path.js";
import { PostgresStore } from "./postgres/postgres-store.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** Whether a store location is a PostgreSQL URL (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return POSTGRES_URL.test(location.trim());
}

/**
 * Opens the store at `location`: a `postgres://` or `postgresql://` URL opens the PostgreSQL
 * adapter (a `?schema=name` parameter keeps Sitrep's tables in that schema), anything else is a
 * SQLite file path (`:memory:` for a throw-away store), opened as `openSqliteStore` does
 * (parent folder created, WAL). Both apply pending migrations; failures are E_STORE.
 */
export async function openStore(location: string): Promise<Store> {
  const where = location.trim();
  if (isPostgresUrl(where)) return PostgresStore.open(where);
  return openSqliteStore(location);
}

/**
 * The store location when none is given: `$SITREP_DB` as is when it is a PostgreSQL URL, else
 * `defaultDbPath()` (which resolves a file path against the working directory, and would mangle
 * a URL).
 */
export function defaultStoreLocation(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  const fromEnv = env.SITREP_DB?.trim();
  if (fromEnv && isPostgresUrl(fromEnv)) return fromEnv;
  return defaultDbPath(env, cwd);
}
