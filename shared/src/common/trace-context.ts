/**
 * What crosses the sandbox boundary for tracing: the trace context an activity inherits from the
 * workflow (a Temporal header), and the trace and span events a workflow hands to the worker (a sink).
 * Plain data only: sink arguments and header payloads are copied between threads and processes.
 */

import type { TracingProcessor } from '@openai/agents-core';

/**
 * A processor for stand-in traces and spans (a caller's, a workflow's seen from an activity) and for
 * objects built only to be dispatched: they are never started or ended through it.
 */
export const DETACHED: TracingProcessor = {
  onTraceStart: async () => {},
  onTraceEnd: async () => {},
  onSpanStart: async () => {},
  onSpanEnd: async () => {},
  shutdown: async () => {},
  forceFlush: async () => {},
};

/**
 * The activity header that carries the workflow's current trace and span to the activity. Name and
 * shape are those of Temporal's Python plugin (and its TypeScript one), so an activity worker of
 * either joins the trace too.
 */
export const TRACE_CONTEXT_HEADER = '__openai_span';

/** The sink through which workflows hand their finished trace and span events to the worker. */
export const TRACING_SINK = 'openAIAgentsTracing';

/**
 * The identifier the plugin defines in the workflow bundle (webpack's DefinePlugin): false when
 * workflows of this bundle must not trace (the plugin's `tracing.inWorkflows`).
 */
export const BUNDLED_WORKFLOW_TRACING = '__OPENAI_AGENTS_TEMPORAL_WORKFLOW_TRACING__';

/** The trace an activity joins, and the span its own spans hang under. */
export interface PropagatedTraceContext {
  traceId: string;
  /** The span that was current in the workflow when it scheduled the activity (a turn, a tool call). */
  spanId: string | null;
  traceName: string;
}

export interface SerializedTrace {
  traceId: string;
  name: string;
  groupId: string | null;
  metadata?: Record<string, unknown>;
}

export interface SerializedSpan {
  traceId: string;
  spanId: string;
  parentId: string | null;
  /** agents-core's span data (`type` plus the fields of that span type), as JSON. */
  spanData: { type: string } & Record<string, unknown>;
  traceMetadata?: Record<string, unknown>;
  startedAt: string | null;
  endedAt: string | null;
  error: { message: string; data?: Record<string, unknown> } | null;
}

export type WorkflowTraceEvent =
  | { event: 'traceStart' | 'traceEnd'; trace: SerializedTrace }
  | { event: 'spanStart' | 'spanEnd'; span: SerializedSpan };

/** The sink's interface, as the workflow calls it (one call per workflow activation at most). */
export type TracingSinks = {
  [TRACING_SINK]: {
    export(events: WorkflowTraceEvent[]): void;
  };
};

/** A well-mixed hex digest of `text`, `length` digits long (murmur3's finalizer over an FNV-style pass, per 32-bit lane). */
// Read once: in the workflow sandbox every global lookup (`Math`) goes through the vm context's interceptor.
const imul = Math.imul;

export function hexDigest(text: string, length: number): string {
  let out = '';
  for (let lane = 1; out.length < length; lane++) {
    let hash = imul(0x9e3779b9, lane) ^ text.length;
    for (let i = 0; i < text.length; i++) {
      hash = imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
      hash ^= hash >>> 15;
    }
    hash ^= hash >>> 16;
    hash = imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
