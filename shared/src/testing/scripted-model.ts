/**
 * A scripted model provider and the builders for its responses. The testing kit uses it for tests;
 * the samples use it as their offline model when no OPENAI_API_KEY is set.
 */

import { randomUUID } from 'node:crypto';
import type { AgentOutputItem } from '@openai/agents-core';
import {
  type Model,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  Usage,
} from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { responseDoneEvent } from '../common/wire.js';
import { currentModelCall } from '../worker/model-call.js';

export interface RecordedModelCall {
  modelName: string | undefined;
  /** The agent that made the call, and its turn (its earlier calls in the same workflow run). */
  agentName: string | undefined;
  agentTurn: number;
  request: ModelRequest;
}

/** What a responder knows about one call; `callIndex` counts calls to this provider from 0. */
export interface ScriptedCall {
  callIndex: number;
  modelName: string | undefined;
  agentName: string | undefined;
  agentTurn: number;
}

/** Decides the answer to one call. */
export type ModelResponder = (request: ModelRequest, call: ScriptedCall) => ModelResponse | Promise<ModelResponse>;

/**
 * Answers per agent: for each agent name, one response for every turn, a list played turn by turn,
 * or a responder. Editing an agent's instructions never changes which answer it gets.
 */
export type AgentScript = Record<string, ModelResponse | ModelResponse[] | ModelResponder>;

export const SCRIPT_EXHAUSTED = 'ScriptedModel.ScriptExhausted';

/** How a scripted model streams its answers (`getStreamedResponse`). */
export interface ScriptedStreamOptions {
  /** Waits this long before each text delta, so a subscriber sees the text arrive. Default 0. */
  chunkDelayMs?: number;
  /** Called, and awaited, before each event is handed to the caller: a test can pause the stream here. */
  beforeEvent?: (event: StreamEvent, call: ScriptedCall) => void | Promise<void>;
}

export interface ScriptedModelOptions {
  streaming?: ScriptedStreamOptions;
}

const responsePacing = new WeakMap<ModelResponse, ScriptedStreamOptions>();

/**
 * The same response, streamed at this pace by any scripted model that answers with it (a sample's
 * offline answers: `withStreamPacing(textResponse('...'), { chunkDelayMs: 40 })`).
 */
export function withStreamPacing(response: ModelResponse, pacing: ScriptedStreamOptions): ModelResponse {
  responsePacing.set(response, pacing);
  return response;
}

/**
 * A model provider for the worker side that answers from a script instead of an API: every model
 * call still runs as the real model activity. It records each call, so tests can compare calls with
 * the workflow history. The script is one of:
 *   - a list of responses, played in order across all calls;
 *   - a responder function, asked for every call;
 *   - an {@link AgentScript}: answers per agent name and turn.
 * Streamed calls (`getStreamedResponse`) get the answer's text in word-sized deltas, then
 * `response_done` (see {@link ScriptedStreamOptions} to pace or pause them).
 */
export class ScriptedModelProvider implements ModelProvider {
  /** What activity summaries call the model when an agent names none. */
  readonly defaultModelName = 'scripted model';
  readonly calls: RecordedModelCall[] = [];
  readonly #respond: ModelResponder;
  readonly #streaming: ScriptedStreamOptions;

  constructor(script: ModelResponse[] | ModelResponder | AgentScript, options: ScriptedModelOptions = {}) {
    if (typeof script === 'function') this.#respond = script;
    else if (Array.isArray(script)) this.#respond = inOrder(script);
    else this.#respond = perAgent(script);
    this.#streaming = options.streaming ?? {};
  }

