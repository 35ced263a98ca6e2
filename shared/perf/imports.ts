/**
 * What importing `@openai/agents` in workflow code costs next to `@openai/agents-core` alone (issue #21):
 * the bundle's size, and the first workflow task (started to completed, from the server's timestamps)
 * of a one-turn conversation, the two bundles on one dev server, alternating.
 *
 *   pnpm exec tsx perf/imports.ts [--first-tasks N] [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTraceProcessors } from '@openai/agents-core';
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { quietBundlerLogger } from '../src/testing/environment.js';
import { findTemporalCli } from '../src/testing/temporal-cli.js';
import { perfPlugin } from './plugin.js';
import { lookup, noop } from './workload.js';

const { values: options } = parseArgs({
  options: { 'first-tasks': { type: 'string', default: '30' }, json: { type: 'boolean', default: false } },
});
const firstTasks = Number(options['first-tasks']);

setTraceProcessors([]);
Runtime.install({ logger: new DefaultLogger('WARN') });

const plugin = () => perfPlugin();

const VARIANTS = {
  'agents-core': join(import.meta.dirname, 'workflows.ts'),
  '@openai/agents': join(import.meta.dirname, 'workflows-umbrella.ts'),
} as const;
type Variant = keyof typeof VARIANTS;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN).toFixed(2));
};

const { EventType } = proto.temporal.api.enums.v1;
function firstTaskMs(history: History): number {
  const at = (type: proto.temporal.api.enums.v1.EventType) => {
    const time = history.events?.find((event) => event.eventType === type)?.eventTime;
    if (!time) throw new Error('no completed workflow task');
    return Number(time.seconds ?? 0) * 1000 + (time.nanos ?? 0) / 1e6;
  };
  return at(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) - at(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
}

let runs = 0;
async function firstTask(client: Client, variant: Variant): Promise<number> {
  const workflowId = `imports-${process.pid}-${++runs}`;
  await client.workflow.execute('perfConversation', { taskQueue: variant, workflowId, args: [1, false] });
  return firstTaskMs(await client.workflow.getHandle(workflowId).fetchHistory());
}

const bundles = Object.fromEntries(
  await Promise.all(
    Object.entries(VARIANTS).map(async ([variant, workflowsPath]) => [
      variant,
      await bundleWorkflowCode({ workflowsPath, plugins: [plugin()], logger: quietBundlerLogger }),
    ]),
  ),
) as Record<Variant, Awaited<ReturnType<typeof bundleWorkflowCode>>>;
if (!bundles['@openai/agents'].code.includes('workflow/openai-agents.ts')) {
  throw new Error('the @openai/agents bundle lacks the workflow-safe module');
}

const cli = findTemporalCli();
if (!cli) throw new Error('No Temporal CLI: set TEMPORAL_CLI_PATH (source scripts/activate).');
const env = await TestWorkflowEnvironment.createLocal({
  server: {
    executable: { type: 'existing-path', path: cli },
    extraArgs: ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000'],
  },
});
const times: Record<Variant, number[]> = { 'agents-core': [], '@openai/agents': [] };
try {
  const workers = await Promise.all(
    (Object.keys(VARIANTS) as Variant[]).map((variant) =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: variant,
        workflowBundle: bundles[variant],
        activities: { lookup, noop },
        plugins: [plugin()],
      }),
    ),
  );
  const body = async () => {
    for (const variant of Object.keys(VARIANTS) as Variant[]) await firstTask(env.client, variant); // warm-up
    for (let round = 0; round < firstTasks; round++) {
      const order: Variant[] = round % 2 === 0 ? ['agents-core', '@openai/agents'] : ['@openai/agents', 'agents-core'];
      for (const variant of order) times[variant].push(await firstTask(env.client, variant));
    }
  };
  // One sequence of runs while both workers poll; each stops when it ends.
  const done = body();
  await Promise.all(workers.map((worker) => worker.runUntil(done)));
} finally {
  await env.teardown();
}

const figures = Object.fromEntries(
  (Object.keys(VARIANTS) as Variant[]).map((variant) => [
    variant,
    {
      bundleBytes: bundles[variant].code.length,
      firstTaskMs: median(times[variant]),
      n: times[variant].length,
      allMs: times[variant].map((ms) => Math.round(ms)),
    },
  ]),
);
if (options.json) console.log(JSON.stringify(figures));
else for (const [variant, figure] of Object.entries(figures)) console.log(`${variant}: ${JSON.stringify(figure)}`);
