/**
 * agents-core spans as OpenTelemetry spans. A trace processor that turns each finished agents span
 * into an OpenTelemetry span and hands it to an OpenTelemetry span processor (a BatchSpanProcessor
 * with an OTLP exporter, say). Ids are derived from the agents ids, so the conversion needs no state:
 * a span that started on one worker and ended on another after a crash still finds its parent, and
 * a workflow's spans and its model activities' spans land in one OpenTelemetry trace.
 *
 * The OpenTelemetry types are restated here structurally (as in `@opentelemetry/sdk-trace-base` 1.x
 * and 2.x), so the plugin needs no OpenTelemetry package unless this option is used.
 */
import type { Span, SpanData, Trace, TracingProcessor } from '@openai/agents-core';
import { hexDigest } from '../common/trace-context.js';

type HrTime = [number, number];
type AttributeValue = string | number | boolean | string[] | number[] | boolean[];
type Attributes = Record<string, AttributeValue>;

export interface OTelSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

/** The resource spans are reported with, as `resourceFromAttributes()` from `@opentelemetry/resources` makes it. */
export interface OTelResource {
  readonly attributes: Record<string, AttributeValue | undefined>;
  readonly asyncAttributesPending?: boolean;
  readonly schemaUrl?: string;
  waitForAsyncAttributes?(): Promise<void>;
  merge(other: OTelResource | null): OTelResource;
  getRawAttributes(): Array<[string, AttributeValue | undefined | Promise<AttributeValue | undefined>]>;
}

/** A finished span, as OpenTelemetry's span processors and exporters read it (`ReadableSpan`). */
export interface OTelReadableSpan {
  readonly name: string;
  readonly kind: number;
  readonly spanContext: () => OTelSpanContext;
  readonly parentSpanContext?: OTelSpanContext;
  /** The 1.x SDK's name for the parent's id. */
  readonly parentSpanId?: string;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: { code: number; message?: string };
  readonly attributes: Attributes;
  readonly links: never[];
  readonly events: never[];
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly resource: OTelResource;
  readonly instrumentationScope: { name: string; version?: string };
  /** The 1.x SDK's name for the scope. */
  readonly instrumentationLibrary?: { name: string; version?: string };
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** What the processor needs of an OpenTelemetry `SpanProcessor`. */
export interface OTelSpanProcessor {
  onEnd(span: OTelReadableSpan): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface OpenTelemetryTracingOptions {
  /** Where finished spans go, e.g. `new BatchSpanProcessor(new OTLPTraceExporter())`. */
  spanProcessor: OTelSpanProcessor;
  /** Default: a resource with `service.name` "openai-agents-temporal". */
  resource?: OTelResource;
}

const SCOPE = { name: 'openai-agents-temporal' };
const SPAN_KIND_INTERNAL = 0;
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;
const TRACE_FLAG_SAMPLED = 1;
const MAX_OPEN_TRACES = 10_000;

/** An OpenTelemetry trace id (32 hex digits) for an agents trace id: its own digits when it has them. */
export function otelTraceId(agentsTraceId: string): string {
  return /^trace_([0-9a-f]{32})$/.exec(agentsTraceId)?.[1] ?? hexDigest(agentsTraceId, 32);
}

/** An OpenTelemetry span id (16 hex digits) for an agents span id. */
export function otelSpanId(agentsSpanId: string): string {
  return /^span_([0-9a-f]{16})[0-9a-f]{8}$/.exec(agentsSpanId)?.[1] ?? hexDigest(agentsSpanId, 16);
}

/** The id of the span that stands for the agents trace itself, the root of its spans. */
export function otelRootSpanId(agentsTraceId: string): string {
  return hexDigest(`root|${agentsTraceId}`, 16);
}

/**
 * Exports agents spans to OpenTelemetry. Each agents trace becomes a root span (ended when the trace
 * ends, spanning what this process saw of it); spans without a parent hang under it.
 */
export class OpenTelemetryTracingProcessor implements TracingProcessor {
  static readonly #byProcessor = new WeakMap<OTelSpanProcessor, OpenTelemetryTracingProcessor>();

  /** One processor per OpenTelemetry span processor, so naming it in two plugins exports each span once. */
  static for(options: OpenTelemetryTracingOptions): OpenTelemetryTracingProcessor {
    let processor = OpenTelemetryTracingProcessor.#byProcessor.get(options.spanProcessor);
    if (!processor) {
      processor = new OpenTelemetryTracingProcessor(options);
      OpenTelemetryTracingProcessor.#byProcessor.set(options.spanProcessor, processor);
    }
    return processor;
  }

  readonly #spanProcessor: OTelSpanProcessor;
  readonly #resource: OTelResource;
  /** Earliest start and latest end seen per open trace, for its root span. */
  readonly #traceTimes = new Map<string, { start: number; end: number }>();

  constructor(options: OpenTelemetryTracingOptions) {
    this.#spanProcessor = options.spanProcessor;
    this.#resource = options.resource ?? defaultResource();
  }

  async onTraceStart(trace: Trace): Promise<void> {
    this.#widenTrace(trace.traceId, Date.now());
  }

