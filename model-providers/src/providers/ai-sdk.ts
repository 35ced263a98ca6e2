/**
 * A small adapter from the Vercel AI SDK's language models (`@ai-sdk/anthropic`, `@ai-sdk/google`, ...)
 * to agents-core's `Model`, so agents can run on other vendors' models. It runs on the worker, inside
 * the model activity. It covers what the samples' agents use: text, function tools, handoffs, tool
 * choice, structured output and the common sampling settings. OpenAI's hosted tools and non-text input
 * fail with a clear error.
 */
import {
  APICallError,
  InvalidArgumentError,
  InvalidPromptError,
  type JSONSchema7,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FunctionTool,
  type LanguageModelV4Message,
  type LanguageModelV4ToolChoice,
  LoadAPIKeyError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import {
  type AgentInputItem,
  type Model,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type protocol,
  type StreamEvent,
  Usage,
  UserError,
} from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from 'openai-agents-temporal';

type AssistantPart = Extract<LanguageModelV4Message, { role: 'assistant' }>['content'][number];
type ToolResultPart = Extract<LanguageModelV4Message, { role: 'tool' }>['content'][number];

function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: unknown; refusal?: unknown }) => {
      if (part.type === 'input_text' || part.type === 'output_text') return String(part.text ?? '');
      if (part.type === 'refusal') return String(part.refusal ?? '');
      throw new UserError(`The AI SDK adapter sends text only; this input has a "${part.type}" part.`);
    })
    .join('');
}

/** A function tool's output as the text the next model reads. */
function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (typeof output === 'object' && output !== null && 'type' in output && output.type === 'text' && 'text' in output) {
    return String(output.text);
  }
  return JSON.stringify(output);
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw || '{}');
  } catch {
    return raw;
  }
}

/** agents-core's conversation as AI SDK messages: consecutive assistant parts, and tool results, share one message. */
export function toPrompt(request: ModelRequest): LanguageModelV4Message[] {
  const prompt: LanguageModelV4Message[] = [];
  if (request.systemInstructions) prompt.push({ role: 'system', content: request.systemInstructions });
  const items: AgentInputItem[] =
    typeof request.input === 'string' ? [{ type: 'message', role: 'user', content: request.input }] : request.input;

  const appendAssistant = (part: AssistantPart) => {
    const last = prompt.at(-1);
    if (last?.role === 'assistant') last.content.push(part);
    else prompt.push({ role: 'assistant', content: [part] });
  };
  const appendToolResult = (part: ToolResultPart) => {
    const last = prompt.at(-1);
    if (last?.role === 'tool') last.content.push(part);
    else prompt.push({ role: 'tool', content: [part] });
  };

  for (const item of items) {
    if ('role' in item && (item.type === undefined || item.type === 'message')) {
      const text = textOfContent(item.content);
      if (item.role === 'system') prompt.push({ role: 'system', content: text });
      else if (item.role === 'user') prompt.push({ role: 'user', content: [{ type: 'text', text }] });
      else if (text) appendAssistant({ type: 'text', text });
    } else if (item.type === 'function_call') {
      appendAssistant({
        type: 'tool-call',
        toolCallId: item.callId,
        toolName: item.name,
        input: parseArguments(item.arguments),
      });
    } else if (item.type === 'function_call_result') {
      const value = toolOutputText(item.output);
      appendToolResult({
        type: 'tool-result',
        toolCallId: item.callId,
        toolName: item.name,
        output: { type: 'text', value },
      });
    } else if (item.type === 'reasoning') {
      // Another vendor's reasoning is not sent back: it carries no text the next model may use.
    } else {
      throw new UserError(`The AI SDK adapter cannot send a "${item.type}" item to another vendor's model.`);
    }
  }
  return prompt;
}

/** Function tools and handoffs as AI SDK function tools; hosted and computer tools need OpenAI. */
export function toTools(request: ModelRequest): LanguageModelV4FunctionTool[] {
  const tools = request.tools.map((tool): LanguageModelV4FunctionTool => {
    if (tool.type !== 'function') {
      throw new UserError(
        `Tool "${tool.name}" (${tool.type}) runs only on OpenAI's Responses API; other vendors get function tools.`,
      );
    }
    return {
      type: 'function',
      name: tool.name,
      description: tool.description,
      inputSchema: tool.parameters as JSONSchema7,
      strict: tool.strict,
    };
  });
  const handoffs = request.handoffs.map(
    (handoff): LanguageModelV4FunctionTool => ({
      type: 'function',
      name: handoff.toolName,
      description: handoff.toolDescription,
      inputSchema: handoff.inputJsonSchema as JSONSchema7,
      strict: handoff.strictJsonSchema,
    }),
  );
  return [...tools, ...handoffs];
}

function toToolChoice(choice: string | undefined): LanguageModelV4ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto' || choice === 'required' || choice === 'none') return { type: choice };
  return { type: 'tool', toolName: choice };
}

