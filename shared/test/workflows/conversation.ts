// Conversations held by the plugin (NEW_CONVERSATION_ID): each run() gets only what is new.
import { Agent, run, tool } from '@openai/agents-core';
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
