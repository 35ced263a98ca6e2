/**
 * Replay-safe tracing inside workflows. agents-core's runner opens its trace and its agent, turn,
 * tool, handoff and guardrail spans in the workflow as it would anywhere; per workflow run the plugin
 *   - turns agents-core tracing on (its browser build, which the sandbox loads, keeps it off) and
 *     gives it the sandbox's real AsyncLocalStorage, so concurrent runs keep their own current span;
 *   - makes trace and span ids a function of the workflow id, the run id and a per-run counter, so a
 *     replay makes the same ids, and no draw is taken from the workflow's `Math.random`;
 *   - records trace and span starts and ends that happen live (never while history is replayed) and
 *     hands them to the worker once per activation through a sink, since workflow code cannot do I/O;
 *     the worker gives them to agents-core's trace processors there (see worker/tracing.ts);
 *   - puts the current trace and span on every activity it schedules (a header), so the model
 *     activity's own spans, and those of activity tools, join the trace under the span that called them.
 */
import {
  getCurrentTraceContext,
  getGlobalTraceProvider,
  Span,
  type SpanData,
  setTraceProcessors,
  setTracingContextStorage,
  setTracingIdGenerator,
  Trace,
  type TracingContextStorage,
  type TracingIdGenerator,
  type TracingProcessor,
  withTraceContext,
} from '@openai/agents-core';
import {
  type ActivityInput,
  type ContinueAsNewInput,
  defaultPayloadConverter,
  type Headers,
  type LocalActivityInput,
  type Next,
  proxySinks,
  type SignalInput,
  type StartChildWorkflowExecutionInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInternalsInterceptor,
  type WorkflowOutboundCallsInterceptor,
  workflowInfo,
} from '@temporalio/workflow';
import { sendSpanEventsDirectly } from '../common/agents-core-adapter.js';
import {
  DETACHED,
  hexDigest,
  type PropagatedTraceContext,
  type SerializedSpan,
  type SerializedTrace,
  TRACE_CONTEXT_HEADER,
  TRACING_SINK,
  type TracingSinks,
  type WorkflowTraceEvent,
} from '../common/trace-context.js';

/** The id agents-core gives no-op traces and spans. */
const NOOP_ID = 'no-op';

/**
 * Ids that depend only on the run and on how many ids the run has made before: a replay of the run
 * makes the same ones in the same order. 128-bit trace ids and 96-bit span ids, hex, as agents-core's own.
 */
export function deterministicTracingIds(runKey: string): TracingIdGenerator {
  let made = 0;
  return {
    generateTraceId: () => `trace_${hexDigest(`${runKey}|trace|${made++}`, 32)}`,
    generateSpanId: () => `span_${hexDigest(`${runKey}|span|${made++}`, 24)}`,
  };
}

/**
 * Collects the run's live trace events and hands them to the worker's sink in one call per activation.
 * Its methods are not async: agents-core calls them several times per turn, and in the sandbox every
 * promise made costs a stack trace, so they record at once and answer with one settled promise.
 */
class WorkflowTraceRecorder implements TracingProcessor {
  #pending: WorkflowTraceEvent[] = [];
  readonly #sinks = proxySinks<TracingSinks>();
  readonly #done: Promise<void> = Promise.resolve();

  onTraceStart(trace: Trace): Promise<void> {
    return this.#record(() => ({ event: 'traceStart', trace: serializeTrace(trace) }));
  }
  onTraceEnd(trace: Trace): Promise<void> {
    return this.#record(() => ({ event: 'traceEnd', trace: serializeTrace(trace) }));
  }
  onSpanStart(span: Span<SpanData>): Promise<void> {
    return this.#record(() => ({ event: 'spanStart', span: serializeSpan(span) }));
  }
  onSpanEnd(span: Span<SpanData>): Promise<void> {
    return this.#record(() => ({ event: 'spanEnd', span: serializeSpan(span) }));
  }
  shutdown(): Promise<void> {
    return this.#done;
  }
  forceFlush(): Promise<void> {
    this.flush();
    return this.#done;
  }

  /** Events that happen while history is replayed were handed out when they first happened. */
  #record(event: () => WorkflowTraceEvent): Promise<void> {
    if (!workflowInfo().unsafe.isReplayingHistoryEvents) this.#pending.push(event());
    return this.#done;
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#sinks[TRACING_SINK].export(events);
  }
}

function serializeTrace(trace: Trace): SerializedTrace {
  const serialized: SerializedTrace = { traceId: trace.traceId, name: trace.name, groupId: trace.groupId };
  const metadata = asJson(trace.metadata);
  if (metadata && Object.keys(metadata).length > 0) serialized.metadata = metadata;
  return serialized;
}

function serializeSpan(span: Span<SpanData>): SerializedSpan {
  const serialized: SerializedSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    parentId: span.parentId,
    spanData: asJson(span.spanData) ?? { type: span.spanData.type },
    startedAt: span.startedAt,
    endedAt: span.endedAt,
    error: span.error ? (asJson(span.error) ?? { message: String(span.error.message) }) : null,
  };
  const traceMetadata = asJson(span.traceMetadata);
  if (traceMetadata && Object.keys(traceMetadata).length > 0) serialized.traceMetadata = traceMetadata;
  return serialized;
}

