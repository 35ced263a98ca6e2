import { type FunctionTool, type ToolInputParameters, tool } from '@openai/agents-core';
import { type ActivityOptions, proxyActivities } from '@temporalio/workflow';

type ActivityFunction = (...args: never[]) => Promise<unknown>;

export interface ActivityAsToolOptions<TParameters> extends ActivityOptions {
  /** The tool name the model sees; defaults to the activity name. */
  name?: string;
  /** What the tool does, for the model. */
  description: string;
  /** The activity's single argument, as a zod object or a JSON schema. The model fills it in. */
  parameters: TParameters;
  /** Strict JSON schema mode (default true). */
  strict?: boolean;
}

/**
 * A Temporal activity as an agents `FunctionTool`. When the model calls the tool, the workflow
 * schedules the activity with the parsed arguments as its one argument; the activity's result
 * goes back to the model as text (strings as they are, anything else as JSON).
 *
 * The activity must be registered on a worker polling the task queue (the workflow's by default).
 * Activity options default to a 60-second start-to-close timeout.
 */
export function activityAsTool<
  TActivities extends Record<string, ActivityFunction> = Record<string, ActivityFunction>,
  TParameters extends NonNullable<ToolInputParameters> = NonNullable<ToolInputParameters>,
>(activityName: keyof TActivities & string, options: ActivityAsToolOptions<TParameters>): FunctionTool {
  const { name, description, parameters, strict, ...activityOptions } = options;
  if (activityOptions.startToCloseTimeout === undefined && activityOptions.scheduleToCloseTimeout === undefined) {
    activityOptions.startToCloseTimeout = '60s';
  }
  activityOptions.summary ??= description;
  const activity = proxyActivities<Record<string, (args: unknown) => Promise<unknown>>>(activityOptions)[activityName];
  if (!activity) throw new TypeError(`activityAsTool: no activity named ${activityName}`);
  return tool({
    name: name ?? activityName,
    description,
    parameters: parameters as never,
    strict: strict ?? true,
    execute: async (args: unknown) => toToolOutput(await activity(args)),
  }) as FunctionTool;
}

function toToolOutput(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? '';
}
