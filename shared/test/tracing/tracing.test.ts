// Tracing on a real dev server: the spans of an agent run in a workflow reach trace processors on the
// worker once, in one trace, linked to their parents; the model activity's response spans and a tool
// activity's own span join that trace under the span that called them; replaying exports nothing; a
// second worker that takes a run over adds no span twice; OpenTelemetry and agents-core's own batch
// processor receive the same spans; a child workflow and the next run join the trace of the client that started them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  addTraceProcessor,
  BatchTraceProcessor,
  type Span,
  type SpanData,
  setTracingDisabled,
  type Trace,
  type TracingExporter,
  type TracingProcessor,
  withCustomSpan,
  withTrace,
} from '@openai/agents-core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { replayHistory, useAgentsTestEnvironment, withFakeOpenAIServer } from '../../src/testing/index.js';
import { otelRootSpanId, otelSpanId, otelTraceId } from '../../src/worker/otel-tracing.js';
import { OpenAIAgentsPlugin } from '../../src/worker/plugin.js';
import { flushWorkflowTraceEvents, tracesInWorkflows } from '../../src/worker/tracing.js';
import { deterministicTracingIds } from '../../src/workflow/tracing.js';
import * as activities from './activities.js';
import { researchThenWrite } from './fake-model.js';
import type * as workflows from './workflows.js';
import { ask, finish } from './workflows.js';

type RecordedSpan = {
  event: 'spanStart' | 'spanEnd';
  traceId: string;
  spanId: string;
  parentId: string | null;
  data: SpanData;
};
type Recorded = { event: 'traceStart' | 'traceEnd'; traceId: string; name: string } | RecordedSpan;

/** Keeps every trace and span event it is given, in order. */
class RecordingProcessor implements TracingProcessor {
  readonly events: Recorded[] = [];
  async onTraceStart(trace: Trace) {
    this.events.push({ event: 'traceStart', traceId: trace.traceId, name: trace.name });
  }
  async onTraceEnd(trace: Trace) {
    this.events.push({ event: 'traceEnd', traceId: trace.traceId, name: trace.name });
  }
  async onSpanStart(span: Span<SpanData>) {
    this.events.push({ ...spanFields(span), event: 'spanStart' });
  }
  async onSpanEnd(span: Span<SpanData>) {
    this.events.push({ ...spanFields(span), event: 'spanEnd' });
  }
  async shutdown() {}
  async forceFlush() {}
  ofTrace(traceId: string): Recorded[] {
    return this.events.filter((event) => event.traceId === traceId);
  }
}

const spanFields = (span: Span<SpanData>) => ({
  traceId: span.traceId,
  spanId: span.spanId,
  parentId: span.parentId,
  data: structuredClone(span.spanData),
});

/** An exporter for agents-core's own BatchTraceProcessor that keeps what it is sent. */
class KeepingExporter implements TracingExporter {
  readonly items: Array<Trace | Span<SpanData>> = [];
  async export(items: Array<Trace | Span<SpanData>>) {
    this.items.push(...items);
  }
}

const recorder = new RecordingProcessor();
const otelExporter = new InMemorySpanExporter();
const batchExporter = new KeepingExporter();
// agents-core keeps tracing off under NODE_ENV=test; a worker process has it on.
setTracingDisabled(false);
// The plugin's option adds these to agents-core's processors in this process; the kit's workers
// below run the same plugin without the option and export through them.
new OpenAIAgentsPlugin({
  tracing: { processors: [recorder], otel: { spanProcessor: new SimpleSpanProcessor(otelExporter) } },
});
addTraceProcessor(new BatchTraceProcessor(batchExporter));

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const worker = { workflowsPath, activities };

/** The ids a run's workflow code makes, in order: the first is its first trace's. */
function workflowIds(workflowId: string, runId: string, count: number): string[] {
  const ids = deterministicTracingIds(`${workflowId}/${runId}`);
  return [ids.generateTraceId(), ...Array.from({ length: count - 1 }, () => ids.generateSpanId())];
}

