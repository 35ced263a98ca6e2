import type { Model, ModelProvider } from '@openai/agents-core';

/**
 * Picks a provider by the model name, LiteLLM-style: `vendor/model` goes to that vendor's provider
 * with the model id alone (`anthropic/claude-sonnet-4-5` → `claude-sonnet-4-5`). Every other name,
 * and an agent that names none, goes to `fallback`. A name with an unknown vendor, such as a LiteLLM
 * proxy's `together_ai/...`, also goes to `fallback`, unchanged.
 */
export class VendorRoutingModelProvider implements ModelProvider {
  /** Activity summaries name this model when an agent names none. */
  readonly defaultModelName: string | undefined;
  readonly #vendors: Record<string, ModelProvider>;
  readonly #fallback: ModelProvider;

  constructor(vendors: Record<string, ModelProvider>, fallback: ModelProvider & { defaultModelName?: unknown }) {
    this.#vendors = vendors;
    this.#fallback = fallback;
    this.defaultModelName = typeof fallback.defaultModelName === 'string' ? fallback.defaultModelName : undefined;
  }

  getModel(modelName?: string): Promise<Model> | Model {
    const [vendor = '', ...modelId] = modelName?.split('/') ?? [];
    const provider = modelId.length > 0 && Object.hasOwn(this.#vendors, vendor) ? this.#vendors[vendor] : undefined;
    return provider ? provider.getModel(modelId.join('/')) : this.#fallback.getModel(modelName);
  }
}
