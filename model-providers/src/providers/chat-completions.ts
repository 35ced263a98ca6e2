/**
 * A model provider for any OpenAI-compatible Chat Completions endpoint: Ollama, vLLM, LM Studio, a
 * LiteLLM proxy, or OpenAI itself. It runs on the worker, inside the model activity; workflow code
 * does not change.
 */
import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents-core';
import { Usage } from '@openai/agents-core';
import { OpenAIChatCompletionsModel } from '@openai/agents-openai';
import OpenAI from 'openai';

export interface ChatCompletionsSettings {
  /** The endpoint's base URL, ending in /v1. */
  baseURL: string;
  /** Ollama and most local servers accept any key. */
  apiKey: string;
  /** The model for agents that name none. */
  model: string;
  /** Ask the server to stream, and put the answer together from the stream. */
  stream: boolean;
}

/** CHAT_COMPLETIONS_BASE_URL, _API_KEY, _MODEL and _STREAM; by default Ollama's gpt-oss:20b on this machine. */
export function chatCompletionsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ChatCompletionsSettings {
  return {
    baseURL: env.CHAT_COMPLETIONS_BASE_URL || 'http://localhost:11434/v1',
    apiKey: env.CHAT_COMPLETIONS_API_KEY || 'ollama',
    model: env.CHAT_COMPLETIONS_MODEL || 'gpt-oss:20b',
    stream: env.CHAT_COMPLETIONS_STREAM === '1' || env.CHAT_COMPLETIONS_STREAM === 'true',
  };
}

export class ChatCompletionsModelProvider implements ModelProvider {
  /** Activity summaries name this model when an agent names none. */
  readonly defaultModelName: string;
  readonly #client: OpenAI;
  readonly #stream: boolean;

  constructor(settings: ChatCompletionsSettings) {
    this.defaultModelName = settings.model;
    this.#stream = settings.stream;
    // The client's own retries are off: Temporal's retry policy on the model activity is the only one.
    this.#client = new OpenAI({ baseURL: settings.baseURL, apiKey: settings.apiKey, maxRetries: 0 });
  }

  getModel(modelName?: string): Model {
    const model = new OpenAIChatCompletionsModel(this.#client, modelName || this.defaultModelName);
    return new EndpointModel(model, { stream: this.#stream, dropDefaultModelSettings: !modelName });
  }
}

/**
 * Adapts each request to the endpoint, then makes it.
 *  - `dropDefaultModelSettings`: an agent that names no model gets agents-core's settings for its own
 *    default model, an OpenAI GPT-5 model (`reasoning.effort`, `text.verbosity`). The endpoint serves
 *    another model, so for such an agent `reasoning` and `text` are dropped. An agent that names its
 *    model keeps all its settings.
 *  - `stream`: ask the server to stream, and put the answer back together, since the model activity
 *    returns whole responses. This suits servers that cut off long non-streamed requests, and ones that
 *    only stream.
 */
class EndpointModel implements Model {
  readonly #model: Model;
  readonly #options: { stream: boolean; dropDefaultModelSettings: boolean };

  constructor(model: Model, options: { stream: boolean; dropDefaultModelSettings: boolean }) {
    this.#model = model;
    this.#options = options;
  }

  #adapt(request: ModelRequest): ModelRequest {
    if (!this.#options.dropDefaultModelSettings) return request;
    const { reasoning: _reasoning, text: _text, ...modelSettings } = request.modelSettings;
    return { ...request, modelSettings };
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const adapted = this.#adapt(request);
    if (!this.#options.stream) return this.#model.getResponse(adapted);
    for await (const event of this.#model.getStreamedResponse(adapted)) {
      if (event.type === 'response_done') {
        const { response } = event;
        return {
          usage: new Usage(response.usage),
          output: response.output,
          responseId: response.id,
          ...(response.providerData ? { providerData: response.providerData } : {}),
        };
      }
    }
    throw new Error('The chat completions stream ended without a final response.');
  }

  getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    return this.#model.getStreamedResponse(this.#adapt(request));
  }
}

/** Whether the endpoint answers at all (its model list), so the worker can say so at start-up. */
export async function endpointAnswers(settings: ChatCompletionsSettings, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(`${settings.baseURL.replace(/\/$/, '')}/models`, {
      headers: { authorization: `Bearer ${settings.apiKey}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok;
  } catch {
    return false;
  }
}
