import { describe, expect, it } from "vitest";
import { crocusA, crocusB, crocusC } from "../../test/contract/incident-fixtures.js";
import { resolveIncidents } from "../services/incident-resolver.js";
import type { QueueEntry, ReviewHistory } from "../services/review.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Review } from "../store/store.js";
import { analystName, reviewCommand } from "./review-commands.js";

async function store() {
  const s = openSqliteStore(":memory:");
  for (const f of [crocusA, crocusB, crocusC]) {
    await s.saveAnalysis(f);
    await resolveIncidents(s, f);
  }
  return s;
}

describe("reviewCommand", () => {
  it("shows the queue with evidence and documents", async () => {
    const s = await store();
    const out = await reviewCommand(s, []);
    expect(out.human).toMatch(/^6 proposed item\(s\)/);
    expect(out.human).toContain("event doc:a-crocus ev:1");
    expect(out.human).toContain(
      '"Gunmen opened fire at the Crocus City Hall concert venue near Moscow on Friday"',
    );
    expect(out.human).toContain("in: doc:b-crocus, 2024-03-24");
    expect(out.human).toContain("reasons: ");
    const items = (out.data as { items: QueueEntry[] }).items;
    expect(items).toHaveLength(6);
    const links = await reviewCommand(s, ["link"]);
    expect((links.data as { items: QueueEntry[] }).items.every((i) => i.itemKind === "incident_link")).toBe(
      true,
    );
    expect((await reviewCommand(s, ["queue", "event"], { limit: 1 })).human).toMatch(/^1 proposed item/);
    await s.close();
  });

  it("accepts, edits, rejects and shows the history", async () => {
    const s = await store();
    const ok = await reviewCommand(s, ["accept", "event", "doc:a-crocus", "ev:1"], { analyst: "ana" });
    expect(ok.human).toMatch(/^Accepted event ev:1 of doc:a-crocus\n {2}#1 .* ana: proposed → accepted$/);
    const edited = await reviewCommand(s, ["edit", "event", "doc:a-crocus", "ev:1"], {
      analyst: "ben",
      set: '{"killed": 137}',
      note: "official toll",
    });
    expect((edited.data as Review).edit).toEqual({ killed: 137 });
    expect(edited.human).toContain('accepted → edited {"killed":137} — official toll');
    await reviewCommand(s, ["reject", "incident_link", "doc:c-crocus", "ev:2"], { analyst: "ana" });
    const h = await reviewCommand(s, ["history", "event", "doc:a-crocus", "ev:1"]);
    expect(h.human).toContain("event ev:1 of doc:a-crocus: edited");
    expect(h.human).toContain('analyst values: {"killed":137}');
    expect((h.data as ReviewHistory).reviews.map((r) => r.analyst)).toEqual(["ana", "ben"]);
    const none = await reviewCommand(s, ["history", "event", "doc:b-crocus", "ev:7"]);
    expect(none.human).toBe("event ev:7 of doc:b-crocus: proposed\nno decisions yet");
    expect((await reviewCommand(s, [])).human).toMatch(/^4 proposed item/);
    await s.close();
  });

  it("reports usage errors and unknown items with codes", async () => {
    const s = await store();
    const cases: [string[], { set?: string }, string][] = [
      [["edit", "event", "doc:a-crocus", "ev:1"], {}, "E_USAGE"],
      [["edit", "event", "doc:a-crocus", "ev:1"], { set: "{killed: 1}" }, "E_USAGE"],
      [["edit", "event", "doc:a-crocus", "ev:1"], { set: '{"weight": 1}' }, "E_VALIDATION"],
      [["accept", "event", "doc:a-crocus", "ev:1"], { set: '{"killed": 1}' }, "E_USAGE"],
      [["accept", "event", "doc:a-crocus"], {}, "E_USAGE"],
      [["accept", "actor", "doc:a-crocus", "x"], {}, "E_USAGE"],
      [["approve"], {}, "E_USAGE"],
      [["accept", "claim", "doc:a-crocus", "cl:none"], {}, "E_NOT_FOUND"],
      [["history", "claim", "doc:a-crocus", "cl:none"], {}, "E_NOT_FOUND"],
    ];
    for (const [args, opts, code] of cases) {
      await expect(reviewCommand(s, args, { analyst: "ana", ...opts }), args.join(" ")).rejects.toMatchObject(
        {
          code,
        },
      );
    }
    expect(await s.listReviews()).toEqual([]);
    await s.close();
  });
});

describe("analystName", () => {
  it("prefers the flag, then $SITREP_ANALYST, then the login name", () => {
    expect(analystName("ana", { SITREP_ANALYST: "ben" })).toBe("ana");
    expect(analystName(undefined, { SITREP_ANALYST: "ben" })).toBe("ben");
    expect(analystName(" ", {}).length).toBeGreaterThan(0);
  });
});
