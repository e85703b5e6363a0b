import { describe, expect, it } from "vitest";
import { isTask, loadRunner, runEval, TASK_DATA, TASKS } from "./index.js";

describe("eval registry", () => {
  it("knows the tasks and their development splits", () => {
    expect([...TASKS]).toEqual(["muc4", "conll", "geo", "wikievents", "actors", "linking"]);
    expect(TASK_DATA.muc4.devSplit).toBe("dev");
    expect(TASK_DATA.conll.devSplit).toBe("testa");
    expect(isTask("muc4")).toBe(true);
    expect(isTask("muc5")).toBe(false);
  });
  it("loads the MUC-4 runner", async () => {
    expect(typeof (await loadRunner("muc4"))).toBe("function");
  }, 30_000);
  it("rejects an unknown task with E_USAGE", async () => {
    await expect(runEval("muc5", { data: ".", split: "dev" })).rejects.toMatchObject({ code: "E_USAGE" });
  });
});
