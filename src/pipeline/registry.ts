import { SitrepError } from "../core/index.js";
import type { Component } from "./pipeline.js";

export type ComponentFactory = (options: Record<string, unknown>) => Component;

/** Versioned component names ("actors.gazetteer.v1") → factories. Instances, not module state. */
export class Registry {
  private readonly factories = new Map<string, ComponentFactory>();

  register(name: string, factory: ComponentFactory): this {
    if (this.factories.has(name)) throw new SitrepError("E_PIPELINE", `component "${name}" registered twice`);
    this.factories.set(name, factory);
    return this;
  }

  create(name: string, options: Record<string, unknown> = {}): Component {
    const f = this.factories.get(name);
    if (!f) {
      throw new SitrepError(
        "E_PIPELINE",
        `unknown component "${name}"; known: ${[...this.factories.keys()].join(", ")}`,
        {
          component: name,
        },
      );
    }
    return f(options);
  }

  get names(): string[] {
    return [...this.factories.keys()];
  }
}
