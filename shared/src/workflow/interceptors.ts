/**
 * Workflow interceptor module the plugin adds to every bundle. Per workflow run it
 *   1. installs the activity-backed model provider as agents-core's default, so `run(agent, input)`
 *      and `new Runner().run(...)` work unchanged, and
 *   2. turns agents errors (max turns, guardrail tripwires, model behaviour, user errors) into
 *      non-retryable ApplicationFailures, so the workflow fails with a typed error instead of
 *      retrying its workflow task forever.
 */
import { AgentsError, setDefaultModelProvider } from '@openai/agents-core';
import {
  ApplicationFailure,
  type Next,
  TemporalFailure,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { bundledModelParameters } from './config';
import { ActivityModelProvider } from './model';

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
  const result = (
    error as {
      result?: {
        guardrail?: { name?: string };
        output?: { outputInfo?: unknown };
      };
    }
  ).result;
  if (!result?.guardrail) return undefined;
  return [
    {
      guardrail: result.guardrail.name,
      outputInfo: result.output?.outputInfo ?? null,
    },
  ];
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  setDefaultModelProvider(new ActivityModelProvider(bundledModelParameters()));
  return { inbound: [new AgentErrorsInterceptor()] };
};
