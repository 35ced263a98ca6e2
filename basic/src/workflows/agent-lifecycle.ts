import { run } from '@openai/agents';
import { ApplicationFailure, log } from '@temporalio/workflow';
import { createNumberAgents, numberPrompt } from './number-agents';

export interface AgentLifecycleResult {
  number: number;
  /** What each agent's hooks saw, in the order they fired. */
  events: string[];
}

/** Per-agent hooks: every agent is an event emitter that reports its own start, tools, handoff and end. */
export async function agentLifecycle(maxNumber: number): Promise<AgentLifecycleResult> {
  const { startAgent, multiplyAgent } = createNumberAgents();
  const events: string[] = [];
  const record = (agentName: string, event: string) => {
    events.push(`${agentName}: ${event}`);
    // The workflow logger stays quiet while a replay re-runs these hooks.
    log.info(`(${agentName}) ${events.length}: ${event}`);
  };

  for (const agent of [startAgent, multiplyAgent]) {
    agent.on('agent_start', () => record(agent.name, 'started'));
    agent.on('agent_tool_start', (_context, tool) => record(agent.name, `started tool ${tool.name}`));
    agent.on('agent_tool_end', (_context, tool, result) => record(agent.name, `tool ${tool.name} returned ${result}`));
    agent.on('agent_handoff', (_context, nextAgent) => record(agent.name, `handed off to ${nextAgent.name}`));
    agent.on('agent_end', (_context, output) => record(agent.name, `ended with ${output}`));
  }

  const result = await run(startAgent, numberPrompt(maxNumber));
  if (!result.finalOutput) throw ApplicationFailure.nonRetryable('The agents gave no final number.');
  return { number: result.finalOutput.number, events };
}
