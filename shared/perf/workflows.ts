// The perf harness's workflows: a conversation with one agent (one run() per user turn over the
// whole conversation so far, as the bench does) and a plain workflow of bare activities.
import { Agent, type AgentInputItem, run } from '@openai/agents-core';
import { proxyActivities } from '@temporalio/workflow';
import { activityAsTool } from '../src/workflow/index.js';
import { ACTIVITY_TIMEOUT, AGENT, LOOKUP_TOOL, type noop, userMessage } from './workload.js';

const { noop: noopActivity } = proxyActivities<{ noop: typeof noop }>({ startToCloseTimeout: ACTIVITY_TIMEOUT });

/** `turns` user turns; with `lookupFirst`, the first turn calls the lookup tool activity. */
export async function perfConversation(turns: number, lookupFirst: boolean): Promise<string> {
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
    const result = await run(agent, [...history, userMessage(turn, lookupFirst && turn === 1)]);
    history = result.history;
    answer = String(result.finalOutput ?? '');
  }
  return answer;
}

/** `calls` bare activities in a row. */
export async function perfPlain(calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await noopActivity();
}