function runIdOf(history: Awaited<ReturnType<ReturnType<typeof testEnv>['runWorkflow']>>['history']): string {
  const runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId;
  assert.ok(runId);
  return runId;
}

/** A span's label in the rendered tree: its type and what it is about. */
function label(data: SpanData): string {
  switch (data.type) {
    case 'agent':
    case 'function':
    case 'guardrail':
    case 'custom':
    case 'task':
      return `${data.type} ${data.name}`;
    case 'turn':
      return `turn ${data.turn} ${data.agent_name}`;
    case 'handoff':
      return `handoff ${data.from_agent} -> ${data.to_agent}`;
    default:
      return data.type;
  }
}

/**
 * The trace's spans as an indented tree, children in the order they started, from the ended spans'
 * data; checks on the way that each span started once and ended once, after its parent started.
 */
function renderTrace(events: Recorded[]): string[] {
  const starts = new Map<string, number>();
  const ends = new Map<string, RecordedSpan>();
  const order: string[] = [];
  for (const event of events) {
    if (event.event === 'spanStart') {
      assert.ok(!starts.has(event.spanId), `span ${event.spanId} started twice`);
      assert.ok(
        event.parentId === null || starts.has(event.parentId),
        `span ${event.spanId} started before its parent`,
      );
      starts.set(event.spanId, order.length);
      order.push(event.spanId);
    } else if (event.event === 'spanEnd') {
      assert.ok(starts.has(event.spanId), `span ${event.spanId} ended without a start`);
      assert.ok(!ends.has(event.spanId), `span ${event.spanId} ended twice`);
      ends.set(event.spanId, event);
    }
  }
  assert.deepEqual([...ends.keys()].sort(), [...order].sort(), 'every span that started ended');
  const lines: string[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const spanId of order) {
      const span = ends.get(spanId);
      if (!span || span.parentId !== parentId) continue;
      lines.push(`${'  '.repeat(depth)}${label(span.data)}`);
      visit(spanId, depth + 1);
    }
  };
  visit(null, 0);
  assert.equal(lines.length, order.length, 'every span hangs under a span of the trace');
  return lines;
}

/** Waits for the worker to hand every event so far to the processors. */
async function exported(): Promise<void> {
  await flushWorkflowTraceEvents();
}

const ONE_RUN = [
  'task Agent workflow',
  '  agent Researcher',
  '    turn 1 Researcher',
  '      response',
  '      function lookUpCity',
  '        custom city lookup',
  '    guardrail Polite only',
  '    turn 2 Researcher',
  '      response',
  '      handoff Researcher -> Writer',
  '  agent Writer',
  '    turn 3 Writer',
  '      response',
];

