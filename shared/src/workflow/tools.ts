import {
  type FunctionTool,
  type RunContext,
  type ToolExecuteArgument,
  type ToolInputParameters,
  tool,
} from '@openai/agents-core';
import { ActivityFailure, type ActivityOptions, isCancellation, proxyActivities } from '@temporalio/workflow';
import { BOUND_ARGUMENTS_KEY, containsWorkerEnvRef } from '../common/worker-env.js';

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** What the model sees of a tool backed by a Temporal call (an activity, a Nexus operation), and how failures reach it. */
export interface ToolDescription<TParameters> {
  /** The tool name the model sees; defaults to the activity's or operation's name. */
  name?: string;
  /** What the tool does, for the model. */
  description: string;
  /** The call's single argument, as a zod object or a JSON schema. The model fills it in. */
  parameters: TParameters;
  /** Strict JSON schema mode (default true). */
  strict?: boolean;
  /**
   * What the model is told when the call fails for good (after its retry policy). Default: the
   * failure's own message. Cancellation is never sent to the model: it cancels the run.
   */
  errorMessage?: (error: unknown) => string;
  /**
   * Whether a call waits for a human decision before it is made: `true`, or a function of the call's
   * arguments (it runs in the workflow, so it must be deterministic). The run then ends with
   * `result.interruptions`; approve or reject them on `result.state` and run again with the state.
   */
  needsApproval?:
    | boolean
    | ((
        runContext: RunContext,
        args: TParameters extends ToolInputParameters ? ToolExecuteArgument<TParameters> : unknown,
        callId?: string,
      ) => Promise<boolean>);
}

export interface ActivityAsToolOptions<TParameters> extends ActivityOptions, ToolDescription<TParameters> {
  /**
   * Fields added to the activity's argument that the model neither sees nor fills, e.g. an API key by
   * reference: `{ apiKey: workerEnvRef('WEATHER_API_KEY') }`. The history records them as given (the
   * reference, not the value); the worker resolves references against its `workerEnvAllowList`.
   * A reference in the model's own arguments is refused.
   */
  boundArguments?: Record<string, unknown>;
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
  const { name, description, parameters, strict, errorMessage, needsApproval, boundArguments, ...activityOptions } =
    options;
  const toolName = name ?? activityName;
  if (activityOptions.startToCloseTimeout === undefined && activityOptions.scheduleToCloseTimeout === undefined) {
    activityOptions.startToCloseTimeout = '60s';
  }
  activityOptions.summary ??= description;
  const activity = proxyActivities<Record<string, (args: unknown) => Promise<unknown>>>(activityOptions)[activityName];
  if (!activity) throw new TypeError(`activityAsTool: no activity named ${activityName}`);
  return toolFromCall({
    toolName,
    description,
    parameters,
    strict,
    needsApproval,
    errorMessage,
    describeFailure: activityErrorMessage,
    call: async (args) => {
      if (boundArguments === undefined) return activity(args);
      // Only workflow code may name a worker variable: a reference the model wrote is not resolved.
      if (containsWorkerEnvRef(args))
        throw new TypeError('the arguments may not contain a worker environment reference');
      return activity({ ...(args as object), [BOUND_ARGUMENTS_KEY]: boundArguments });
    },
  });
}

/** A tool whose call is one Temporal call; failures other than cancellation are told to the model. */
export function toolFromCall<TParameters>(spec: {
  toolName: string;
  description: string;
  parameters: TParameters;
  strict: boolean | undefined;
  needsApproval: ToolDescription<TParameters>['needsApproval'];
  errorMessage: ((error: unknown) => string) | undefined;
  describeFailure: (error: unknown) => string;
  call: (args: unknown) => Promise<unknown>;
}): FunctionTool {
  const { toolName, errorMessage, describeFailure, call, needsApproval } = spec;
  return tool({
    name: toolName,
    description: spec.description,
    parameters: spec.parameters as never,
    strict: spec.strict ?? true,
    ...(needsApproval === undefined ? {} : { needsApproval: needsApproval as never }),
    execute: async (args: unknown) => toToolOutput(await call(args)),
    errorFunction: (_context, error) => {
      if (isCancellation(error)) throw error;
      return errorMessage ? errorMessage(error) : `The ${toolName} tool failed: ${describeFailure(error)}`;
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
