import { Agent, type AgentInputItem, run } from '@openai/agents-core';
import { activityAsTool } from 'openai-agents-temporal/workflow';
import { ACTIVITY_TIMEOUT, AGENT, chatMessage, LOOKUP_TOOL, userMessage } from '../src/workload';

export { plain } from './plain';

/** `turns` user turns with one agent, each turn one `run()` over the whole conversation so far. */
async function converse(turns: number, message: (turn: number) => AgentInputItem): Promise<string> {
  // The JSON schema all bench sides share leaves the arguments unchecked, so the activity is untyped here.
  const tool = activityAsTool('lookup', {
    description: LOOKUP_TOOL.description,
    parameters: LOOKUP_TOOL.parameters,
    startToCloseTimeout: ACTIVITY_TIMEOUT,
  });
  const agent = new Agent({ ...AGENT, tools: [tool] });
  let history: AgentInputItem[] = [];
  let answer = '';
  for (let turn = 1; turn <= turns; turn++) {
    const result = await run(agent, [...history, message(turn)]);
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