/**
 * A JSON copy: sink arguments are copied to the worker's thread, and span data may hold what cannot
 * be copied (a function in a custom span's data). Undefined when the value cannot be written as JSON.
 */
function asJson<T extends object>(value: T | undefined | null): (T & Record<string, unknown>) | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as T & Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The workflow's current trace and span, as an activity inherits them; undefined outside a live trace. */
function currentTraceContext(): PropagatedTraceContext | undefined {
  const context = getCurrentTraceContext();
  if (!context || context.trace.traceId === NOOP_ID) return undefined;
  const spanId = context.span?.spanId;
  return {
    traceName: context.trace.name,
    traceId: context.trace.traceId,
    spanId: spanId && spanId !== NOOP_ID ? spanId : null,
  } satisfies PropagatedTraceContext;
}

function withTraceHeader<T extends { readonly headers: Headers }>(input: T): T {
  const context = currentTraceContext();
  if (!context) return input;
  return {
    ...input,
    headers: { ...input.headers, [TRACE_CONTEXT_HEADER]: defaultPayloadConverter.toPayload(context) },
  };
}

class TraceContextOutboundInterceptor implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    return next(withTraceHeader(input));
  }
  scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return next(withTraceHeader(input));
  }
  // The next run and child workflows join the trace too.
  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>) {
    return next(withTraceHeader(input));
  }
  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ) {
    return next(withTraceHeader(input));
  }
}

/**
 * Runs the workflow, and its signal and update handlers (where chats run their agents), in the trace
 * the client (or the parent workflow, or the previous run) put on the start: agent runs then add their
 * spans to it instead of opening a trace of their own.
 */
class CallerTraceInboundInterceptor implements WorkflowInboundCallsInterceptor {
  #context: { trace: Trace; span: Span<SpanData> | null } | undefined;

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const propagated = propagatedContext(input.headers);
    if (propagated) {
      const { traceId, spanId, traceName } = propagated;
      const trace = new Trace({ traceId, name: traceName, started: true }, DETACHED);
      const span = spanId
        ? new Span({ traceId, spanId, data: { type: 'custom', name: '', data: {} } }, DETACHED)
        : null;
      this.#context = { trace, span };
    }
    return this.#inContext(() => next(input));
  }
  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    return this.#inContext(() => next(input));
  }
  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    return this.#inContext(() => next(input));
  }

  #inContext<T>(fn: () => T): T {
    return this.#context ? withTraceContext(this.#context, fn) : fn();
  }
}

function propagatedContext(headers: Headers): PropagatedTraceContext | undefined {
  const payload = headers[TRACE_CONTEXT_HEADER];
  if (!payload) return undefined;
  const context = defaultPayloadConverter.fromPayload<PropagatedTraceContext>(payload);
  return typeof context?.traceId === 'string' && typeof context.traceName === 'string' ? context : undefined;
}

declare const AsyncLocalStorage: new () => TracingContextStorage;
// Replaced at bundle time by the plugin's DefinePlugin (see BUNDLED_WORKFLOW_TRACING).
declare const __OPENAI_AGENTS_TEMPORAL_WORKFLOW_TRACING__: boolean | undefined;

/** Whether this bundle's workflows trace; a bundle made without the plugin's define does. */
function tracesInWorkflows(): boolean {
  return typeof __OPENAI_AGENTS_TEMPORAL_WORKFLOW_TRACING__ === 'undefined'
    ? true
    : __OPENAI_AGENTS_TEMPORAL_WORKFLOW_TRACING__ !== false;
}

/**
 * Sets up tracing for this workflow run (module state is per run) and returns the interceptors that
 * propagate the context to activities and hand the run's events to the worker.
 */
export function workflowTracingInterceptors(): {
  inbound: WorkflowInboundCallsInterceptor;
  outbound: WorkflowOutboundCallsInterceptor;
  internals: WorkflowInternalsInterceptor;
} {
  if (!tracesInWorkflows()) {
    // agents-core then opens no trace or span in this run, and activities get no trace header.
    getGlobalTraceProvider().setDisabled(true);
    return { inbound: {}, outbound: {}, internals: {} };
  }
  const { workflowId, runId } = workflowInfo();
  const recorder = new WorkflowTraceRecorder();
  // The browser build's storage is a plain stack, which parallel runs in one workflow would share.
  setTracingContextStorage(new AsyncLocalStorage());
  setTracingIdGenerator(deterministicTracingIds(`${workflowId}/${runId}`));
  sendSpanEventsDirectly(recorder);
  setTraceProcessors([recorder]);
  getGlobalTraceProvider().setDisabled(false);
  return {
    inbound: new CallerTraceInboundInterceptor(),
    outbound: new TraceContextOutboundInterceptor(),
    internals: {
      concludeActivation(input, next) {
        recorder.flush();
        return next(input);
      },
    },
  };
}
