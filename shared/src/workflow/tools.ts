import {
  type FunctionTool,
  type RunContext,
  type StandardSchemaWithJSON,
  type ToolInputParameters,
  tool,
} from '@openai/agents-core';
import { ActivityFailure, type ActivityOptions, isCancellation, proxyActivities } from '@temporalio/workflow';
import { BOUND_ARGUMENTS_KEY, containsWorkerEnvRef } from '../common/worker-env.js';

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** agents-core's JSON object schemas for strict and non-strict tools (`additionalProperties` false and true). */
type StrictJsonSchema = Extract<ToolInputParameters, { additionalProperties: false }>;
type LooseJsonSchema = Extract<ToolInputParameters, { additionalProperties: true }>;

/**
 * A JSON schema leaves the parsed arguments unchecked, so it is accepted only for a call whose input
 * is typed `unknown`; a typed input needs a schema that parses to it.
 */
type JsonSchemaFor<TInput, TSchema> = unknown extends TInput ? TSchema : never;

/**
 * The schema of the call's one argument, which the model fills in: a zod object (or another Standard
 * Schema with JSON Schema output) whose parsed value is `TInput`, or a JSON schema when `TInput` is
 * `unknown`. Strict mode (the default) is the only mode for zod; `strict: false` takes a JSON schema
 * with `additionalProperties: true`.
 */
export type ToolParameters<TInput> =
  | { strict?: true; parameters: StandardSchemaWithJSON<unknown, TInput> | JsonSchemaFor<TInput, StrictJsonSchema> }
  | { strict: false; parameters: JsonSchemaFor<TInput, LooseJsonSchema> };

/** What the model sees of a tool backed by a Temporal call (an activity, a Nexus operation), and how failures reach it. */
export type ToolDescription<TInput> = ToolParameters<TInput> & {
  /** The tool name the model sees; defaults to the activity's or operation's name. */
  name?: string;
  /** What the tool does, for the model. */
  description: string;
  /**
   * What the model is told when the call fails for good (after its retry policy). Default: the
   * failure's own message. Cancellation is never sent to the model: it cancels the run.
   */
  errorMessage?: (error: unknown) => string;
  /**
   * Whether a call waits for a human decision before it is made: `true`, or a function of the call's
   * parsed arguments (it runs in the workflow, so it must be deterministic). The run then ends with
   * `result.interruptions`; approve or reject them on `result.state` and run again with the state.
   */
  needsApproval?: boolean | ((runContext: RunContext, args: TInput, callId?: string) => Promise<boolean>);
};

/** What the model fills of an input whose other fields come from `boundArguments`. */
type ModelFilledPart<TInput> = TInput extends object ? Partial<TInput> : TInput;

/**
 * `activityAsTool`'s options for an activity that takes `TInput`: the tool's description, its
 * parameters schema (tied to `TInput`) and Temporal's activity options.
 */
export type ActivityAsToolOptions<TInput> = ActivityOptions &
  (
    | (ToolDescription<TInput> & { boundArguments?: undefined })
    | (ToolDescription<ModelFilledPart<TInput>> & {
        /**
         * Fields added to the activity's argument that the model neither sees nor fills, e.g. an API key by
         * reference: `{ apiKey: workerEnvRef('WEATHER_API_KEY') }`. The history records them as given (the
         * reference, not the value); the worker resolves references against its `workerEnvAllowList`.
         * A reference in the model's own arguments is refused. With them, `parameters` may leave out
         * the fields they fill.
         */
        boundArguments: { [Field in keyof TInput]?: unknown };
      })
  );

/** The one argument an activity takes (`unknown` for one that takes none). */
type ActivityInput<TActivity> = TActivity extends (input: infer TInput) => Promise<unknown> ? TInput : never;

/** An activity's name in `TActivities` with the options for it: a union, one member per activity. */
type ActivityToolArguments<TActivities> = {
  [Name in keyof TActivities & string]: [
    activityName: Name,
    options: ActivityAsToolOptions<ActivityInput<TActivities[Name]>>,
  ];
}[keyof TActivities & string];

