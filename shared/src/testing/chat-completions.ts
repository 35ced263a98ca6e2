/**
 * Chat Completions API replies for the local OpenAI-compatible server (startFakeOpenAIServer): one JSON
 * body, or the same answer streamed as server-sent events when the request asks for a stream. With
 * these, a test runs a chat-completions model (Ollama, vLLM, LiteLLM proxies...) through its real HTTP path.
 */
import type { RecordedHttpRequest, ScriptedHttpReply } from './openai-server.js';

export interface ScriptedChatToolCall {
  name: string;
  /** Sent as JSON. */
  arguments: unknown;
  id?: string;
}

/** What the assistant answers: text, tool calls, or both. */
export interface ScriptedChatMessage {
  content?: string;
  toolCalls?: ScriptedChatToolCall[];
}

const CREATED = 1_700_000_000;
const USAGE = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };
let completionCounter = 0;

function toolCallsOf(message: ScriptedChatMessage) {
  return (message.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_local_${completionCounter}_${index}`,
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
  }));
}

const finishReason = (message: ScriptedChatMessage) => (message.toolCalls?.length ? 'tool_calls' : 'stop');

/** A `chat.completion` body with one choice. */
export function chatCompletionBody(message: ScriptedChatMessage, model = 'local-model'): unknown {
  completionCounter += 1;
  const toolCalls = toolCallsOf(message);
  return {
    id: `chatcmpl_local_${completionCounter}`,
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: message.content ?? null,
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReason(message),
        logprobs: null,
      },
    ],
    usage: USAGE,
  };
}

/** Splits text the way a server streams it: a few characters per chunk. */
function pieces(text: string, size = 8): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

/**
 * The `chat.completion.chunk` events of the same answer: the role, the text in pieces, each tool call's
 * name and then its arguments in pieces, the finish reason, and a last chunk with the usage.
 */
export function chatCompletionChunks(message: ScriptedChatMessage, model = 'local-model'): unknown[] {
  completionCounter += 1;
  const id = `chatcmpl_local_${completionCounter}`;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '' })];
  for (const text of pieces(message.content ?? '')) chunks.push(chunk({ content: text }));
  for (const [index, call] of toolCallsOf(message).entries()) {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
      }),
    );
    for (const text of pieces(call.function.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: text } }] }));
    }
  }
  chunks.push(chunk({}, finishReason(message)));
  chunks.push({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage: USAGE });
  return chunks;
}

/**
 * The reply to a `/chat/completions` request: streamed as server-sent events when its body says
 * `stream: true`, else one JSON body. The model named in the request is echoed back.
 */
export function chatCompletionReply(request: RecordedHttpRequest, message: ScriptedChatMessage): ScriptedHttpReply {
  const body = (request.body ?? {}) as { model?: unknown; stream?: unknown };
  const model = typeof body.model === 'string' ? body.model : 'local-model';
  if (body.stream !== true) return { json: chatCompletionBody(message, model) };
  return { events: chatCompletionEvents(message, model) };
}

/** The streamed answer as server-sent events, one per chunk, ending with `data: [DONE]`. */
export function chatCompletionEvents(message: ScriptedChatMessage, model = 'local-model'): string[] {
  const events = chatCompletionChunks(message, model).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  return [...events, 'data: [DONE]\n\n'];
}
