// Conversations held by the plugin (NEW_CONVERSATION_ID): each run() gets only what is new.
import { Agent, RunState, run, tool } from '@openai/agents-core';
import { condition, continueAsNew, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { historyStatus, NEW_CONVERSATION_ID, type ReplayWork } from '../../src/workflow/index.js';

export const messageSignal = defineSignal<[string]>('message');
export const endSignal = defineSignal('end');
export interface ConversationStatus {
  turns: number;
  replayWork: ReplayWork;
}
export const statusQuery = defineQuery<ConversationStatus>('status');

export interface HeldChatInput {
  /** Continue as new after this many turns in a run. */
  turnsPerRun: number;
  previousResponseId?: string;
  turns?: number;
  replies?: string[];
}

/** A chat driven by signals whose conversation the plugin holds; it continues as new every `turnsPerRun` turns. */
export async function heldChat(input: HeldChatInput): Promise<string[]> {
  const agent = new Agent({ name: 'Chat', instructions: 'Reply briefly.' });
  let previousResponseId = input.previousResponseId ?? NEW_CONVERSATION_ID;
  let turns = input.turns ?? 0;
  const replies = input.replies ?? [];
  let turnsThisRun = 0;
  const inbox: string[] = [];
  let ended = false;
  setHandler(messageSignal, (text) => {
    inbox.push(text);
  });
  setHandler(endSignal, () => {
    ended = true;
  });
  setHandler(statusQuery, () => ({ turns, replayWork: historyStatus().replayWork }));
  for (;;) {
    await condition(() => inbox.length > 0 || ended || turnsThisRun >= input.turnsPerRun);
    const text = inbox.shift();
    if (text === undefined) {
      if (ended) return replies;
      return continueAsNew<typeof heldChat>({ ...input, previousResponseId, turns, replies });
    }
    const result = await run(agent, text, { previousResponseId });
    previousResponseId = result.lastResponseId ?? previousResponseId;
    replies.push(result.finalOutput ?? '');
    turns++;
    turnsThisRun++;
  }
}

const step = tool({
  name: 'step',
  description: 'Does one step of the task.',
  parameters: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false },
  strict: true,
  execute: async (args) => `step ${(args as { n: number }).n} done`,
});

/** One run() that works through a long task, one tool call per model call, in a plugin conversation. */
export async function heldToolLoop(maxTurns: number): Promise<{ output: string; replayWork: ReplayWork }> {
  const agent = new Agent({ name: 'Worker', instructions: 'Do every step.', tools: [step] });
  const result = await run(agent, 'Do the task.', { previousResponseId: NEW_CONVERSATION_ID, maxTurns });
  return { output: result.finalOutput ?? '', replayWork: historyStatus().replayWork };
}

export const approveSignal = defineSignal('approve');
export interface HeldApprovalStatus {
  /** The tool calls the paused run waits on. */
  waiting: number;
  /** The conversation id the run was started with (undefined in the first run). */
  carriedResponseId?: string;
}
export const approvalStatusQuery = defineQuery<HeldApprovalStatus>('approvalStatus');

export interface HeldApprovalInput {
  /** The paused run, as `RunState.toString()`, carried from the run before. */
  pausedRun?: string;
  previousResponseId?: string;
}

export interface HeldApprovalResult {
  output: string;
  refunds: string[];
  lastResponseId: string | undefined;
}

/**
 * A held conversation whose second turn pauses on a tool call that needs approval. The run then
 * continues as new carrying only the paused RunState and the conversation id (a long wait would do
 * so); the approval arrives in the new run, which resumes the paused run from there.
 */
export async function heldApprovalChat(input: HeldApprovalInput): Promise<HeldApprovalResult> {
  const refunds: string[] = [];
  const refund = tool({
    name: 'refund',
    description: 'Refunds an order once a person approves.',
    parameters: {
      type: 'object',
      properties: { order: { type: 'string' } },
      required: ['order'],
      additionalProperties: false,
    },
    strict: true,
    needsApproval: true,
    execute: async (args) => {
      const { order } = args as { order: string };
      refunds.push(order);
      return `order ${order} refunded`;
    },
  });
  const agent = new Agent({ name: 'Desk', instructions: 'Refund what is asked.', tools: [refund] });
  let approved = false;
  let waiting = 0;
  setHandler(approveSignal, () => {
    approved = true;
  });
  setHandler(approvalStatusQuery, () => ({ waiting, carriedResponseId: input.previousResponseId }));
  if (input.pausedRun === undefined) {
    let previousResponseId = NEW_CONVERSATION_ID;
    const greeting = await run(agent, 'hello', { previousResponseId });
    previousResponseId = greeting.lastResponseId ?? previousResponseId;
    const paused = await run(agent, 'please refund order 42', { previousResponseId });
    if (paused.interruptions.length === 0) throw new Error('expected the refund to wait for approval');
    return continueAsNew<typeof heldApprovalChat>({
      pausedRun: paused.state.toString(),
      previousResponseId: paused.lastResponseId,
    });
  }
  const state = await RunState.fromString(agent, input.pausedRun);
  const interruptions = state.getInterruptions();
  waiting = interruptions.length;
  await condition(() => approved);
  for (const item of interruptions) state.approve(item);
  waiting = 0;
  const result = await run(agent, state, { previousResponseId: input.previousResponseId });
  return { output: result.finalOutput ?? '', refunds, lastResponseId: result.lastResponseId };
}
