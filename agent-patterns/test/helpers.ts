// What both test files need: run a workflow on a fresh worker, replay its history, read its model calls.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import type { AgentsTestEnvironment, ScriptedModelProvider } from 'openai-agents-temporal/testing';

export type History = Awaited<ReturnType<AgentsTestEnvironment['replayAndKeepHistory']>>;

export const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));

export interface Finished<R> {
  result: R;
  workflowId: string;
  history: History;
}

/** Runs one workflow to its end on a fresh worker, then replays the finished history and keeps it. */
export async function execute<W extends Workflow>(
  env: AgentsTestEnvironment,
  workflow: W,
  args: Parameters<W>,
  modelProvider: ScriptedModelProvider,
): Promise<Finished<Awaited<ReturnType<W>>>> {
  const workflowId = `${workflow.name}-${randomUUID()}`;
  const result = await env.withWorker({ workflowsPath, modelProvider }, (taskQueue) =>
    env.client.workflow.execute<Workflow>(workflow.name, { taskQueue, workflowId, args }),
  );
  const history = await env.replayAndKeepHistory(workflowsPath, workflowId);
  return { result: result as Awaited<ReturnType<W>>, workflowId, history };
}

/** Like execute, for a run that must fail: returns the failure and the (replayed) history. */
export async function executeExpectingFailure<W extends Workflow>(
  env: AgentsTestEnvironment,
  workflow: W,
  args: Parameters<W>,
  modelProvider: ScriptedModelProvider,
): Promise<{ error: WorkflowFailedError; history: History }> {
  const workflowId = `${workflow.name}-${randomUUID()}`;
  const error = await env
    .withWorker({ workflowsPath, modelProvider }, (taskQueue) =>
      env.client.workflow.execute<Workflow>(workflow.name, { taskQueue, workflowId, args }),
    )
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  if (!(error instanceof WorkflowFailedError)) throw new Error(`expected the workflow to fail, got ${error}`);
  const history = await env.replayAndKeepHistory(workflowsPath, workflowId);
  return { error, history };
}

/** The agent behind each model activity, in scheduling order (from the activity summary "<agent>: <model>"). */
export function modelCallAgents(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const attributes = event.activityTaskScheduledEventAttributes;
    if (attributes?.activityType?.name !== INVOKE_MODEL_ACTIVITY) return [];
    const data = event.userMetadata?.summary?.data;
    const summary = data ? (JSON.parse(Buffer.from(data).toString()) as string) : '';
    return [summary.slice(0, summary.lastIndexOf(': '))];
  });
}
