// The replay CPU of a history, for the long-conversation figures and the replay-work fit.
import type { ModelProvider } from '@openai/agents-core';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from 'openai-agents-temporal';

/**
 * CPU ms of one replay of `history`: (3 replays − 1 replay) / 2 in one replay worker each, so the
 * worker's start is left out. Process CPU (the workflow thread and the SDK's core), which a loaded
 * machine inflates less than wall time.
 */
export async function replayCpuMs(
  bundle: WorkflowBundle,
  history: History,
  modelProvider: ModelProvider,
): Promise<number> {
  const cpu = async (copies: number) => {
    const start = process.cpuUsage();
    const replays = Worker.runReplayHistories(
      { workflowBundle: bundle, plugins: [new OpenAIAgentsPlugin({ modelProvider })] },
      Array.from({ length: copies }, (_, i) => ({ workflowId: `replay-${i}`, history })),
    );
    for await (const replay of replays) if (replay.error) throw replay.error;
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const one = await cpu(1);
  const three = await cpu(3);
  return (three - one) / 2;
}
