/**
 * A trace that starts at the client: the interceptor puts the caller's current agents-core trace and
 * span on the workflow it starts (the header the workflow puts on activities), and the workflow's
 * agent runs then open their spans in that trace, under that span, instead of a trace of their own.
 * So a web request traced with `withTrace` holds the whole agent run: workflow, model calls, tools.
 */
import { getCurrentTraceContext } from '@openai/agents-core';
import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartUpdateWithStartInput,
} from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { type PropagatedTraceContext, TRACE_CONTEXT_HEADER } from '../common/trace-context.js';

/** The caller's current trace and span, as a header; the headers as they are outside a trace. */
function withCurrentTrace(headers: Headers): Headers {
  const context = getCurrentTraceContext();
  if (!context || context.trace.traceId === 'no-op') return headers;
  const spanId = context.span?.spanId;
  const propagated: PropagatedTraceContext = {
    traceId: context.trace.traceId,
    spanId: spanId && spanId !== 'no-op' ? spanId : null,
    traceName: context.trace.name,
  };
  return { ...headers, [TRACE_CONTEXT_HEADER]: defaultPayloadConverter.toPayload(propagated) };
}

/**
 * Client interceptor (the plugin adds it to clients that carry it: `new Client({ plugins: [plugin] })`),
 * or on its own: `new Client({ interceptors: { workflow: [new AgentsTraceClientInterceptor()] } })`.
 */
export class AgentsTraceClientInterceptor implements WorkflowClientInterceptor {
  start(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'start'>) {
    return next({ ...input, headers: withCurrentTrace(input.headers) });
  }
  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>) {
    return next({ ...input, headers: withCurrentTrace(input.headers) });
  }
  startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ) {
    return next({ ...input, workflowStartHeaders: withCurrentTrace(input.workflowStartHeaders) });
  }
}
