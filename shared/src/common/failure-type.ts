/**
 * The typed failure inside an error from an activity-backed helper or from an agent run that used one.
 * Sandbox-safe.
 */
import { ToolCallError } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';

/** The first `ApplicationFailure.type` among `types` on the error's chain: its causes, and the runner's ToolCallError, which keeps a tool's error as `error`. */
export function failureTypeAmong(error: unknown, types: ReadonlySet<string>): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof ApplicationFailure && current.type && types.has(current.type)) return current.type;
    seen.add(current);
    current = current instanceof ToolCallError ? current.error : current.cause;
  }
  return undefined;
}
