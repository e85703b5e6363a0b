import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { collectPaths } from "./collect-paths.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/ingest/", import.meta.url));
const tree = join(fixtures, "tree");
const tmp = mkdtempSync(join(tmpdir(), "sitrep-collect-"));
const isRoot = process.getuid?.() === 0;

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("collectPaths", () => {
  it("walks folders recursively in sorted order, skipping dotfiles and sidecars", async () => {
    const { files, errors } = await collectPaths([tree]);
    expect(errors).toEqual([]);
    expect(files).toEqual([join(tree, "a.txt"), join(tree, "b.txt"), join(tree, "sub", "c.md")]);
  });

  it("keeps explicit files in the order given, without duplicates", async () => {
    const b = join(tree, "b.txt");
    const a = join(tree, "a.txt");
    const { files } = await collectPaths([b, a, tree, b]);
    expect(files).toEqual([b, a, join(tree, "sub", "c.md")]);
  });

  it("reports missing paths as E_NOT_FOUND and carries on", async () => {
    const missing = join(tmp, "missing");
    const { files, errors } = await collectPaths([missing, join(tree, "a.txt")]);
    expect(files).toEqual([join(tree, "a.txt")]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "E_NOT_FOUND", details: { path: missing } });
  });

  it("reports a broken link inside a folder as E_UNREADABLE", async () => {
    const dir = join(tmp, "with-broken-link");
    mkdirSync(dir);
    writeFileSync(join(dir, "good.txt"), "ok");
    symlinkSync(join(dir, "gone.txt"), join(dir, "link.txt"));
    const { files, errors } = await collectPaths([dir]);
    expect(files).toEqual([join(dir, "good.txt")]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "E_UNREADABLE", details: { path: join(dir, "link.txt") } });
  });

  it("reports a link loop inside a folder as E_UNREADABLE (works as root, unlike chmod)", async () => {
    const dir = join(tmp, "with-loop");
    mkdirSync(dir);
    symlinkSync(join(dir, "self"), join(dir, "self"));
    writeFileSync(join(dir, "z.txt"), "ok");
    const { files, errors } = await collectPaths([dir]);
    expect(files).toEqual([join(dir, "z.txt")]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "E_UNREADABLE", details: { path: join(dir, "self") } });
  });

  it("follows a link back up the tree only once", async () => {
    const dir = join(tmp, "cycle");
    mkdirSync(join(dir, "inner"), { recursive: true });
    writeFileSync(join(dir, "inner", "doc.txt"), "ok");
    symlinkSync(dir, join(dir, "inner", "up"));
    const { files, errors } = await collectPaths([dir]);
    expect(errors).toEqual([]);
    expect(files).toEqual([join(dir, "inner", "doc.txt")]);
  });

  it.skipIf(isRoot)(
    "reports an unreadable folder as E_UNREADABLE (skipped as root: chmod does not stop root)",
    async () => {
      const dir = join(tmp, "locked");
      mkdirSync(dir);
      writeFileSync(join(dir, "secret.txt"), "x");
      chmodSync(dir, 0o000);
      try {
        const { files, errors } = await collectPaths([dir]);
        expect(files).toEqual([]);
        expect(errors[0]).toMatchObject({ code: "E_UNREADABLE", details: { path: dir } });
      } finally {
        chmodSync(dir, 0o755);
      }
    },
  );

  it("returns nothing for an empty folder", async () => {
    const dir = join(tmp, "empty");
    mkdirSync(dir);
    expect(await collectPaths([dir])).toEqual({ files: [], errors: [] });
  });
});
