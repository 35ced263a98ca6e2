/**
 * The worker side of tracing. Workflows record agents-core's trace and span events and hand them
 * out through a sink (see workflow/tracing.ts); here they reach agents-core's trace provider in this
 * process, so whatever trace processors it has (`addTraceProcessor`, `setTraceProcessors`, the
 * OpenAI exporter, the plugin's `tracing` option) receive them as they would any span. Activities
 * run in the trace and under the span that scheduled them, from the header the workflow adds.
 */
import {
  addTraceProcessor,
  BatchTraceProcessor,
  dispatchSpanEnd,
  dispatchSpanStart,
  getGlobalTraceProvider,
  Span,
  type SpanData,
  setTraceProcessors,
  Trace,
  type TracingExporter,
  type TracingProcessor,
  withTraceContext,
} from '@openai/agents-core';
import { OpenAITracingExporter } from '@openai/agents-openai';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  InjectedSinks,
  Next,
} from '@temporalio/worker';
import {
  DETACHED,
  type PropagatedTraceContext,
  type SerializedSpan,
  type SerializedTrace,
  TRACE_CONTEXT_HEADER,
  TRACING_SINK,
  type TracingSinks,
  type WorkflowTraceEvent,
} from '../common/trace-context.js';
import { type OpenTelemetryTracingOptions, OpenTelemetryTracingProcessor } from './otel-tracing.js';

export interface TracingOptions {
  /**
   * Trace processors for this process, added to agents-core's trace provider
   * (`addTraceProcessor`) when the plugin is made; each processor once, however many plugins name it.
   * They receive every span in the process: the workflows', the model activities' and any other.
   */
  processors?: TracingProcessor[];
  /** Also export every span as an OpenTelemetry span, through this span processor. */
  otel?: OpenTelemetryTracingOptions;
  /**
   * Whether agent runs in workflows trace: record agents-core's spans and hand them to this process's
   * processors. Default: true, unless OPENAI_AGENTS_DISABLE_TRACING is `1` or `true` in the worker's
   * environment, the switch agents-core reads for the rest of the process. Off, runs in workflows open
   * no trace (in the perf harness: replay CPU 0.92×, a model call about 1 ms less) and model
   * activities run outside one, as code outside `withTrace` does (agents-core's span helpers need a trace).
   */
  inWorkflows?: boolean;
}

/**
 * Whether the worker's spans go to OpenAI's trace dashboard by default: with an OpenAI key, as
 * `@openai/agents` does. A key for another server (OPENAI_BASE_URL set elsewhere) is that server's,
 * and is never sent to OpenAI.
 */