  async onTraceEnd(trace: Trace): Promise<void> {
    const now = Date.now();
    const times = this.#traceTimes.get(trace.traceId) ?? { start: now, end: now };
    this.#traceTimes.delete(trace.traceId);
    this.#spanProcessor.onEnd(
      this.#readableSpan({
        name: trace.name,
        traceId: otelTraceId(trace.traceId),
        spanId: otelRootSpanId(trace.traceId),
        start: times.start,
        end: Math.max(times.end, times.start),
        attributes: withoutEmpty({
          'openai.agents.trace_id': trace.traceId,
          'openai.agents.group_id': trace.groupId ?? '',
        }),
      }),
    );
  }

  async onSpanStart(): Promise<void> {}

  async onSpanEnd(span: Span<SpanData>): Promise<void> {
    const end = span.endedAt ? Date.parse(span.endedAt) : Date.now();
    const start = span.startedAt ? Date.parse(span.startedAt) : end;
    this.#widenTrace(span.traceId, start, end);
    const traceId = otelTraceId(span.traceId);
    const error = span.error;
    this.#spanProcessor.onEnd(
      this.#readableSpan({
        name: spanName(span.spanData),
        traceId,
        spanId: otelSpanId(span.spanId),
        parentSpanId: span.parentId ? otelSpanId(span.parentId) : otelRootSpanId(span.traceId),
        start,
        end,
        attributes: spanAttributes(span),
        ...(error ? { errorMessage: error.message } : {}),
      }),
    );
  }

  async shutdown(): Promise<void> {
    await this.#spanProcessor.shutdown();
  }

  async forceFlush(): Promise<void> {
    await this.#spanProcessor.forceFlush();
  }

  #widenTrace(traceId: string, start: number, end = start): void {
    const times = this.#traceTimes.get(traceId);
    if (!times) {
      // Traces that end in another process (a model activity's worker sees only spans) are never
      // removed here: keep the most recent ones only.
      if (this.#traceTimes.size >= MAX_OPEN_TRACES) {
        const oldest = this.#traceTimes.keys().next().value;
        if (oldest !== undefined) this.#traceTimes.delete(oldest);
      }
      this.#traceTimes.set(traceId, { start, end });
      return;
    }
    times.start = Math.min(times.start, start);
    times.end = Math.max(times.end, end);
  }

  #readableSpan(span: {
    name: string;
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    start: number;
    end: number;
    attributes: Attributes;
    errorMessage?: string;
  }): OTelReadableSpan {
    const context: OTelSpanContext = { traceId: span.traceId, spanId: span.spanId, traceFlags: TRACE_FLAG_SAMPLED };
    const parent: OTelSpanContext | undefined = span.parentSpanId
      ? { traceId: span.traceId, spanId: span.parentSpanId, traceFlags: TRACE_FLAG_SAMPLED }
      : undefined;
    return {
      name: span.name,
      kind: SPAN_KIND_INTERNAL,
      spanContext: () => context,
      ...(parent ? { parentSpanContext: parent, parentSpanId: parent.spanId } : {}),
      startTime: hrTime(span.start),
      endTime: hrTime(span.end),
      duration: hrTime(span.end - span.start),
      status:
        span.errorMessage === undefined ? { code: STATUS_UNSET } : { code: STATUS_ERROR, message: span.errorMessage },
      attributes: span.attributes,
      links: [],
      events: [],
      ended: true,
      resource: this.#resource,
      instrumentationScope: SCOPE,
      instrumentationLibrary: SCOPE,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }
}

function hrTime(milliseconds: number): HrTime {
  const whole = Math.floor(milliseconds);
  return [Math.floor(whole / 1000), (whole % 1000) * 1_000_000];
}

function defaultResource(): OTelResource {
  const attributes = { 'service.name': 'openai-agents-temporal' };
  const resource: OTelResource = {
    attributes,
    asyncAttributesPending: false,
    merge: (other) => other ?? resource,
    getRawAttributes: () => Object.entries(attributes),
  };
  return resource;
}

/** The span's name as trace viewers show it: what ran, not only its kind. */
function spanName(data: SpanData): string {
  switch (data.type) {
    case 'agent':
      return `agent ${data.name}`;
    case 'function':
      return `tool ${data.name}`;
    case 'handoff':
      return `handoff ${data.from_agent ?? '?'} -> ${data.to_agent ?? '?'}`;
    case 'guardrail':
      return `guardrail ${data.name}`;
    case 'turn':
      return `turn ${data.turn} ${data.agent_name}`;
    case 'task':
    case 'custom':
      return data.name;
    case 'generation':
      return data.model ? `generation ${data.model}` : 'generation';
    default:
      return data.type;
  }
}

/** OpenTelemetry's GenAI conventions where they fit, and every plain field of the span data. */
function spanAttributes(span: Span<SpanData>): Attributes {
  const data = span.spanData;
  const attributes: Attributes = {
    'openai.agents.span_type': data.type,
    'openai.agents.span_id': span.spanId,
    'openai.agents.trace_id': span.traceId,
  };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'type' || key.startsWith('_')) continue;
    const attribute = toAttribute(value);
    if (attribute !== undefined) attributes[`openai.agents.${key}`] = attribute;
  }
  switch (data.type) {
    case 'agent':
      attributes['gen_ai.operation.name'] = 'invoke_agent';
      attributes['gen_ai.agent.name'] = data.name;
      break;
    case 'function':
      attributes['gen_ai.operation.name'] = 'execute_tool';
      attributes['gen_ai.tool.name'] = data.name;
      break;
    case 'generation':
      attributes['gen_ai.operation.name'] = 'chat';
      if (data.model) attributes['gen_ai.request.model'] = data.model;
      break;
    case 'response':
      attributes['gen_ai.operation.name'] = 'chat';
      if (data.response_id) attributes['gen_ai.response.id'] = data.response_id;
      break;
  }
  return attributes;
}

function toAttribute(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  if (value === undefined || value === null) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function withoutEmpty(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== ''));
}
