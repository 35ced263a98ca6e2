/**
 * Workflow interceptor module the plugin adds to every bundle. Per workflow run it
 *   1. installs the activity-backed model provider as agents-core's default, so `run(agent, input)`
 *      and `new Runner().run(...)` work unchanged;
 *   2. checks each run's input, and makes every error out of an agent run fail the workflow, as
 *      Python's plugin does. Without this, an error thrown in workflow code fails the workflow task,
 *      which Temporal retries forever. Agents errors (MaxTurnsExceededError,
 *      InputGuardrailTripwireTriggered, ...) leave run() unchanged, so workflow code can catch them by
 *      class; uncaught, they become non-retryable ApplicationFailures typed by class. Other errors
 *      become AgentsWorkflowError failures as they leave run().
 *   3. sets up replay-safe tracing (see tracing.ts).
 */
import { AgentsError, RunState, setDefaultModelProvider } from '@openai/agents-core';
import {
  ApplicationFailure,
  type Next,
  TemporalFailure,
  WorkflowError,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { wrapRunnerRun } from '../common/agents-core-adapter.js';
import { FailureTypes } from '../common/names.js';
import { describeInputItemProblem, findInputItemProblem } from '../common/wire.js';
import { ActivityModelProvider } from './model.js';
import { workflowTracingInterceptors } from './tracing.js';

class AgentErrorsInterceptor implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      throw toWorkflowFailure(error);
    }
  }
}

/** Agents errors become typed failures; a Temporal failure wrapped by the runner is surfaced as is. */
export function toWorkflowFailure(error: unknown): unknown {
  if (error instanceof TemporalFailure || !(error instanceof Error)) return error;
  if (error instanceof AgentsError) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.constructor.name,
      nonRetryable: true,
      details: tripwireDetails(error),
      cause: temporalCause(error),
    });
  }
  return temporalCause(error) ?? error;
}

/** What an error out of an agent run becomes: always a failure, never a workflow-task retry loop. */
function toRunFailure(error: unknown): unknown {
  const converted = toWorkflowFailure(error);
  // Temporal's own errors (nondeterminism and the like) must keep failing the workflow task.
  if (converted instanceof TemporalFailure || converted instanceof WorkflowError) return converted;
  const message = converted instanceof Error ? converted.message : String(converted);
  return ApplicationFailure.create({
    message: `The agent run failed: ${message}`,
    type: FailureTypes.agentsWorkflowError,
    nonRetryable: true,
    cause: converted instanceof Error ? converted : undefined,
  });
}

function temporalCause(error: Error): TemporalFailure | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error.cause;
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof TemporalFailure) return current;
    seen.add(current);
    current = current.cause;
  }
  return undefined;
}

/** For guardrail tripwires: which guardrail fired and what it reported. */
function tripwireDetails(error: AgentsError): unknown[] | undefined {
  const result = (error as { result?: { guardrail?: { name?: string }; output?: { outputInfo?: unknown } } }).result;
  if (!result?.guardrail) return undefined;
  return [{ guardrail: result.guardrail.name, outputInfo: result.output?.outputInfo ?? null }];
}

/**
 * Rejects input the runner or the model client would choke on, or send to the model empty, with a
 * message that says what to pass. Items are checked one by one (roles, content parts, image and file
 * fields), so a bad item is named here, before any model call, not by a TypeError in the activity.
 */
export function assertValidRunInput(agentName: string, input: unknown): void {
  if (input instanceof RunState) return;
  let problem: string | undefined;
  if (typeof input === 'string') {
    if (input.trim() === '') problem = 'an empty string';
  } else if (Array.isArray(input)) {
    if (input.length === 0) problem = 'an empty list of input items';
  } else {
    problem = input === null ? 'null' : `a value of type ${typeof input}`;
  }
  if (problem) {
    throw ApplicationFailure.nonRetryable(
      `The input to agent "${agentName}" is ${problem}. Pass a non-empty prompt string, a non-empty list of ` +
        'input items, or a RunState to resume.',
      FailureTypes.invalidInput,
    );
  }
  const itemProblem = findInputItemProblem(input);
  if (itemProblem) {
    throw ApplicationFailure.nonRetryable(
      `The input to agent "${agentName}" has an item the model cannot take: ${describeInputItemProblem(itemProblem)}.`,
      FailureTypes.invalidInput,
    );
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  setDefaultModelProvider(new ActivityModelProvider());
  wrapRunnerRun({
    before: (agent, input) => assertValidRunInput(agent.name, input),
    // Agents errors stay as they are, so workflow code can catch a tripwire by its class; the
    // workflow boundary turns uncaught ones into typed failures.
    onError: (error) => (error instanceof AgentsError ? error : toRunFailure(error)),
  });
  const tracing = workflowTracingInterceptors();
  return {
    inbound: [new AgentErrorsInterceptor(), tracing.inbound],
    outbound: [tracing.outbound],
    internals: [tracing.internals],
  };
};
