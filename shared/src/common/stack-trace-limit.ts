/**
 * How many frames the workflow sandbox captures per stack trace (its realm's `Error.stackTraceLimit`).
 * Temporal's sandbox captures a stack for every promise workflow code makes (for the stack-trace query),
 * and formats each frame through the bundle's source map: the limit is most of a model call's CPU cost
 * in the sandbox. See the README's "Stack traces in workflows".
 */

/** The identifier the plugin defines in the workflow bundle (webpack's DefinePlugin). */
export const BUNDLED_STACK_TRACE_LIMIT = '__OPENAI_AGENTS_TEMPORAL_STACK_TRACE_LIMIT__';

/**
 * Frames per stack in workflows unless the worker says otherwise. Measured in shared/perf (replay of a
 * 100-call conversation, CPU per replay): see the README for the figures at 10 (V8's own default), 6, 4.
 */
export const DEFAULT_WORKFLOW_STACK_TRACE_LIMIT = 6;

/** The limit to bake into a bundle, or a clear error for a value that is not a frame count. */
export function workflowStackTraceLimit(value: number | undefined): number {
  if (value === undefined) return DEFAULT_WORKFLOW_STACK_TRACE_LIMIT;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1)) return value;
  throw new TypeError(
    `OpenAIAgentsPlugin: workflowStackTraceLimit must be a whole number of frames, 1 or more (or Infinity), ` +
      `not ${String(value)}. It sets Error.stackTraceLimit in the workflow sandbox; ${DEFAULT_WORKFLOW_STACK_TRACE_LIMIT} ` +
      'by default, 10 is V8’s own default.',
  );
}