/** A tool made by `activityAsTool` or `nexusOperationAsTool`. */
export type TemporalCallTool = FunctionTool<unknown, NonNullable<ToolInputParameters>>;

/**
 * A Temporal activity as an agents `FunctionTool`. When the model calls the tool, the workflow
 * schedules the activity with the parsed arguments as its one argument; the activity's result
 * goes back to the model as text (strings as they are, anything else as JSON).
 *
 * `TActivities` is the activities' type (`typeof activities`): the name must be one of them, and
 * `parameters` must parse to what that activity takes. With several activities in the type, give
 * `needsApproval`'s arguments their type (`async (_context, args: { city: string }) => ...`).
 *
 * The activity must be registered on a worker polling the task queue (the workflow's by default).
 * Activity options default to a 60-second start-to-close timeout.
 */
export function activityAsTool<
  TActivities extends Record<keyof TActivities, ActivityFunction> = Record<
    string,
    (input: unknown) => Promise<unknown>
  >,
>(...args: NoInfer<ActivityToolArguments<TActivities>>): TemporalCallTool;
// The typed signature above checks the pairing of schema and activity; from here on the arguments are
// what the schema parsed, handled alike whatever their type.
export function activityAsTool(activityName: string, options: ActivityAsToolOptions<unknown>): TemporalCallTool {
  const { name, description } = options;
  const { boundArguments, ...activityOptions } = callOptions(options);
  if (activityOptions.startToCloseTimeout === undefined && activityOptions.scheduleToCloseTimeout === undefined) {
    activityOptions.startToCloseTimeout = '60s';
  }
  activityOptions.summary ??= description;
  const activity = proxyActivities<Record<string, (args: unknown) => Promise<unknown>>>(activityOptions)[activityName];
  if (!activity) throw new TypeError(`activityAsTool: no activity named ${activityName}`);
  return toolFromCall(options, {
    toolName: name ?? activityName,
    describeFailure: activityErrorMessage,
    call: async (args) => {
      if (boundArguments === undefined) return activity(args);
      // Only workflow code may name a worker variable: a reference the model wrote is not resolved.
      if (containsWorkerEnvRef(args))
        throw new TypeError('the arguments may not contain a worker environment reference');
      return activity({ ...asObject(args), [BOUND_ARGUMENTS_KEY]: boundArguments });
    },
  });
}

/** The options without the tool's description: what is left are the Temporal call's own options. */
export function callOptions<TOptions extends ToolDescription<unknown>>(options: TOptions) {
  const {
    name: _name,
    description: _description,
    parameters: _parameters,
    strict: _strict,
    errorMessage: _errorMessage,
    needsApproval: _needsApproval,
    ...rest
  } = options;
  return rest;
}

/** A tool whose call is one Temporal call; failures other than cancellation are told to the model. */
export function toolFromCall(
  description: ToolDescription<unknown>,
  how: {
    toolName: string;
    describeFailure: (error: unknown) => string;
    call: (args: unknown) => Promise<unknown>;
  },
): TemporalCallTool {
  const { errorMessage, needsApproval } = description;
  const { toolName, describeFailure, call } = how;
  const common = {
    name: toolName,
    description: description.description,
    ...(needsApproval === undefined ? {} : { needsApproval }),
    execute: async (args: unknown) => toToolOutput(await call(args)),
    errorFunction: (_context: unknown, error: unknown) => {
      if (isCancellation(error)) throw error;
      return errorMessage ? errorMessage(error) : `The ${toolName} tool failed: ${describeFailure(error)}`;
    },
  };
  if (description.strict === false) return tool({ ...common, strict: false, parameters: description.parameters });
  return tool({ ...common, strict: true, parameters: description.parameters });
}

/** The model's arguments as an object to add the bound ones to (a schema's root is always an object). */
function asObject(args: unknown): object {
  return typeof args === 'object' && args !== null ? args : {};
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
