import { type RunContext, Runner } from '@openai/agents';
import { ApplicationFailure, log } from '@temporalio/workflow';
import { createNumberAgents, numberPrompt } from './number-agents';

export interface UsageSoFar {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface LifecycleResult {
  number: number;
  /** Every hook that fired, in order, with the run's token usage at that moment. */
  events: { event: string; usage: UsageSoFar }[];
}

/** Run-level hooks: one Runner hears every agent's start, tools, handoffs and end, with running usage. */
export async function lifecycle(maxNumber: number): Promise<LifecycleResult> {
  const { startAgent } = createNumberAgents();
  const events: LifecycleResult['events'] = [];
  const record = (context: RunContext<unknown>, event: string) => {
    const { requests, inputTokens, outputTokens, totalTokens } = context.usage;
    events.push({ event, usage: { requests, inputTokens, outputTokens, totalTokens } });
    log.info(
      `${events.length}: ${event}. Usage: ${requests} requests, ${inputTokens} input tokens, ` +
        `${outputTokens} output tokens, ${totalTokens} total tokens`,
    );
  };

  // The hooks belong to this Runner, so they hear every agent it runs, including the one handed off to.
  const runner = new Runner();
  runner.on('agent_start', (context, agent) => record(context, `Agent ${agent.name} started`));
  runner.on('agent_end', (context, agent, output) => record(context, `Agent ${agent.name} ended with ${output}`));
  runner.on('agent_tool_start', (context, _agent, tool) => record(context, `Tool ${tool.name} started`));
  runner.on('agent_tool_end', (context, _agent, tool, result) =>
    record(context, `Tool ${tool.name} ended with ${result}`),
  );
  runner.on('agent_handoff', (context, from, to) => record(context, `Handoff from ${from.name} to ${to.name}`));

  const result = await runner.run(startAgent, numberPrompt(maxNumber));
  if (!result.finalOutput) throw ApplicationFailure.nonRetryable('The agents gave no final number.');
  return { number: result.finalOutput.number, events };
}
