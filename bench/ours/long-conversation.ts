// The long-conversation figure's workflows (src/long-conversation.ts): one run of `turns` 2 KB turns
// in a loop, the conversation passed whole to each run() or held by the plugin.
import { Agent, type AgentInputItem, run } from '@openai/agents-core';
import { historyStatus, NEW_CONVERSATION_ID, type ReplayWork } from 'openai-agents-temporal/workflow';

const message = (turn: number) => `turn ${turn}: ${'Tell me more about the plan, step by step. '.repeat(48)}`;
const chatAgent = () => new Agent({ name: 'Chat', instructions: 'Reply briefly.' });

/** Each turn one run() over the whole conversation so far. */
export async function wholeConversationChat(turns: number): Promise<ReplayWork> {
  const agent = chatAgent();
  let conversation: AgentInputItem[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const result = await run(agent, [...conversation, { type: 'message', role: 'user', content: message(turn) }]);
    conversation = result.history;
  }
  return historyStatus().replayWork;
}

/** Each turn one run() over the new message only; the plugin holds the conversation. */
export async function heldConversationChat(turns: number): Promise<ReplayWork> {
  const agent = chatAgent();
  let previousResponseId = NEW_CONVERSATION_ID;
  for (let turn = 1; turn <= turns; turn++) {
    const result = await run(agent, message(turn), { previousResponseId });
    previousResponseId = result.lastResponseId ?? previousResponseId;
  }
  return historyStatus().replayWork;
}
