import {
  type FunctionTool,
  type RunContext,
  type ToolExecuteArgument,
  type ToolInputParameters,
  tool,
} from '@openai/agents-core';
import { ActivityFailure, type ActivityOptions, isCancellation, proxyActivities } from '@temporalio/workflow';

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
  /**
   * What the model is told when the activity fails for good (after its retry policy). Default: the
   * activity's own error message. Cancellation is never sent to the model: it cancels the run.
   */
  errorMessage?: (error: unknown) => string;
  /**
   * Whether a call waits for a human decision before the activity is scheduled: `true`, or a function
   * of the call's arguments (it runs in the workflow, so it must be deterministic). The run then ends
   * with `result.interruptions`; approve or reject them on `result.state` and run again with the state.
   */
  needsApproval?:
    | boolean
    | ((
        runContext: RunContext,
        args: TParameters extends ToolInputParameters ? ToolExecuteArgument<TParameters> : unknown,
        callId?: string,
      ) => Promise<boolean>);
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
  const { name, description, parameters, strict, errorMessage, needsApproval, ...activityOptions } = options;
  const toolName = name ?? activityName;
  if (activityOptions.startToCloseTimeout === undefined && activityOptions.scheduleToCloseTimeout === undefined) {
    activityOptions.startToCloseTimeout = '60s';
  }
  activityOptions.summary ??= description;
  const activity = proxyActivities<Record<string, (args: unknown) => Promise<unknown>>>(activityOptions)[activityName];
  if (!activity) throw new TypeError(`activityAsTool: no activity named ${activityName}`);
  return tool({
    name: toolName,
    description,
    parameters: parameters as never,
    strict: strict ?? true,
    ...(needsApproval === undefined ? {} : { needsApproval: needsApproval as never }),
    execute: async (args: unknown) => toToolOutput(await activity(args)),
    errorFunction: (_context, error) => {
      if (isCancellation(error)) throw error;
      return errorMessage ? errorMessage(error) : `The ${toolName} tool failed: ${activityErrorMessage(error)}`;
    },
  }) as FunctionTool;
}

/** The activity's own message, rather than the wrapper's "Activity task failed". */
function activityErrorMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function toToolOutput(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? '';
}
