import { Agent, type AgentInputItem, run } from '@openai/agents-core';
import { activityAsTool } from 'openai-agents-temporal/workflow';
import { ACTIVITY_TIMEOUT, AGENT, LOOKUP_TOOL, type lookup, userMessage } from '../src/workload';

export { plain } from './plain';

/**
 * A conversation of `turns` user turns with one agent, each turn one `run()` over the whole
 * conversation so far. With `lookupFirst`, the first turn calls the lookup tool activity.
 */
export async function conversation(turns: number, lookupFirst: boolean): Promise<string> {
  const tool = activityAsTool<{ lookup: typeof lookup }>('lookup', {
    description: LOOKUP_TOOL.description,
    parameters: LOOKUP_TOOL.parameters,
    startToCloseTimeout: ACTIVITY_TIMEOUT,
  });
  const agent = new Agent({ ...AGENT, tools: [tool] });
  let history: AgentInputItem[] = [];
  let answer = '';
  for (let turn = 1; turn <= turns; turn++) {
    const result = await run(agent, [...history, userMessage(turn, lookupFirst && turn === 1)]);
    history = result.history;
    answer = String(result.finalOutput ?? '');
  }
  return answer;
}