export function toCallOptions(request: ModelRequest): LanguageModelV4CallOptions {
  const settings = request.modelSettings;
  const tools = toTools(request);
  const options: LanguageModelV4CallOptions = { prompt: toPrompt(request) };
  if (tools.length > 0) options.tools = tools;
  const toolChoice = toToolChoice(settings.toolChoice);
  if (toolChoice) options.toolChoice = toolChoice;
  if (settings.temperature !== undefined) options.temperature = settings.temperature;
  if (settings.topP !== undefined) options.topP = settings.topP;
  if (settings.maxTokens !== undefined) options.maxOutputTokens = settings.maxTokens;
  if (settings.frequencyPenalty !== undefined) options.frequencyPenalty = settings.frequencyPenalty;
  if (settings.presencePenalty !== undefined) options.presencePenalty = settings.presencePenalty;
  if (request.outputType !== 'text') {
    options.responseFormat = { type: 'json', name: request.outputType.name, schema: request.outputType.schema };
  }
  if (request.signal) options.abortSignal = request.signal;
  return options;
}

/**
 * The AI SDK's errors in the shape the plugin classifies: an HTTP failure keeps its status and
 * headers (so 429's retry-after and 5xx retry, 401 fails at once); a missing key or a request the
 * vendor cannot take fails at once. Anything else, such as a dropped connection, is retried.
 */
export function toClassifiableError(error: unknown): unknown {
  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    return Object.assign(new Error(error.message), {
      name: 'APICallError',
      status: error.statusCode,
      headers: error.responseHeaders ?? {},
    });
  }
  if (LoadAPIKeyError.isInstance(error)) {
    return ApplicationFailure.nonRetryable(
      `${error.message} Set it on the worker and restart it.`,
      FailureTypes.authentication,
    );
  }
  if (
    InvalidPromptError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    UnsupportedFunctionalityError.isInstance(error)
  ) {
    return ApplicationFailure.nonRetryable(error.message, FailureTypes.badRequest);
  }
  return error;
}

interface GeneratedResponse {
  output: protocol.OutputModelItem[];
  inputTokens: number;
  outputTokens: number;
  responseId: string | undefined;
}

/** The AI SDK's generated content as agents-core output items: text messages, reasoning, function calls. */
function toOutput(content: Awaited<ReturnType<LanguageModelV4['doGenerate']>>['content']): protocol.OutputModelItem[] {
  const output: protocol.OutputModelItem[] = [];
  for (const part of content) {
    if (part.type === 'text' && part.text) {
      const last = output.at(-1);
      const lastPart = last?.type === 'message' && last.role === 'assistant' ? last.content.at(-1) : undefined;
      if (lastPart?.type === 'output_text') lastPart.text += part.text;
      else {
        output.push({
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: part.text }],
        });
      }
    } else if (part.type === 'reasoning' && part.text) {
      output.push({ type: 'reasoning', content: [{ type: 'input_text', text: part.text }] });
    } else if (part.type === 'tool-call' && !part.providerExecuted) {
      output.push({
        type: 'function_call',
        callId: part.toolCallId,
        name: part.toolName,
        arguments: part.input,
        status: 'completed',
      });
    }
  }
  return output;
}

/** One AI SDK language model as an agents-core model. */
export class AiSdkModel implements Model {
  readonly #model: LanguageModelV4;

  constructor(model: LanguageModelV4) {
    this.#model = model;
  }

  async #generate(request: ModelRequest): Promise<GeneratedResponse> {
    const options = toCallOptions(request);
    try {
      const result = await this.#model.doGenerate(options);
      return {
        output: toOutput(result.content),
        inputTokens: result.usage.inputTokens.total ?? 0,
        outputTokens: result.usage.outputTokens.total ?? 0,
        responseId: result.response?.id,
      };
    } catch (error) {
      throw toClassifiableError(error);
    }
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const { output, inputTokens, outputTokens, responseId } = await this.#generate(request);
    return {
      usage: new Usage({ requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }),
      output,
      ...(responseId ? { responseId } : {}),
    };
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    // The model activity asks for whole responses, so the stream is the one final event.
    const { output, inputTokens, outputTokens, responseId } = await this.#generate(request);
    yield {
      type: 'response_done',
      response: {
        id: responseId ?? '',
        usage: { requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
        output,
      },
    };
  }
}

/** One vendor's models: `getModel('claude-sonnet-4-5')` is that vendor's model of that id. */
export class AiSdkModelProvider implements ModelProvider {
  readonly #languageModel: (modelId: string) => LanguageModelV4;

  constructor(languageModel: (modelId: string) => LanguageModelV4) {
    this.#languageModel = languageModel;
  }

  getModel(modelId?: string): Model {
    if (!modelId) throw new UserError('Name the vendor’s model, as in "anthropic/claude-sonnet-4-5".');
    return new AiSdkModel(this.#languageModel(modelId));
  }
}
