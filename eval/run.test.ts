import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

describe("npm run eval (eval/run.ts)", () => {
  it("without data, says where to put it and exits 0", () => {
    const missing = join(root, "no-such-benchmark-folder");
    const r = spawnSync(process.execPath, ["--import", "tsx", "eval/run.ts", "--data", missing], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`No benchmark data at ${missing}`);
    expect(r.stdout).toContain("muc4/grit_processed");
    expect(r.stdout).toContain("--data");
  }, 60_000);
});
