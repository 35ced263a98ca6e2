/**
 * Long conversations on our side only (the anchors stop at about 208 turns; see bench/README.md,
 * "Long conversations"):
 *
 * 1. Workflow CPU per turn at turns 10, 100 and 1,000 of a 2 KB chat in one run, the conversation
 *    passed whole to each run() (to 200 turns: past that one run takes minutes) or held by the plugin
 *    (NEW_CONVERSATION_ID). Measured as replay CPU of the history cut after turn N, less the history
 *    cut after half as many turns, per turn; each replay's CPU is (3 replays − 1 replay) / 2 in one replay
 *    worker, so the worker's start is left out. Process CPU (workflow thread and the SDK's core).
 * 2. Recovery: the long-chat sample (agent-patterns) driven by its Update with 2 KB messages; its
 *    worker process is SIGKILLed after turns 100, 600 and 1,000 and a fresh worker process is started;
 *    reported: the next turn's time from the fresh worker's start, the workflow-task timeouts
 *    (start-to-close) in the history, and the model calls of the run against its turns.
 * 3. The replay of the longest run of that chat on a fresh replay worker: wall ms next to the 10 s
 *    workflow-task timeout.
 *
 *   cd bench && pnpm exec tsx src/long-conversation.ts [--turns=1000] [--kill-at=100,600,1000] [--skip-cpu] [--skip-recovery]
 */
import { once } from 'node:events';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodeTimeoutType } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';
import {
  AgentsTestEnvironment,
  fetchContinuedHistories,
  fetchHistory,
  ScriptedModelProvider,
  textResponse,
} from 'openai-agents-temporal/testing';
import { startWorkerProcess } from '../../shared/test/reliability/worker-processes';
import { heldConversationChat, wholeConversationChat } from '../ours/long-conversation';
import { replayCpuMs } from './replay-cpu';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const maxTurns = Number(arg('turns') ?? 1000);
const workflowsPath = fileURLToPath(new URL('../ours/long-conversation.ts', import.meta.url));
const longChatPath = fileURLToPath(new URL('../../agent-patterns/src/workflows/long-chat.ts', import.meta.url));
const longChatWorker = fileURLToPath(new URL('../../agent-patterns/test/long-chat-worker-process.ts', import.meta.url));

const env = await AgentsTestEnvironment.start({
  devServerArgs: ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=10000'],
});
const model = new ScriptedModelProvider({ Chat: () => textResponse('Here is the next step of the plan. '.repeat(6)) });
const report: Record<string, unknown> = { machine: { cpus: os.cpus().length, loadStart: os.loadavg() } };

/** The history cut after the workflow task that followed the `turn`-th model call's completion. */
function cutAfterTurn(history: History, turn: number): History {
  const events = history.events ?? [];
  let completed = 0;
  for (const [index, event] of events.entries()) {
    if (event.activityTaskCompletedEventAttributes) completed++;
    if (completed === turn && event.workflowTaskCompletedEventAttributes) {
      return { ...history, events: events.slice(0, index + 1) };
    }
  }
  return history;
}

if (!process.argv.includes('--skip-cpu')) {
  const bundle = await env.bundle(workflowsPath, undefined, model);
  const cpuPerTurn: Record<string, Record<string, number | string>> = {};
  for (const [name, workflow, turns] of [
    ['held', heldConversationChat, maxTurns],
    ['whole', wholeConversationChat, Math.min(200, maxTurns)],
  ] as const) {
    const started = performance.now();
    const { result, history } = await env.runWorkflow(workflow, [turns], { workflowsPath, modelProvider: model });
    const figures: Record<string, number | string> = {
      runSeconds: Math.round((performance.now() - started) / 100) / 10,
      replayWorkUnits: result.units,
    };
    for (const at of [10, 100, 1000]) {
      if (at > turns) {
        figures[`turn${at}`] = `not run (one run of ${turns} turns)`;
        continue;
      }
      const from = at / 2;
      const cpuAt = await replayCpuMs(bundle, cutAfterTurn(history, at), model);
      const cpuFrom = await replayCpuMs(bundle, cutAfterTurn(history, from), model);
      figures[`turn${at}`] = Math.round(((cpuAt - cpuFrom) / (at - from)) * 10) / 10;
      // The whole replay of the first `at` turns, for scale.
      figures[`replay${at}`] = Math.round(cpuAt);
    }
    cpuPerTurn[name] = figures;
    console.log(`workflow CPU ms per turn, ${name}:`, JSON.stringify(figures));
  }
  report.cpuPerTurnMs = cpuPerTurn;
}

