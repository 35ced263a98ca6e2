// The files of the app the pack test writes, as a user of the published package would: ESM TypeScript
// compiled with tsc under nodenext, run with plain node. The root README's "Use it in your own project"
// shows the same files.

export const appTsconfig = {
  compilerOptions: {
    target: 'es2023',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

/** The activity the agent calls as a tool; it answers `<city>: sunny, 24 °C`. */
export const activitiesSource = `export async function getWeather({ city }: { city: string }): Promise<string> {
  return \`\${city}: sunny, 24 °C\`;
}
`;

export const workflowsSource = `import { Agent, run, webSearchTool } from '@openai/agents';
import { activityAsTool } from 'openai-agents-temporal/workflow';
import { z } from 'zod';
import type * as activities from './activities.js';

export async function weatherAgent(question: string): Promise<string> {
  const agent = new Agent({
    name: 'Weather agent',
    instructions: 'Answer questions about the weather with the get_weather tool.',
    tools: [
      activityAsTool<typeof activities>('getWeather', {
        name: 'get_weather',
        description: 'The current weather in a city.',
        parameters: z.object({ city: z.string() }),
      }),
      webSearchTool(),
    ],
  });
  const result = await run(agent, question);
  return result.finalOutput ?? '';
}
`;

/** The same workflow importing agents-core directly, as workflow code may too. */
export const agentsCoreWorkflowsSource = workflowsSource
  .replace(
    "import { Agent, run, webSearchTool } from '@openai/agents';",
    "import { Agent, run } from '@openai/agents-core';",
  )
  .replace('      webSearchTool(),\n', '');
if (agentsCoreWorkflowsSource.includes('webSearchTool') || agentsCoreWorkflowsSource === workflowsSource) {
  throw new Error('app-files.ts: the agents-core form of the workflow no longer follows workflowsSource');
}

/** One plugin configuration for the worker and for replay: the model parameters are part of the bundle. */
export const pluginSource = `import { OpenAIAgentsPlugin } from 'openai-agents-temporal';

export function agentsPlugin(): OpenAIAgentsPlugin {
  return new OpenAIAgentsPlugin({ modelParams: { startToCloseTimeout: '45s', retry: { maximumAttempts: 3 } } });
}
`;

export const workerSource = `import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import * as activities from './activities.js';
import { agentsPlugin } from './plugin.js';

const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const worker = await Worker.create({
  connection,
  taskQueue: process.env.TASK_QUEUE ?? 'weather-agent',
  workflowsPath: fileURLToPath(new URL('./workflows.js', import.meta.url)),
  activities,
  plugins: [agentsPlugin()],
});
console.log('worker ready');
await worker.run(); // until SIGINT or SIGTERM
await connection.close();
`;

export const launcherSource = `import { Client, Connection } from '@temporalio/client';
import type { weatherAgent } from './workflows.js';

const [workflowId = \`weather-\${Date.now()}\`, question = 'What is the weather in Tokyo?'] = process.argv.slice(2);
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const client = new Client({ connection });
const answer = await client.workflow.execute<typeof weatherAgent>('weatherAgent', {
  taskQueue: process.env.TASK_QUEUE ?? 'weather-agent',
  workflowId,
  args: [question],
});
console.log(answer);
await connection.close();
`;

/** Replays a finished run against the current workflow code, with the testing kit; exits non-zero on nondeterminism. */
export const replaySource = `import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { replayHistory } from 'openai-agents-temporal/testing';
import { agentsPlugin } from './plugin.js';

const [workflowId] = process.argv.slice(2);
if (!workflowId) throw new Error('usage: node dist/replay.js <workflow id>');
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
await connection.close();
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./workflows.js', import.meta.url)),
  plugins: [agentsPlugin()],
});
await replayHistory(history, { workflowBundle }, workflowId);
console.log(\`replayed \${workflowId}\`);
`;

/** Every source file of the app, by its path in the app. */
export const appSources: Record<string, string> = {
  'src/activities.ts': activitiesSource,
  'src/workflows.ts': workflowsSource,
  'src/plugin.ts': pluginSource,
  'src/worker.ts': workerSource,
  'src/launcher.ts': launcherSource,
  'src/replay.ts': replaySource,
};
