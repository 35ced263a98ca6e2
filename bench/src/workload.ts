/**
 * The workload every side runs: one agent with one activity tool, a scripted model that answers at
 * once, and the activity and worker options. Plain data and functions only: both TypeScript sides'
 * workflow bundles import it, next to two different versions of agents-core and of Temporal's SDK.
 * The Python side reads the same data from the JSON that `workloadJson()` writes (bench/python/workload.py).
 */

export const AGENT = {
  name: 'Bench',
  instructions: 'Answer briefly. Use the lookup tool when the user asks you to look something up.',
  model: 'gpt-bench',
} as const;

/** Every activity (model calls, the tool, the bare no-op) runs with this timeout and the default retry policy. */
export const ACTIVITY_TIMEOUT_SECONDS = 10;
export const ACTIVITY_TIMEOUT = `${ACTIVITY_TIMEOUT_SECONDS}s`;

/** The model activity's summary, set explicitly on every side. */
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

/** One worker per side, with the same options on every side (the Python SDK's names in bench/python/side.py). */
export const WORKER_OPTIONS = {
  maxConcurrentWorkflowTaskExecutions: 40,
  maxConcurrentActivityTaskExecutions: 100,
  maxCachedWorkflows: 500,
};

/** The fast mode of this plugin's side (bench/ours/side.ts): frames per stack trace in workflows. */
export const FAST_MODE_STACK_TRACE_LIMIT = 2;

const FILLER = 'The quick brown fox jumps over the lazy dog. '.repeat(4);

/**
 * Every text the workload sends or the scripted model answers, as templates: `{turn}` is the
 * conversation's turn (1-based), `{query}` the tool's argument. Templates rather than functions so
 * that the Python side fills in exactly the same strings.
 */
export const SCRIPT = {
  /** A user message starting with this makes the model call the lookup tool with the rest as the query. */
  lookupPrefix: 'lookup: ',
  lookupMessage: 'lookup: fact number {turn}',
  /** A short user turn (about 200 characters): the step, throughput, first-task and replay workloads. */
  question: `Question {turn}: ${FILLER}`,
  /** A long user turn (about 2 KB): the long-chat history figure. */
  chatMessage: `Message {turn}: ${'The quick brown fox jumps over the lazy dog. '.repeat(45)}`,
  answer: `Answer {turn}: ${FILLER}`,
  messageId: 'msg_{turn}',
  toolItemId: 'fc_{turn}',
  toolCallId: 'call_{turn}',
  toolResult: 'Found: {query}',
  responseId: 'resp_bench',
};

export const USAGE = { requests: 1, inputTokens: 10, outputTokens: 10, totalTokens: 20 };

/** A template with its `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** The user's message of turn `turn`; a lookup turn makes the model call the tool first. */
export function userMessage(turn: number, lookup: boolean) {
  const text = fill(lookup ? SCRIPT.lookupMessage : SCRIPT.question, { turn });
  return { type: 'message' as const, role: 'user' as const, content: text };
}

/** The user's message of turn `turn` of the long chat: about 2 KB. */
export function chatMessage(turn: number) {
  return { type: 'message' as const, role: 'user' as const, content: fill(SCRIPT.chatMessage, { turn }) };
}

/** The tool activity: answers at once. */
export async function lookup(args: { query: string }): Promise<string> {
  return fill(SCRIPT.toolResult, { query: args.query });
}

/** The bare activity the model calls are compared with. */
export async function noop(): Promise<void> {}

type Item = { type?: string; role?: string; content?: unknown };

/**
 * The scripted model: asked after a lookup request, it calls the tool; otherwise it answers with text.
 * The answer depends only on the request, so every side gets the same responses.
 */
export function scriptedOutput(input: unknown) {
  const items: Item[] = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Item[]);
  const turn = items.filter((item) => item.role === 'user').length;
  const last = items.at(-1);
  if (last?.role === 'user' && typeof last.content === 'string' && last.content.startsWith(SCRIPT.lookupPrefix)) {
    const query = last.content.slice(SCRIPT.lookupPrefix.length);
    return [
      {
        type: 'function_call' as const,
        id: fill(SCRIPT.toolItemId, { turn }),
        callId: fill(SCRIPT.toolCallId, { turn }),
        name: LOOKUP_TOOL.name,
        status: 'completed' as const,
        arguments: JSON.stringify({ query }),
      },
    ];
  }
  return [
    {
      type: 'message' as const,
      id: fill(SCRIPT.messageId, { turn }),
      role: 'assistant' as const,
      status: 'completed' as const,
      content: [{ type: 'output_text' as const, text: fill(SCRIPT.answer, { turn }) }],
    },
  ];
}

/** The workflows each side registers, by name. */
export type WorkflowName = 'conversation' | 'plain' | 'chat';

/** What the Python side reads (bench/python/workload.py): the same agent, tool, texts, timeouts and options. */
export function workloadJson(): string {
  return JSON.stringify(
    {
      agent: AGENT,
      activityTimeoutSeconds: ACTIVITY_TIMEOUT_SECONDS,
      modelSummary: MODEL_SUMMARY,
      lookupTool: LOOKUP_TOOL,
      workerOptions: WORKER_OPTIONS,
      script: SCRIPT,
      usage: USAGE,
    },
    null,
    2,
  );
}
