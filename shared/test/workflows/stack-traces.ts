// Workflows that show what the sandbox's stack-trace limit (workflowStackTraceLimit) leaves to debug with.
import { Agent, run, tool } from '@openai/agents-core';
import { ApplicationFailure, condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { z } from 'zod';

/** The sandbox's Error.stackTraceLimit, and how many frames an error thrown 20 calls deep carries. */
export async function sandboxStackFrames(): Promise<{ limit: number; frames: number }> {
  const nested = (depth: number): Error => (depth === 0 ? new Error('deep') : nested(depth - 1));
  const frames = (nested(20).stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;
  return { limit: Error.stackTraceLimit, frames };
}

function rejectOrderNumber(order: string): never {
  throw ApplicationFailure.nonRetryable(`order ${order} is not a valid order number`, 'InvalidOrder');
}

function checkOrderNumber(order: string): void {
  if (!/^\d+$/.test(order)) rejectOrderNumber(order);
}

/** Fails the workflow from a helper two calls below the workflow function, after one agent run. */
export async function failsAfterAgentRun(order: string): Promise<string> {
  const agent = new Agent({ name: 'Clerk', instructions: 'Confirm orders.' });
  const result = await run(agent, `Confirm order ${order}`);
  checkOrderNumber(order);
  return result.finalOutput ?? '';
}

export const releaseSignal = defineSignal('release');
export const waitingQuery = defineQuery<boolean>('waiting');

/** An agent whose tool waits for a signal: the stack-trace query shows where the run waits. */
export async function toolWaitsForRelease(prompt: string): Promise<string> {
  let released = false;
  let waiting = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  setHandler(waitingQuery, () => waiting);
  async function waitForApprovalInTool(): Promise<string> {
    waiting = true;
    await condition(() => released);
    waiting = false;
    return 'approved';
  }
  const approval = tool({
    name: 'request_approval',
    description: 'Waits for a person to approve',
    parameters: z.object({}),
    execute: waitForApprovalInTool,
  });
  const agent = new Agent({ name: 'Approver', instructions: 'Ask for approval.', tools: [approval] });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}
