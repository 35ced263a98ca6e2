/**
 * A scripted model provider for the worker side: every model call still runs as the real model
 * activity, but the answer comes from a script instead of an API. It records each call, so tests
 * can compare calls with the workflow history.
 */

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

export interface RecordedModelCall {
  modelName: string | undefined;
  request: ModelRequest;
}

/** Decides the answer to one call; `callIndex` counts calls to this provider from 0. */
export type ModelResponder = (
  request: ModelRequest,
  call: { callIndex: number; modelName: string | undefined },
) => ModelResponse | Promise<ModelResponse>;

export class ScriptedModelProvider implements ModelProvider {
  readonly calls: RecordedModelCall[] = [];
  readonly #respond: ModelResponder;

  /** A list of responses is played in order across all calls; a function answers each call. */
  constructor(script: ModelResponse[] | ModelResponder) {
    if (typeof script === 'function') {
      this.#respond = script;
    } else {
      const steps = [...script];
      this.#respond = (_request, { callIndex }) => {
        const step = steps[callIndex];
        if (!step) {
          throw ApplicationFailure.nonRetryable(
            `ScriptedModelProvider: the script has ${steps.length} responses, but the agent made call #${callIndex + 1}.`,
            'ScriptedModel.ScriptExhausted',
          );
        }
        return step;
      };
    }
  }

  getModel(modelName?: string): Model {
    return {
      getResponse: async (request) => {
        const callIndex = this.calls.length;
        this.calls.push({ modelName, request });
        return this.#respond(request, { callIndex, modelName });
      },
      getStreamedResponse: (request) => this.#stream(request, modelName),
    };
  }

  async *#stream(request: ModelRequest, modelName: string | undefined): AsyncIterable<StreamEvent> {
    yield responseDoneEvent(await this.getModel(modelName).getResponse(request));
  }
}

let itemCounter = 0;
const nextId = (prefix: string) => `${prefix}_scripted_${++itemCounter}`;

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
