/**
 * `node --import tsx bench/linking.ts`: incident-resolution time per document as the store grows
 * to 1k, 10k and 100k incidents (synthetic: attacks spread over 20 years and 200 countries, as
 * real reporting is), printed with the ratio to the 1k figure next to the ratio a logarithmic
 * cost would have (log n / log 1000). Blocking by (family, country, precision, date) keeps the
 * candidates per document at the local density of incidents, so the time is a few B-tree
 * descents: it should stay near flat, and must not grow faster than the log column.
 * `BENCH_SIZES=1000,10000` and `BENCH_DOCS=300` change the sizes and the documents timed per size.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Analysis, Document, Event } from "../src/core/index.js";
import {
  blockKeys,
  eventFeatures,
  incidentIdFor,
  resolveIncidents,
  sortKey,
  typeFamily,
} from "../src/services/incident-resolver.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { IncidentMemberInput } from "../src/store/store.js";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const DOCS = Number(process.env.BENCH_DOCS ?? 300);
const SUBTYPES = ["bombing", "armed_assault", "kidnapping", "assassination", "suicide_attack"];
const COUNTRIES = Array.from({ length: 200 }, (_, i) =>
  String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)),
);
const WORDS = [
  "checkpoint",
  "market",
  "convoy",
  "mosque",
  "school",
  "police",
  "station",
  "bus",
  "hotel",
  "embassy",
];

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same store. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function randomDay(): string {
  const t = Date.UTC(2000, 0, 1) + Math.floor(rand() * 20 * 365) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const SENTENCE = "Militants attacked a target. ";

function syntheticEvent(i: number, like?: Event): Event {
  const start = i * SENTENCE.length;
  return {
    id: `ev:${i}`,
    type: "attack",
    subtype: like?.subtype ?? pick(SUBTYPES),
    date: like?.date ?? { value: randomDay(), precision: "day", resolved: true },
    country: like?.country ?? pick(COUNTRIES),
    perpetrators: like?.perpetrators ?? [`group:${Math.floor(rand() * 500)}`],
    targets: like?.targets ?? [{ text: `${pick(WORDS)} ${pick(WORDS)} t${Math.floor(rand() * 1e6)}` }],
    weapons: [],
    casualties: like?.casualties ?? { killed: { min: Math.floor(rand() * 30), max: undefined } },
    evidence: [{ start, end: start + 28, text: SENTENCE.slice(0, 28) }],
  };
}

function docWith(id: string, events: Event[]): { document: Document; analysis: Analysis } {
  const text = SENTENCE.repeat(Math.max(...events.map((e) => Number(e.id.slice(3)))) + 1);
  return {
    document: { id, text, language: "en", tlp: "CLEAR", published: "2020-01-01" },
    analysis: { document: { id }, entities: [], events, claims: [], dates: [], quantities: [] },
  };
}

const root = mkdtempSync(join(tmpdir(), "sitrep-bench-linking-"));
const store = openSqliteStore(join(root, "bench.db"));
const stored: Event[] = [];
let seeded = 0;

/** Adds incidents directly (one member each) until the store holds `n`; no resolution needed to seed. */
async function seedTo(n: number): Promise<void> {
  const BATCH = 5000;
  while (seeded < n) {
    const count = Math.min(BATCH, n - seeded);
    const docId = `doc:seed-${seeded}`;
    const events = Array.from({ length: count }, (_, k) => syntheticEvent(k));
    const d = docWith(docId, events);
    const t0 = cpuMs();
    await store.saveAnalysis(d);
    bulk.ms += cpuMs() - t0;
    bulk.events += count;
    const members: IncidentMemberInput[] = events.map((ev) => {
      const f = eventFeatures(ev, new Map(), "2020-01-01");
      if (!f?.date) throw new Error("synthetic event without features");
      const key = sortKey(f, docId, ev.id);
      return {
        incidentId: incidentIdFor(key),
        documentId: docId,
        eventId: ev.id,
        family: typeFamily(f.type) ?? "attack",
        dateStart: f.date.start,
        dateEnd: f.date.end,
        datePrecision: f.date.precision,
        sortKey: key,
        country: f.country,
        features: f,
        reasons: [],
        keys: blockKeys(f),
      };
    });
    await store.applyIncidentChanges({ merges: [], members });
    stored.push(...events);
    seeded += count;
  }
}

/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Save costs: documents of 5,000 events each (the seeding) and documents of one event (the rounds). */
const bulk = { ms: 0, events: 0 };
const single = { ms: 0, events: 0 };

let docSeq = 0;
/** One round: DOCS documents saved, then resolved; only the resolution is timed. */
async function round(): Promise<{ msPerDoc: number; candidates: number; linked: number }> {
  let ms = 0;
  let candidates = 0;
  let linked = 0;
  for (let i = 0; i < DOCS; i++) {
    // Half the documents report a stored incident again, half a new one.
    const like = i % 2 === 0 ? stored[Math.floor(rand() * stored.length)] : undefined;
    const d = docWith(`doc:bench-${docSeq++}`, [syntheticEvent(0, like)]);
    const s0 = cpuMs();
    await store.saveAnalysis(d);
    single.ms += cpuMs() - s0;
    single.events += 1;
    const t0 = cpuMs();
    const r = await resolveIncidents(store, d);
    ms += cpuMs() - t0;
    candidates += r.candidates;
    linked += r.linked.length;
  }
  return { msPerDoc: ms / DOCS, candidates: candidates / DOCS, linked };
}

/** Best of three rounds, after the seeding's write-ahead log is checkpointed. */
async function timeResolution(): Promise<{ msPerDoc: number; candidates: number; linked: number }> {
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  let best: { msPerDoc: number; candidates: number; linked: number } | undefined;
  for (let k = 0; k < 3; k++) {
    const r = await round();
    if (!best || r.msPerDoc < best.msPerDoc) best = r;
  }
  return best as { msPerDoc: number; candidates: number; linked: number };
}

console.log(
  `Incident resolution per document, CPU time, best of 3 rounds of ${DOCS} documents per size (half repeat a stored incident)`,
);
console.log(
  `${"incidents".padStart(10)} ${"ms/doc".padStart(8)} ${"candidates".padStart(11)} ${"linked".padStart(7)} ${"ratio".padStart(7)} ${"log ratio".padStart(10)}`,
);
let base: number | undefined;
try {
  // Warm-up: statement preparation and page cache, outside the timings.
  await seedTo(Math.min(SIZES[0], 1000));
  await timeResolution();
  for (const n of SIZES) {
    await seedTo(n);
    const r = await timeResolution();
    base ??= r.msPerDoc;
    const logRatio = Math.log(n) / Math.log(SIZES[0]);
    console.log(
      `${String(await store.countIncidents()).padStart(10)} ${r.msPerDoc.toFixed(3).padStart(8)} ${r.candidates.toFixed(2).padStart(11)} ${String(r.linked).padStart(7)} ${(r.msPerDoc / base).toFixed(2).padStart(7)} ${logRatio.toFixed(2).padStart(10)}`,
    );
  }
  // one transaction per document: an event saved in a 5,000-event document should cost a small
  // fraction of one saved alone (which pays a whole transaction and document row)
  const perK = (x: { ms: number; events: number }) => (1000 * x.ms) / x.events;
  console.log(
    `Saving, CPU ms per 1,000 events: ${perK(bulk).toFixed(1)} in 5,000-event documents, ${perK(single).toFixed(1)} in one-event documents (ratio ${(perK(bulk) / perK(single)).toFixed(3)})`,
  );
} finally {
  await store.close();
  rmSync(root, { recursive: true, force: true });
}
