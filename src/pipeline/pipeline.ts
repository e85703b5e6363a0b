import { SitrepError } from "../core/index.js";
import type { AnalysisDoc } from "./doc.js";

/** Annotation layers a component can require or assign. */
export type Layer =
  | "tokens"
  | "sentences"
  | "pos"
  | "mentions"
  | "mentions.actor"
  | "mentions.place"
  | "dates"
  | "quantities"
  | "ner"
  | "events"
  | "claims";

/** A pipeline step, after spaCy's factories: declares what it needs and what it fills. */
export interface Component {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly assigns: readonly Layer[];
  process(doc: AnalysisDoc): void;
}

export type ErrorPolicy = "raise" | "warn";

export interface PipelineOptions {
  /** What to do when a component throws: fail the document or record a warning and go on. */
  onError?: ErrorPolicy;
}

export class Pipeline {
  readonly components: readonly Component[];
  private readonly onError: ErrorPolicy;

  constructor(components: Component[], options: PipelineOptions = {}) {
    const available = new Set<Layer>();
    for (const c of components) {
      for (const r of c.requires) {
        if (!available.has(r)) {
          throw new SitrepError(
            "E_PIPELINE",
            `component "${c.name}" requires layer "${r}", which no earlier component assigns`,
            { component: c.name, layer: r },
          );
        }
      }
      for (const a of c.assigns) {
        available.add(a);
        if (a.startsWith("mentions.")) available.add("mentions");
      }
    }
    this.components = components;
    this.onError = options.onError ?? "raise";
  }

  get names(): string[] {
    return this.components.map((c) => c.name);
  }

  run(doc: AnalysisDoc): AnalysisDoc {
    for (const c of this.components) {
      try {
        c.process(doc);
      } catch (e) {
        if (this.onError === "raise") {
          throw new SitrepError(
            "E_COMPONENT",
            `component "${c.name}" failed on ${doc.meta.path ?? doc.meta.id}: ${(e as Error).message}`,
            { component: c.name, document: doc.meta.id },
            { cause: e },
          );
        }
        doc.warnings.push({ component: c.name, message: (e as Error).message });
      }
    }
    return doc;
  }
}
