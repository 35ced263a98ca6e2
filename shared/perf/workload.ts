/**
 * The perf harness's workload, close to the bench's (bench/src/workload.ts): one agent with one
 * activity tool, short user turns (about 200 characters) and short scripted answers. Plain data and
 * functions only: the workflow bundle imports it too.
 */
import type { AgentInputItem, AgentOutputItem, ModelRequest, ModelResponse } from '@openai/agents-core';
import { Usage } from '@openai/agents-core';

export const AGENT = {
  name: 'Perf',
  instructions: 'Answer briefly. Use the lookup tool when the user asks you to look something up.',
  model: 'gpt-perf',
} as const;

export const ACTIVITY_TIMEOUT = '10s';

const FILLER = 'The quick brown fox jumps over the lazy dog. '.repeat(4);

export const LOOKUP_PREFIX = 'lookup: ';

export const LOOKUP_TOOL = {
  name: 'lookup',
  description: 'Looks up a fact.',
  parameters: {
    type: 'object' as const,
    properties: { query: { type: 'string' } },
    required: ['query'],
    additionalProperties: false as const,
  },
};

/** The user's message of turn `turn` (1-based); a lookup turn makes the model call the tool first. */
export function userMessage(turn: number, lookup: boolean): AgentInputItem {
  const content = lookup ? `${LOOKUP_PREFIX}fact number ${turn}` : `Question ${turn}: ${FILLER}`;
  return { type: 'message', role: 'user', content };
}

/** The tool activity: answers at once. */
export async function lookup(args: { query: string }): Promise<string> {
  return `Found: ${args.query}`;
}

/** The bare activity the model calls are compared with. */
export async function noop(): Promise<void> {}

type Item = { type?: string; role?: string; content?: unknown };

/**
 * The scripted model's answer, from the request alone: after a lookup request, a call of the tool;
 * otherwise a text of about 200 characters. Ids are made from the turn, so two runs are alike.
 */
export function scriptedAnswer(request: ModelRequest): ModelResponse {
  const input = request.input;
  const items: Item[] = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Item[]);
  const turn = items.filter((item) => item.role === 'user').length;
  const last = items.at(-1);
  const usage = new Usage({ requests: 1, inputTokens: 10, outputTokens: 10, totalTokens: 20 });
  if (last?.role === 'user' && typeof last.content === 'string' && last.content.startsWith(LOOKUP_PREFIX)) {
    const query = last.content.slice(LOOKUP_PREFIX.length);
    const call: AgentOutputItem = {
      type: 'function_call',
      id: `fc_${turn}`,
      callId: `call_${turn}`,
      name: LOOKUP_TOOL.name,
      status: 'completed',
      arguments: JSON.stringify({ query }),
    };
    return { usage, output: [call], responseId: `resp_${turn}` };
  }
  const answer: AgentOutputItem = {
    type: 'message',
    id: `msg_${turn}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: `Answer ${turn}: ${FILLER}` }],
  };
  return { usage, output: [answer], responseId: `resp_${turn}` };
}