describe('tracing', () => {
  it('a workflow started by a client inside a trace runs its agents in that trace, under the caller’s span', async () => {
    // The plugin on the client adds its interceptor: the start carries the caller's trace and span.
    const client = new Client({ connection: testEnv().env.connection, plugins: [new OpenAIAgentsPlugin()] });
    const workflowId = `client-trace-${randomUUID()}`;
    const caller = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().withWorker(worker, (taskQueue) =>
        withTrace('Web request', (trace) =>
          withCustomSpan(
            async (span) => {
              const result = await client.workflow.execute('tracedRun', {
                taskQueue,
                workflowId,
                args: ['Tell me about Lisbon'],
              });
              return { result, traceId: trace.traceId, spanId: span.spanId };
            },
            { data: { name: 'handle request' } },
          ),
        ),
      ),
    );
    assert.equal(caller.result, 'Lisbon is a city by the sea.');
    await exported();
    const events = recorder.ofTrace(caller.traceId);
    // The client's own trace start and end (this process): the workflow opened no trace of its own.
    assert.deepEqual(
      events.filter((event) => event.event === 'traceStart' || event.event === 'traceEnd').map((event) => event.event),
      ['traceStart', 'traceEnd'],
    );
    assert.deepEqual(renderTrace(events), ['custom handle request', ...ONE_RUN.map((line) => `  ${line}`)]);
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    const [ownTraceId] = workflowIds(workflowId, runIdOf(history), 1);
    assert.equal(recorder.ofTrace(ownTraceId ?? '').length, 0, 'nothing under a trace of the workflow’s own');
  });

  it('a chat started inside a client’s trace runs its Update handlers’ agents in that trace', async () => {
    const client = new Client({ connection: testEnv().env.connection, plugins: [new OpenAIAgentsPlugin()] });
    const workflowId = `client-trace-chat-${randomUUID()}`;
    const caller = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().withWorker(worker, (taskQueue) =>
        withTrace('Web request', (trace) =>
          withCustomSpan(
            async () => {
              const handle = await client.workflow.start<typeof workflows.tracedChat>('tracedChat', {
                taskQueue,
                workflowId,
              });
              const answer = await handle.executeUpdate(ask, { args: ['Tell me about Lisbon'] });
              await handle.signal(finish);
              await handle.result();
              return { answer, traceId: trace.traceId };
            },
            { data: { name: 'handle request' } },
          ),
        ),
      ),
    );
    assert.equal(caller.answer, 'Lisbon is a city by the sea.');
    await exported();
    assert.deepEqual(renderTrace(recorder.ofTrace(caller.traceId)), [
      'custom handle request',
      ...ONE_RUN.map((line) => `  ${line}`),
    ]);
  });

  it('a child workflow and the next run (continueAsNew) of a workflow started in a client’s trace join that trace', async () => {
    const client = new Client({ connection: testEnv().env.connection, plugins: [new OpenAIAgentsPlugin()] });
    const workflowId = `client-trace-family-${randomUUID()}`;
    const caller = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().withWorker(worker, (taskQueue) =>
        withTrace('Web request', (trace) =>
          withCustomSpan(
            async () => {
              const result = await client.workflow.execute<typeof workflows.tracedFamily>('tracedFamily', {
                taskQueue,
                workflowId,
                args: ['first'],
              });
              return { result, traceId: trace.traceId };
            },
            { data: { name: 'handle request' } },
          ),
        ),
      ),
    );
    assert.equal(caller.result, 'Lisbon is a city by the sea.');
    await exported();
    // Three agent runs (the first run's, the child's, the next run's), each under the caller's span: a
    // child or next run that missed the header would open a trace of its own and leave one out here.
    const threeRuns = [...ONE_RUN, ...ONE_RUN, ...ONE_RUN].map((line) => `  ${line}`);
    assert.deepEqual(renderTrace(recorder.ofTrace(caller.traceId)), ['custom handle request', ...threeRuns]);
  });

  it('one run is one trace: every span once, linked to its parent, activity spans under their callers', async () => {
    const { result, workflowId, history } = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().runWorkflow<typeof workflows.tracedRun>('tracedRun', ['Tell me about Lisbon'], worker),
    );
    assert.equal(result, 'Lisbon is a city by the sea.');
    await exported();

    // The trace id is the run's first deterministic id: made from the workflow and run ids, not drawn at random.
    const [traceId, ...spanIds] = workflowIds(workflowId, runIdOf(history), 20);
    assert.ok(traceId);
    const events = recorder.ofTrace(traceId);
    assert.deepEqual(
      events.filter((event) => event.event === 'traceStart' || event.event === 'traceEnd').map((event) => event.event),
      ['traceStart', 'traceEnd'],
    );
    assert.deepEqual(renderTrace(events), ONE_RUN);

    // Spans opened in the workflow have the run's deterministic ids; the activities' own spans do not.
    for (const event of events) {
      if (event.event !== 'spanStart') continue;
      const inWorkflow = event.data.type !== 'response' && event.data.type !== 'custom';
      assert.equal(spanIds.includes(event.spanId), inWorkflow, `${label(event.data)}: ${event.spanId}`);
    }
    // Nothing of this run went out under another trace id.
    const runSpanIds = new Set(spanIds);
    const strays = recorder.events.filter(
      (event): event is RecordedSpan => 'spanId' in event && runSpanIds.has(event.spanId),
    );
    assert.ok(strays.every((event) => event.traceId === traceId));

    // agents-core's own batch processor got the trace and its spans too, once each.
    await exported();
    const batched = batchExporter.items.filter((item) => item.traceId === traceId);
    assert.equal(batched.filter((item) => item.type === 'trace').length, 1);
    assert.equal(batched.filter((item) => item.type === 'trace.span').length, ONE_RUN.length);
  });

  it('with tracing.inWorkflows false a run opens no trace, and its activities run outside one', async () => {
    await exported();
    const before = recorder.events.length;
    const { result, workflowId, history } = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().runWorkflow<typeof workflows.tracedRun>('tracedRun', ['Tell me about Lisbon'], {
        ...worker,
        tracing: { inWorkflows: false },
      }),
    );
    assert.equal(result, 'Lisbon is a city by the sea.');
    await exported();
    const [traceId] = workflowIds(workflowId, runIdOf(history), 1);
    assert.ok(traceId);
    assert.deepEqual(recorder.ofTrace(traceId), []);
    // Not the workflow's spans, nor the model activity's response spans, nor the tool activity's own span.
    assert.deepEqual(recorder.events.slice(before), []);
  });

  it('replaying a finished history exports nothing', async () => {
    const { workflowId, history } = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().runWorkflow<typeof workflows.tracedRun>('tracedRun', ['Tell me about Lisbon'], worker),
    );
    await exported();
    const [traceId] = workflowIds(workflowId, runIdOf(history), 1);
    assert.ok(traceId);
    const before = recorder.events.length;
    assert.ok(recorder.ofTrace(traceId).length > 0);

    await replayHistory(history, { workflowBundle: await testEnv().bundle(workflowsPath) }, workflowId);
    await exported();
    assert.equal(recorder.events.length, before);
  });

  it('a run taken over by a second worker: one trace, no span twice, none lost', async () => {
    const taskQueue = `tracing-${randomUUID()}`;
    const workflowId = `two-parts-${randomUUID()}`;
    await withFakeOpenAIServer(researchThenWrite, async () => {
      const first = await testEnv().createWorker({ ...worker, taskQueue });
      const handle = await testEnv().client.workflow.start<typeof workflows.tracedTwoParts>('tracedTwoParts', {
        taskQueue,
        workflowId,
        args: [['Tell me about Lisbon', 'And about Porto']],
      });
      const [traceId] = workflowIds(workflowId, handle.firstExecutionRunId, 1);
      assert.ok(traceId);
      // The first worker runs the first part and stops while the workflow waits for the signal.
      await first.runUntil(async () => {
        while (!recorder.ofTrace(traceId).some((e) => e.event === 'spanEnd' && e.data.type === 'task')) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      const afterFirst = recorder.ofTrace(traceId).length;
      await handle.signal('proceed');
      // The second worker replays the first part from history, then runs the second.
      const second = await testEnv().createWorker({ ...worker, taskQueue });
      await second.runUntil(handle.result());
      await exported();

      const events = recorder.ofTrace(traceId);
      assert.ok(events.length > afterFirst);
      assert.deepEqual(
        events.filter((e) => e.event === 'traceStart' || e.event === 'traceEnd').map((e) => e.event),
        ['traceStart', 'traceEnd'],
      );
      // Two tasks (one per run) in the trace the workflow opened, each span once.
      assert.deepEqual(renderTrace(events), [...ONE_RUN, ...ONE_RUN]);
    });
    await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('a run that pauses for approval of an activity tool and goes on from its state stays in one trace', async () => {
    const { result, workflowId, history } = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().runWorkflow<typeof workflows.tracedApproval>('tracedApproval', ['Tell me about Lisbon'], worker),
    );
    // activityAsTool's needsApproval (a function of the arguments) paused the run before the activity.
    assert.deepEqual(result, { output: 'Lisbon is a city by the sea.', paused: ['lookUpCity({"city":"Lisbon"})'] });
    await exported();
    const [traceId] = workflowIds(workflowId, runIdOf(history), 1);
    assert.ok(traceId);
    const events = recorder.ofTrace(traceId);
    assert.deepEqual(
      events.filter((event) => event.event === 'traceStart' || event.event === 'traceEnd').map((event) => event.event),
      ['traceStart', 'traceEnd'],
    );
    assert.deepEqual(renderTrace(events), [
      'task Agent workflow',
      '  agent Researcher',
      '    turn 1 Researcher',
      '      response',
      'task Agent workflow',
      '  agent Researcher',
      '    turn 1 Researcher',
      '      function lookUpCity',
      '        custom city lookup',
      '    turn 2 Researcher',
      '      response',
    ]);
  });

  it('OpenTelemetry gets the same spans, in one trace, with the same parents', async () => {
    const { workflowId, history } = await withFakeOpenAIServer(researchThenWrite, () =>
      testEnv().runWorkflow<typeof workflows.tracedRun>('tracedRun', ['Tell me about Lisbon'], worker),
    );
    await exported();
    const [traceId] = workflowIds(workflowId, runIdOf(history), 1);
    assert.ok(traceId);
    const otelTrace = otelTraceId(traceId);
    assert.equal(otelTrace, traceId.slice('trace_'.length));

    const spans = otelExporter.getFinishedSpans().filter((span) => span.spanContext().traceId === otelTrace);
    // One root for the trace, one span per agents span.
    assert.equal(spans.length, ONE_RUN.length + 1);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    assert.equal(byId.size, spans.length, 'span ids are unique');
    const roots = spans.filter((span) => !span.parentSpanContext);
    assert.deepEqual(
      roots.map((span) => [span.name, span.spanContext().spanId]),
      [['Agent workflow', otelRootSpanId(traceId)]],
    );
    for (const span of spans) {
      if (!span.parentSpanContext) continue;
      assert.ok(byId.has(span.parentSpanContext.spanId), `${span.name} has its parent in the trace`);
    }
    // The model activity's response spans hang under the workflow's turn spans.
    const recorded = recorder.ofTrace(traceId).filter((event) => event.event === 'spanEnd');
    for (const event of recorded) {
      if (event.event !== 'spanEnd' || event.data.type !== 'response') continue;
      const span = byId.get(otelSpanId(event.spanId));
      assert.ok(span && event.parentId);
      const parent = byId.get(otelSpanId(event.parentId));
      assert.equal(parent?.attributes['openai.agents.span_type'], 'turn');
      assert.equal(span.parentSpanContext?.spanId, otelSpanId(event.parentId));
    }
    const agent = spans.find((span) => span.name === 'agent Researcher');
    assert.equal(agent?.attributes['gen_ai.agent.name'], 'Researcher');
  });
});

describe('tracesInWorkflows', () => {
  it('follows the option, else OPENAI_AGENTS_DISABLE_TRACING as agents-core reads it', () => {
    assert.equal(tracesInWorkflows(undefined, {}), true);
    for (const off of ['1', 'true', 'TRUE', ' true ']) {
      assert.equal(tracesInWorkflows(undefined, { OPENAI_AGENTS_DISABLE_TRACING: off }), false, off);
    }
    for (const on of ['0', 'false', '']) {
      assert.equal(tracesInWorkflows(undefined, { OPENAI_AGENTS_DISABLE_TRACING: on }), true, on);
    }
    assert.equal(tracesInWorkflows({ inWorkflows: true }, { OPENAI_AGENTS_DISABLE_TRACING: '1' }), true);
    assert.equal(tracesInWorkflows({ inWorkflows: false }, {}), false);
  });
});
