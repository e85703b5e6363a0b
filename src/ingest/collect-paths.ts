import { access, constants, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { SitrepError } from "../core/index.js";
import { fsError } from "./read-source.js";
import { SIDECAR_SUFFIX } from "./sidecar.js";

/**
 * Expands the paths a user gave into the files to read. Files are kept as given (in order,
 * without duplicates); folders are walked recursively in sorted order, skipping dotfiles,
 * dot-folders and `*.meta.json` sidecars, following symbolic links once (a link back to a folder
 * already being walked is skipped). Problems never throw: a missing path is E_NOT_FOUND, an
 * unreadable folder or file (or a broken link inside a folder) E_UNREADABLE, each with
 * `details.path`, and the walk carries on.
 */
export async function collectPaths(paths: string[]): Promise<{ files: string[]; errors: SitrepError[] }> {
  const files: string[] = [];
  const errors: SitrepError[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };

  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (e) {
      errors.push(fsError(e, path));
      continue;
    }
    if (info.isDirectory()) {
      await walk(path, new Set(), add, errors);
    } else if (await readable(path, errors)) {
      add(path);
    }
  }
  return { files, errors };
}

async function walk(
  dir: string,
  ancestors: Set<string>,
  add: (file: string) => void,
  errors: SitrepError[],
): Promise<void> {
  let real: string;
  let names: string[];
  try {
    real = await realpath(dir);
    if (ancestors.has(real)) return; // a link back up the tree
    names = (await readdir(dir)).sort(compareNames);
  } catch (e) {
    errors.push(fsError(e, dir));
    return;
  }
  const inside = new Set(ancestors).add(real);
  for (const name of names) {
    if (name.startsWith(".") || name.endsWith(SIDECAR_SUFFIX)) continue;
    const path = join(dir, name);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(
        code === "ENOENT"
          ? new SitrepError("E_UNREADABLE", `${path} is a broken link`, { path }, { cause: e })
          : fsError(e, path),
      );
      continue;
    }
    if (info.isDirectory()) await walk(path, inside, add, errors);
    else if (info.isFile() && (await readable(path, errors))) add(path);
  }
}

async function readable(path: string, errors: SitrepError[]): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch (e) {
    errors.push(fsError(e, path));
    return false;
  }
}

/** Code-point order, so the walk is the same on every machine and locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