if (!process.argv.includes('--skip-recovery')) {
  const taskQueue = `long-chat-bench-${crypto.randomUUID()}`;
  const workflowId = `long-chat-bench-${crypto.randomUUID()}`;
  const workerEnv = { TEMPORAL_ADDRESS: env.env.address, TASK_QUEUE: taskQueue };
  let worker = await startWorkerProcess(workerEnv, longChatWorker);
  const handle = await env.client.workflow.start('longChat', { taskQueue, workflowId, args: [{}] });
  const message = (turn: number) => `message ${turn}: ${'What should I see next, and how do I get there? '.repeat(42)}`;
  const recoveries: Array<Record<string, unknown>> = [];
  const killAt = (arg('kill-at') ?? '100,600,1000')
    .split(',')
    .map(Number)
    .filter((turn) => turn <= maxTurns);
  let turn = 0;
  for (const kill of killAt) {
    while (turn < kill) {
      turn++;
      await handle.executeUpdate('sendMessage', { args: [message(turn)] });
    }
    worker.kill('SIGKILL');
    await once(worker, 'exit');
    const killed = performance.now();
    worker = await startWorkerProcess(workerEnv, longChatWorker);
    const freshWorkerReadyMs = Math.round(performance.now() - killed);
    const started = performance.now();
    turn++;
    await handle.executeUpdate('sendMessage', { args: [message(turn)] });
    const nextTurnMs = Math.round(performance.now() - started);
    const run = await fetchHistory(env.client, workflowId);
    const events = run.events ?? [];
    // A dead worker's sticky queue hands its task back through a schedule-to-start timeout: not counted.
    const startToCloseTimeouts = events.filter(
      (event) =>
        event.workflowTaskTimedOutEventAttributes &&
        decodeTimeoutType(event.workflowTaskTimedOutEventAttributes.timeoutType) === 'START_TO_CLOSE',
    ).length;
    const modelCalls = events.filter((event) => event.activityTaskScheduledEventAttributes).length;
    const updates = events.filter((event) => event.workflowExecutionUpdateCompletedEventAttributes).length;
    recoveries.push({
      killedAfterTurn: kill,
      freshWorkerReadyMs,
      nextTurnMs,
      startToCloseTimeouts,
      runModelCalls: modelCalls,
      runTurns: updates,
    });
    console.log('recovery:', JSON.stringify(recoveries.at(-1)));
  }
  await handle.signal('endChat');
  const result = (await handle.result()) as {
    runs: number;
    continuedRuns: Array<{ run: number; turns: number; replayWork: number; reasons: string[] }>;
  };
  worker.kill('SIGKILL');
  await once(worker, 'exit');
  report.recovery = { turns: turn, runs: result.runs, continuedRuns: result.continuedRuns, recoveries };

  // The longest run of the chat, replayed whole on a fresh replay worker.
  const bundle = await env.bundle(longChatPath);
  const histories = await fetchContinuedHistories(env.client, workflowId, handle.firstExecutionRunId);
  const longest = histories
    .map((history) => ({ events: history.events?.length ?? 0, history }))
    .sort((a, b) => b.events - a.events)[0];
  if (longest) {
    const started = performance.now();
    await Worker.runReplayHistory({ workflowBundle: bundle, plugins: [new OpenAIAgentsPlugin()] }, longest.history);
    report.longestRunReplay = {
      events: longest.events,
      wallMs: Math.round(performance.now() - started),
      workflowTaskTimeoutMs: 10_000,
    };
    console.log('longest run replay:', JSON.stringify(report.longestRunReplay));
  }
}

(report.machine as Record<string, unknown>).loadEnd = os.loadavg();
console.log(JSON.stringify(report, null, 2));
await env.teardown();
