/**
 * The workload both plugins run: one agent with one activity tool, a scripted model that answers at
 * once, and the activity and worker options. Plain data and functions only: both sides' workflow
 * bundles import it, next to two different versions of agents-core and of Temporal's SDK.
 */

export const AGENT = {
  name: 'Bench',
  instructions: 'Answer briefly. Use the lookup tool when the user asks you to look something up.',
  model: 'gpt-bench',
} as const;

/** Every activity (model calls, the tool, the bare no-op) runs with this timeout and the default retry policy. */
export const ACTIVITY_TIMEOUT = '10s';

/** A bound on every run, so a workflow the worker cannot run fails instead of retrying its task forever. */
export const WORKFLOW_TIMEOUT = '2 minutes';

/** The model activity's summary, set explicitly on both sides. */
export const MODEL_SUMMARY = `${AGENT.name}: ${AGENT.model}`;

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

/** One worker per plugin, with the same options on both sides. */
export const WORKER_OPTIONS = {
  maxConcurrentWorkflowTaskExecutions: 40,
  maxConcurrentActivityTaskExecutions: 100,
  maxCachedWorkflows: 500,
};

const FILLER = 'The quick brown fox jumps over the lazy dog. '.repeat(4);

/** The user's message of turn `turn`; a lookup turn makes the model call the tool first. */
export function userMessage(turn: number, lookup: boolean) {
  const text = lookup ? `lookup: fact number ${turn}` : `Question ${turn}: ${FILLER}`;
  return { type: 'message' as const, role: 'user' as const, content: text };
}

/** The tool activity: answers at once. */
export async function lookup(args: { query: string }): Promise<string> {
  return `Found: ${args.query}`;
}

/** The bare activity the model calls are compared with. */
export async function noop(): Promise<void> {}

type Item = { type?: string; role?: string; content?: unknown };

/**
 * The scripted model: asked after a lookup request, it calls the tool; otherwise it answers with text.
 * The answer depends only on the request, so both plugins get the same responses.
 */
export function scriptedOutput(input: unknown) {
  const items: Item[] = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Item[]);
  const turn = items.filter((item) => item.role === 'user').length;
  const last = items.at(-1);
  if (last?.role === 'user' && typeof last.content === 'string' && last.content.startsWith('lookup: ')) {
    const query = last.content.slice('lookup: '.length);
    const callId = `call_${turn}`;
    return [
      {
        type: 'function_call' as const,
        id: `fc_${turn}`,
        callId,
        name: LOOKUP_TOOL.name,
        status: 'completed' as const,
        arguments: JSON.stringify({ query }),
      },
    ];
  }
  return [
    {
      type: 'message' as const,
      id: `msg_${turn}`,
      role: 'assistant' as const,
      status: 'completed' as const,
      content: [{ type: 'output_text' as const, text: `Answer ${turn}: ${FILLER}` }],
    },
  ];
}

export const USAGE = { requests: 1, inputTokens: 10, outputTokens: 10, totalTokens: 20 };

/** The workflows each side exports, by name. */
export type WorkflowName = 'conversation' | 'plain';
