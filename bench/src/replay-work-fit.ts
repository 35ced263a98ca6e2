/**
 * Where the replay-work weights come from (REPLAY_WORK_PER_MODEL_CALL, REPLAY_WORK_PER_ITEM, internal constants in
 * shared/src/workflow/model-call-chain.ts): the replay CPU of 2 KB chats that pass their whole
 * conversation (50 and 150 turns) and of one run() through 150 tool calls, next to each run's replay
 * work. Fit `cpu = a × calls + b × (bytes + 500 × items)` on the two chats and check it on the loop.
 *
 *   cd bench && pnpm exec tsx src/replay-work-fit.ts
 *
 * Not part of `pnpm bench` nor of the tests; see "Long conversations" in bench/README.md.
 */
import { fileURLToPath } from 'node:url';
import {
  AgentsTestEnvironment,
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';
import { toolLoop, wholeChat } from '../ours/replay-work-fit';
import { replayCpuMs } from './replay-cpu';

const LOOP_CALLS = 150;
const workflowsPath = fileURLToPath(new URL('../ours/replay-work-fit.ts', import.meta.url));
const env = await AgentsTestEnvironment.start();
const model = new ScriptedModelProvider({
  Chat: () => textResponse('y'.repeat(200)),
  Loop: (_, { agentTurn }) =>
    agentTurn < LOOP_CALLS ? toolCallResponse('step', { n: agentTurn }) : textResponse('done'),
});
const bundle = await env.bundle(workflowsPath, undefined, model);
const cases = [
  {
    name: 'chat 50 × 2 KB',
    run: () => env.runWorkflow(wholeChat, [50, 2000], { workflowsPath, modelProvider: model }),
  },
  {
    name: 'chat 150 × 2 KB',
    run: () => env.runWorkflow(wholeChat, [150, 2000], { workflowsPath, modelProvider: model }),
  },
  {
    name: `loop ${LOOP_CALLS} tool calls`,
    run: () => env.runWorkflow(toolLoop, [LOOP_CALLS + 5], { workflowsPath, modelProvider: model }),
  },
];
const measured: Array<{ name: string; calls: number; rest: number; cpuMs: number }> = [];
for (const { name, run } of cases) {
  const { result, history } = await run();
  const cpuMs = await replayCpuMs(bundle, history, model);
  const rest = result.inputBytes + 500 * result.inputItems;
  measured.push({ name, calls: result.modelCalls, rest, cpuMs });
  console.log(JSON.stringify({ name, ...result, replayCpuMs: Math.round(cpuMs) }));
}
const [small, large, loop] = measured;
if (small && large && loop) {
  // Two equations, two unknowns: ms per call (a) and ms per unit of the rest (b).
  const b =
    (large.cpuMs - (large.calls / small.calls) * small.cpuMs) / (large.rest - (large.calls / small.calls) * small.rest);
  const a = (small.cpuMs - b * small.rest) / small.calls;
  const predicted = a * loop.calls + b * loop.rest;
  console.log(
    JSON.stringify({
      msPerCall: a,
      nsPerUnit: b * 1e6,
      unitsPerCall: Math.round(a / b),
      loopPredictedMs: Math.round(predicted),
      loopMeasuredMs: Math.round(loop.cpuMs),
    }),
  );
}
await env.teardown();
