import { Agent, type AgentInputItem } from '@openai/agents-core';
import { activityAsTool, TemporalOpenAIRunner } from '@temporalio/openai-agents/workflow';
import { ACTIVITY_TIMEOUT, AGENT, LOOKUP_TOOL, type lookup, userMessage } from '../../src/workload';

export { plain } from './plain';

/** The same conversation as bench/ours/workflows.ts, with Temporal's runner and tool helper. */
export async function conversation(turns: number, lookupFirst: boolean): Promise<string> {
  const tool = activityAsTool<typeof lookup>(LOOKUP_TOOL, { startToCloseTimeout: ACTIVITY_TIMEOUT });
  const agent = new Agent({ ...AGENT, tools: [tool] });
  const runner = new TemporalOpenAIRunner();
  let history: AgentInputItem[] = [];
  let answer = '';
  for (let turn = 1; turn <= turns; turn++) {
    const result = await runner.run(agent, [...history, userMessage(turn, lookupFirst && turn === 1)]);
    history = result.history;
    answer = String(result.finalOutput ?? '');
  }
  return answer;
}
