// The replay-work fit's workflows (src/replay-work-fit.ts): a chat passing its whole conversation to
// each run(), and one run() through a long series of tool calls. Each returns its replay work.
import { Agent, type AgentInputItem, run, tool } from '@openai/agents-core';
import { historyStatus, type ReplayWork } from 'openai-agents-temporal/workflow';

export async function wholeChat(turns: number, messageBytes: number): Promise<ReplayWork> {
  const agent = new Agent({ name: 'Chat', instructions: 'Reply briefly.' });
  let conversation: AgentInputItem[] = [];
  for (let turn = 0; turn < turns; turn++) {
    conversation.push({ type: 'message', role: 'user', content: `turn ${turn}: ${'x'.repeat(messageBytes)}` });
    conversation = (await run(agent, conversation)).history;
  }
  return historyStatus().replayWork;
}

const step = tool({
  name: 'step',
  description: 'Does one step.',
  parameters: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false },
  strict: true,
  execute: async (args) => `step ${(args as { n: number }).n} done`,
});

export async function toolLoop(maxTurns: number): Promise<ReplayWork> {
  const agent = new Agent({ name: 'Loop', instructions: 'Do every step.', tools: [step] });
  await run(agent, 'Start.', { maxTurns });
  return historyStatus().replayWork;
}