  getModel(modelName?: string): Model {
    return {
      getResponse: async (request) => (await this.#answer(request, modelName)).response,
      getStreamedResponse: (request) => this.#stream(request, modelName),
    };
  }

  async #answer(request: ModelRequest, modelName: string | undefined) {
    const info = currentModelCall();
    const call: ScriptedCall = {
      callIndex: this.calls.length,
      modelName,
      agentName: info?.agentName,
      agentTurn: info?.agentTurn ?? 0,
    };
    this.calls.push({ modelName, agentName: call.agentName, agentTurn: call.agentTurn, request });
    return { response: await this.#respond(request, call), call };
  }

  /** The scripted answer as a model streams it: started, the text in word-sized deltas, then done. */
  async *#stream(request: ModelRequest, modelName: string | undefined): AsyncIterable<StreamEvent> {
    const { response, call } = await this.#answer(request, modelName);
    const { chunkDelayMs = 0, beforeEvent } = { ...this.#streaming, ...responsePacing.get(response) };
    for (const event of scriptedStreamEvents(response)) {
      if (event.type === 'output_text_delta' && chunkDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
      }
      await beforeEvent?.(event, call);
      yield event;
    }
  }
}

function scriptedStreamEvents(response: ModelResponse): StreamEvent[] {
  const deltas = response.output.flatMap((item): StreamEvent[] => {
    if (item.type !== 'message' || item.role !== 'assistant') return [];
    return item.content.flatMap((part) =>
      part.type === 'output_text'
        ? (part.text.match(/^\s+|\S+\s*/g) ?? []).map(
            (delta): StreamEvent => ({ type: 'output_text_delta', delta, ...(item.id ? { itemId: item.id } : {}) }),
          )
        : [],
    );
  });
  return [{ type: 'response_started' }, ...deltas, responseDoneEvent(response)];
}

function inOrder(steps: ModelResponse[]): ModelResponder {
  return (_request, { callIndex }) => {
    const step = steps[callIndex];
    if (!step) {
      throw ApplicationFailure.nonRetryable(
        `ScriptedModelProvider: the script has ${steps.length} responses, but the agent made call #${callIndex + 1}.`,
        SCRIPT_EXHAUSTED,
      );
    }
    return step;
  };
}

function perAgent(script: AgentScript): ModelResponder {
  return (request, call) => {
    const name = call.agentName ?? '';
    const entry = script[name];
    if (entry === undefined) {
      throw ApplicationFailure.nonRetryable(
        `The scripted model has no answers for agent ${JSON.stringify(name)} (it has: ${Object.keys(script)
          .map((key) => JSON.stringify(key))
          .join(', ')}). Add the agent to the script, or set OPENAI_API_KEY to use a real model.`,
        SCRIPT_EXHAUSTED,
      );
    }
    if (typeof entry === 'function') return entry(request, call);
    if (!Array.isArray(entry)) return entry;
    const step = entry[call.agentTurn];
    if (!step) {
      throw ApplicationFailure.nonRetryable(
        `The scripted model has ${entry.length} answers for agent ${JSON.stringify(name)}, but the agent made ` +
          `call #${call.agentTurn + 1} in this run. Add an answer for that turn.`,
        SCRIPT_EXHAUSTED,
      );
    }
    return step;
  };
}

// Unique across worker processes too, as a real model's ids are: a worker that takes a run over after
// a crash must not answer with a call id the conversation already holds.
const processTag = randomUUID().slice(0, 8);
let itemCounter = 0;
const nextId = (prefix: string) => `${prefix}_scripted_${processTag}_${++itemCounter}`;

function usage(): Usage {
  return new Usage({
    requests: 1,
    inputTokens: 10,
    outputTokens: 10,
    totalTokens: 20,
  });
}

/** A response made of the given output items. */
export function modelResponse(...output: AgentOutputItem[]): ModelResponse {
  return { usage: usage(), output, responseId: nextId('resp') };
}

export const items = {
  text(text: string): AgentOutputItem {
    return {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      id: nextId('msg'),
      content: [{ type: 'output_text', text }],
    };
  },
  toolCall(name: string, args: unknown, callId = nextId('call')): AgentOutputItem {
    return items.rawToolCall(name, JSON.stringify(args ?? {}), callId);
  },
  /** A function call whose arguments are sent exactly as given, e.g. malformed JSON. */
  rawToolCall(name: string, rawArguments: string, callId = nextId('call')): AgentOutputItem {
    return { type: 'function_call', id: nextId('fc'), callId, name, status: 'completed', arguments: rawArguments };
  },
  /** A hosted tool call (web_search_call, file_search_call, code_interpreter_call, image_generation_call). */
  hostedToolCall(name: string, providerData: Record<string, unknown> = {}, output?: string): AgentOutputItem {
    const item: AgentOutputItem = {
      type: 'hosted_tool_call',
      id: nextId('htc'),
      name,
      status: 'completed',
      providerData,
    };
    if (output !== undefined) item.output = output;
    return item;
  },
  reasoning(text: string): AgentOutputItem {
    return {
      type: 'reasoning',
      id: nextId('rs'),
      content: [{ type: 'input_text', text }],
    };
  },
};

/** The model answers with text. */
export const textResponse = (text: string) => modelResponse(items.text(text));

/** The model calls a function tool with these arguments. */
export const toolCallResponse = (name: string, args: unknown, callId?: string) =>
  modelResponse(items.toolCall(name, args, callId));

/** The model hands off to the agent with this name (agents-core's default `transfer_to_<name>` tool). */
export const handoffResponse = (agentName: string) =>
  modelResponse(items.toolCall(`transfer_to_${agentName.replace(/[^a-zA-Z0-9]/g, '_')}`, {}));

/** The model answers with JSON for an agent with an `outputType`. */
export const structuredResponse = (value: unknown) => modelResponse(items.text(JSON.stringify(value)));

export const hostedToolResponses = {
  webSearch: (query: string, answer: string) =>
    modelResponse(
      items.hostedToolCall('web_search_call', {
        type: 'web_search_call',
        action: { type: 'search', query },
      }),
      items.text(answer),
    ),
  fileSearch: (queries: string[], answer: string) =>
    modelResponse(
      items.hostedToolCall('file_search_call', {
        type: 'file_search_call',
        queries,
      }),
      items.text(answer),
    ),
  codeInterpreter: (code: string, answer: string) =>
    modelResponse(
      items.hostedToolCall('code_interpreter_call', {
        type: 'code_interpreter_call',
        code,
        container_id: 'cntr_scripted',
      }),
      items.text(answer),
    ),
  imageGeneration: (base64Png: string) =>
    modelResponse(items.hostedToolCall('image_generation_call', { type: 'image_generation_call' }, base64Png)),
};

/** Reasoning summary followed by the answer, as reasoning models return them. */
export const reasoningResponse = (reasoning: string, answer: string) =>
  modelResponse(items.reasoning(reasoning), items.text(answer));
