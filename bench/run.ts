/**
 * `npm run bench`: extraction throughput of the whole pipeline (words per second, one core,
 * one process) next to wink-nlp's own tokenise+tag pass and compromise's people/places/
 * organisations pass on the same text in the same run, printed as ratios; plus peak memory.
 * Times are CPU time of this one process (single-threaded work, so "one core"), best of three rounds.
 * No wall-clock limits are asserted anywhere: the ratios are what to compare across machines.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nlpCompromise from "compromise";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { DEFAULT_PIPELINE_CONFIG } from "../src/pipeline/config.js";
import { createDoc } from "../src/pipeline/create-doc.js";
import { buildPipeline } from "../src/pipeline/default-registry.js";

const root = new URL("..", import.meta.url).pathname;
const samplesDir = join(root, "samples");
const texts = readdirSync(samplesDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(samplesDir, f), "utf8"));
const targetWords = Number(process.env.BENCH_WORDS ?? 200_000);
const docs: string[] = [];
let words = 0;
while (words < targetWords) {
  for (const t of texts) {
    docs.push(t);
    words += t.split(/\s+/).filter(Boolean).length;
    if (words >= targetWords) break;
  }
}

/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function measure(name: string, fn: (text: string) => void, rounds = 3): number {
  for (const d of docs.slice(0, 60)) fn(d); // warm up: JIT and caches
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuMs();
    for (const d of docs) fn(d);
    best = Math.min(best, cpuMs() - t0);
  }
  const wps = words / (best / 1000);
  console.log(
    `${name.padEnd(44)} ${Math.round(wps).toLocaleString("en").padStart(10)} words/s  (${(best / 1000).toFixed(2)} s)`,
  );
  return wps;
}

console.log(`Corpus: ${docs.length} documents, ${words.toLocaleString("en")} words (samples/ repeated)`);
const t0 = performance.now();
const pipeline = buildPipeline(DEFAULT_PIPELINE_CONFIG);
console.log(`Pipeline start-up (gazetteers compiled): ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const sitrep = measure("sitrep pipeline, default (with NER)", (text) => {
  pipeline.run(createDoc(text, { published: "2024-03-29" }));
});
const defaultPeakMb = process.resourceUsage().maxRSS / 1024;
// the fast profile: everything but the statistical NER tagger (config/pipeline-fast.json)
const fastConfig = JSON.parse(readFileSync(join(root, "config", "pipeline-fast.json"), "utf8"));
const fastPipeline = buildPipeline(fastConfig);
const fast = measure("sitrep pipeline, fast profile (no NER)", (text) => {
  fastPipeline.run(createDoc(text, { published: "2024-03-29" }));
});
const wink = winkNLP(model, ["sbd", "pos"]);
const its = wink.its;
const winkWps = measure("wink-nlp tokenise + sentences + POS", (text) => {
  const d = wink.readDoc(text);
  d.tokens().out(its.pos);
});
const compromiseWps = measure(
  "compromise people/places/organisations",
  (text) => {
    const d = nlpCompromise(text);
    d.people().out("array");
    d.places().out("array");
    d.organizations().out("array");
  },
  1,
);

const perComponent: [string, number][] = [];
for (const c of pipeline.components) perComponent.push([c.name, 0]);
for (const d of docs.slice(0, Math.min(docs.length, 400))) {
  const doc = createDoc(d, { published: "2024-03-29" });
  pipeline.components.forEach((c, i) => {
    const s = cpuMs();
    c.process(doc);
    perComponent[i][1] += cpuMs() - s;
  });
}
const total = perComponent.reduce((a, [, t]) => a + t, 0);
console.log("\nTime share per component:");
for (const [n, t] of perComponent)
  console.log(`  ${n.padEnd(24)} ${((100 * t) / total).toFixed(1).padStart(5)} %`);

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log("\nRatios (higher is faster for Sitrep):");
console.log(`  sitrep default / wink-nlp tokenise+tag:   ${(sitrep / winkWps).toFixed(2)}`);
console.log(`  sitrep default / compromise NER pass:     ${(sitrep / compromiseWps).toFixed(2)}`);
console.log(`  sitrep fast / wink-nlp tokenise+tag:      ${(fast / winkWps).toFixed(2)}`);
console.log(`  sitrep fast / compromise NER pass:        ${(fast / compromiseWps).toFixed(2)}`);
console.log(`Peak resident memory with the default pipeline loaded and run: ${defaultPeakMb.toFixed(0)} MB`);
console.log(
  `Peak resident memory of the whole bench (two pipelines, wink-nlp, compromise): ${peakMb.toFixed(0)} MB`,
);
const verdict = (wps: number) => (wps >= 100_000 ? "met" : "NOT met");
console.log(
  `Aim (issue 2): ≥ 100,000 words/s → default ${verdict(sitrep)}, fast profile ${verdict(fast)}; < 500 MB → ${defaultPeakMb < 500 ? "met" : "NOT met"}`,
);
