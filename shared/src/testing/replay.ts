import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { INVOKE_MODEL_ACTIVITY } from '../common/names.js';
import { OpenAIAgentsPlugin } from '../worker/plugin.js';

/** The finished history of a workflow run, for replay and for assertions. */
export async function fetchHistory(client: Client, workflowId: string, runId?: string): Promise<History> {
  return client.workflow.getHandle(workflowId, runId).fetchHistory();
}

/**
 * The histories of every run of a workflow from `firstRunId` on, in order: each run that continued
 * as new names the next in its last event.
 */
export async function fetchContinuedHistories(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<History[]> {
  const histories: History[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history = await fetchHistory(client, workflowId, runId);
    histories.push(history);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return histories;
}

/**
 * Replays a history against the current workflow code; throws on nondeterminism. Use a bundle
 * built with the plugin (AgentsTestEnvironment.bundle) or a workflows path.
 */
export async function replayHistory(
  history: History,
  workflowCode: { workflowBundle: WorkflowBundle } | { workflowsPath: string },
  workflowId = 'replay',
): Promise<void> {
  await Worker.runReplayHistory({ ...workflowCode, plugins: [new OpenAIAgentsPlugin()] }, history, workflowId);
}

/** Activity type names in scheduling order, e.g. to count model calls. */
export function scheduledActivityTypes(history: History): string[] {
  return (history.events ?? [])
    .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter((name): name is string => typeof name === 'string');
}

/** The agent behind each model activity, in scheduling order, read from the default summary "<agent>: <model>". */
export function modelCallAgents(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    if (event.activityTaskScheduledEventAttributes?.activityType?.name !== INVOKE_MODEL_ACTIVITY) return [];
    const data = event.userMetadata?.summary?.data;
    const summary = data ? (JSON.parse(new TextDecoder().decode(data)) as string) : '';
    return [summary.slice(0, summary.lastIndexOf(': '))];
  });
}

/** One model activity in a history: its agent, and the event ids at which it was scheduled and completed. */
export interface ModelCallSpan {
  agent: string | undefined;
  scheduledAt: number;
  /** NaN while the call has not completed. */
  completedAt: number;
}

/**
 * Each model activity in scheduling order with its scheduled and completed event ids, e.g. to check
 * that calls overlapped (a later one scheduled before an earlier one completed).
 */
export function modelCallSpans(history: History): ModelCallSpan[] {
  const agents = modelCallAgents(history);
  const events = history.events ?? [];
  const completedAt = new Map<number, number>();
  for (const event of events) {
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) completedAt.set(Number(completed.scheduledEventId), Number(event.eventId));
  }
  return events
    .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === INVOKE_MODEL_ACTIVITY)
    .map((event, index) => ({
      agent: agents[index],
      scheduledAt: Number(event.eventId),
      completedAt: completedAt.get(Number(event.eventId)) ?? Number.NaN,
    }));
}
