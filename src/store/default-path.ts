import { join, resolve } from "node:path";

/**
 * Where the database lives unless told otherwise: `$SITREP_DB` when set, else
 * `./.sitrep/sitrep.db` under the current working directory. The folder is created when the
 * store is opened, not here.
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.SITREP_DB?.trim();
  if (fromEnv === ":memory:") return fromEnv;
  return fromEnv ? resolve(cwd, fromEnv) : join(cwd, ".sitrep", "sitrep.db");
}