export function exportsTracesToOpenAI(env = process.env): boolean {
  if (!env.OPENAI_API_KEY) return false;
  const baseURL = env.OPENAI_BASE_URL?.trim();
  if (!baseURL) return true;
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/** OpenAI's exporter when {@link exportsTracesToOpenAI}, asked at each export (a .env may load after this module); nothing otherwise. */
class DefaultTraceExporter implements TracingExporter {
  #openai: OpenAITracingExporter | undefined;
  async export(items: Parameters<TracingExporter['export']>[0], signal?: AbortSignal): Promise<void> {
    if (!exportsTracesToOpenAI()) return;
    this.#openai ??= new OpenAITracingExporter();
    await this.#openai.export(items, signal);
  }
}

// The process's default, replacing agents-core's, which prints every span to the console
// ("[Exporter] Export span"). Set when this package loads, as `@openai/agents` sets its own, so trace
// processors the app sets or adds afterwards (setTraceProcessors, addTraceProcessor, `tracing`) win.
setTraceProcessors([new BatchTraceProcessor(new DefaultTraceExporter())]);

/** Whether workflows built with these options trace (see {@link TracingOptions.inWorkflows}). */
export function tracesInWorkflows(options: TracingOptions | undefined, env = process.env): boolean {
  if (options?.inWorkflows !== undefined) return options.inWorkflows;
  const disabled = env.OPENAI_AGENTS_DISABLE_TRACING?.trim().toLowerCase();
  return disabled !== '1' && disabled !== 'true';
}

const registered = new WeakSet<TracingProcessor>();

/** Adds the option's processors to agents-core's trace provider, each once per process. */
export function registerTraceProcessors(options: TracingOptions | undefined): void {
  const processors = [...(options?.processors ?? [])];
  if (options?.otel) processors.push(OpenTelemetryTracingProcessor.for(options.otel));
  for (const processor of processors) {
    if (registered.has(processor)) continue;
    registered.add(processor);
    addTraceProcessor(processor);
  }
}

// Events go to the processors in the order workflows recorded them; the sink does not wait for them,
// so a slow processor never holds up a workflow task.
let dispatching: Promise<void> = Promise.resolve();

/** The sink workflows hand their trace events to. Never called for replayed history. */
export function tracingSinks(): InjectedSinks<TracingSinks> {
  return {
    [TRACING_SINK]: {
      export: {
        fn: (_info, events) => {
          dispatching = dispatching.then(() => dispatchWorkflowTraceEvents(events));
        },
        callDuringReplay: false,
      },
    },
  };
}

/**
 * Resolves once every workflow event handed out so far has reached the processors, and they have
 * flushed (`forceFlush`). Call it before the process exits, after the worker has stopped.
 */
export async function flushWorkflowTraceEvents(): Promise<void> {
  await dispatching;
  await getGlobalTraceProvider().forceFlush();
}

/** Gives recorded workflow events to agents-core's processors; nothing when its tracing is disabled. */
export async function dispatchWorkflowTraceEvents(events: WorkflowTraceEvent[]): Promise<void> {
  const provider = getGlobalTraceProvider();
  for (const item of events) {
    try {
      switch (item.event) {
        case 'traceStart':
          await provider.createTrace({ ...traceOptions(item.trace) }).start();
          break;
        case 'traceEnd':
          await provider.createTrace({ ...traceOptions(item.trace), started: true }).end();
          break;
        case 'spanStart':
          await dispatchSpanStart(rebuildSpan(item.span));
          break;
        case 'spanEnd':
          await dispatchSpanEnd(rebuildSpan(item.span));
          break;
      }
    } catch (error) {
      console.warn(`openai-agents-temporal: a trace processor failed on a workflow ${item.event} event:`, error);
    }
  }
}

function traceOptions(trace: SerializedTrace) {
  return {
    traceId: trace.traceId,
    name: trace.name,
    ...(trace.groupId ? { groupId: trace.groupId } : {}),
    ...(trace.metadata ? { metadata: trace.metadata } : {}),
  };
}

function rebuildSpan(span: SerializedSpan): Span<SpanData> {
  return new Span(
    {
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentId ? { parentId: span.parentId } : {}),
      data: span.spanData as SpanData,
      ...(span.traceMetadata ? { traceMetadata: span.traceMetadata } : {}),
      ...(span.startedAt ? { startedAt: span.startedAt } : {}),
      ...(span.endedAt ? { endedAt: span.endedAt } : {}),
      ...(span.error ? { error: span.error } : {}),
    },
    DETACHED,
  );
}

/** The trace context a workflow put on this activity, if any. */
export function propagatedTraceContext(headers: Headers): PropagatedTraceContext | undefined {
  const payload = headers[TRACE_CONTEXT_HEADER];
  if (!payload) return undefined;
  const context = defaultPayloadConverter.fromPayload<PropagatedTraceContext>(payload);
  return typeof context?.traceId === 'string' ? context : undefined;
}

class TraceContextActivityInbound implements ActivityInboundCallsInterceptor {
  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const context = propagatedTraceContext(input.headers);
    if (!context) return next(input);
    // Stand-ins for the workflow's trace and span: they only give new spans their trace and parent ids.
    const trace = new Trace(
      {
        traceId: context.traceId,
        ...(typeof context.traceName === 'string' ? { name: context.traceName } : {}),
        started: true,
      },
      DETACHED,
    );
    const span = context.spanId
      ? new Span(
          { traceId: context.traceId, spanId: context.spanId, data: { type: 'custom', name: '', data: {} } },
          DETACHED,
        )
      : null;
    return withTraceContext({ trace, span }, () => next(input));
  }
}

/** Runs each activity in the trace, and under the span, of the workflow code that scheduled it. */
export const traceContextActivityInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: new TraceContextActivityInbound(),
});
