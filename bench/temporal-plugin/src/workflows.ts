import { Agent, type AgentInputItem } from '@openai/agents-core';
import { activityAsTool, TemporalOpenAIRunner } from '@temporalio/openai-agents/workflow';
import { ACTIVITY_TIMEOUT, AGENT, chatMessage, LOOKUP_TOOL, type lookup, userMessage } from '../../src/workload';

export { plain } from './plain';

/** The same conversations as bench/ours/workflows.ts, with Temporal's runner and tool helper. */
async function converse(turns: number, message: (turn: number) => AgentInputItem): Promise<string> {
  const tool = activityAsTool<typeof lookup>(LOOKUP_TOOL, { startToCloseTimeout: ACTIVITY_TIMEOUT });
  const agent = new Agent({ ...AGENT, tools: [tool] });
  const runner = new TemporalOpenAIRunner();
  let history: AgentInputItem[] = [];
  let answer = '';
  for (let turn = 1; turn <= turns; turn++) {
    const result = await runner.run(agent, [...history, message(turn)]);
    history = result.history;
    answer = String(result.finalOutput ?? '');
  }
  return answer;
}

/** A conversation of short turns; with `lookupFirst`, the first turn calls the lookup tool activity. */
export async function conversation(turns: number, lookupFirst: boolean): Promise<string> {
  return converse(turns, (turn) => userMessage(turn, lookupFirst && turn === 1));
}

/** A long chat: every user turn is about 2 KB. */
export async function chat(turns: number): Promise<string> {
  return converse(turns, chatMessage);
}
