// Workflow code as the Agents SDK's docs and examples write it: every agents import from '@openai/agents'
// (and '@openai/agents-openai'), none from agents-core or the plugin.
import {
  Agent,
  getDefaultOpenAIClient,
  type InputGuardrail,
  OpenAIChatCompletionsModel,
  OpenAIConversationsSession,
  OpenAIProvider,
  OpenAIResponsesCompactionSession,
  OpenAIResponsesModel,
  OpenAIResponsesWSModel,
  OpenAITracingExporter,
  realtime,
  run,
  setDefaultOpenAIClient,
  setDefaultOpenAIKey,
  setDefaultOpenAITracingExporter,
  setOpenAIAPI,
  setOpenAIResponsesTransport,
  setTracingExportApiKey,
  startOpenAIConversationsSession,
  tool,
  webSearchTool,
  withResponsesWebSocketSession,
} from '@openai/agents';
import { fileSearchTool } from '@openai/agents-openai';
import { z } from 'zod';

const getWeather = tool({
  name: 'get_weather',
  description: 'The weather in a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `${city}: sunny, 24 °C`,
});

const noHomework: InputGuardrail = {
  name: 'No homework',
  execute: async ({ input }) => {
    const flagged = JSON.stringify(input).includes('homework');
    return { tripwireTriggered: flagged, outputInfo: { flagged } };
  },
};

export async function travelDesk(request: string): Promise<{ plan: unknown; lastAgent: string | undefined }> {
  const planner = new Agent({
    name: 'Trip planner',
    instructions: 'Plan a trip with the weather and the web.',
    tools: [getWeather, webSearchTool({ searchContextSize: 'low' }), fileSearchTool('vs_guides')],
    outputType: z.object({ city: z.string(), days: z.number() }),
  });
  const triage = Agent.create({
    name: 'Travel desk',
    instructions: 'Hand trip planning to the planner.',
    handoffs: [planner],
    inputGuardrails: [noHomework],
  });
  const result = await run(triage, request);
  return { plan: result.finalOutput, lastAgent: result.lastAgent?.name };
}

/** Each `@openai/agents` API that belongs on the worker, called as a workflow might. */
const workerOnlyCalls: Record<string, () => unknown> = {
  OpenAIProvider: () => new OpenAIProvider(),
  // These take an OpenAI client, which workflow code has none of: built the way a port would try.
  OpenAIResponsesModel: () => Reflect.construct(OpenAIResponsesModel, [{}, 'gpt-5.4-mini']),
  OpenAIResponsesWSModel: () => Reflect.construct(OpenAIResponsesWSModel, [{}, 'gpt-5.4-mini']),
  OpenAIChatCompletionsModel: () => Reflect.construct(OpenAIChatCompletionsModel, [{}, 'gpt-5.4-mini']),
  OpenAITracingExporter: () => new OpenAITracingExporter(),
  OpenAIConversationsSession: () => new OpenAIConversationsSession(),
  OpenAIResponsesCompactionSession: () => Reflect.construct(OpenAIResponsesCompactionSession, [{}]),
  withResponsesWebSocketSession: () => withResponsesWebSocketSession(async () => 'never'),
  getDefaultOpenAIClient: () => getDefaultOpenAIClient(),
  setDefaultOpenAIClient: () => Reflect.apply(setDefaultOpenAIClient, undefined, [{}]),
  setDefaultOpenAIKey: () => setDefaultOpenAIKey('sk-in-a-workflow'),
  setOpenAIAPI: () => setOpenAIAPI('chat_completions'),
  setOpenAIResponsesTransport: () => setOpenAIResponsesTransport('websocket'),
  setTracingExportApiKey: () => setTracingExportApiKey('sk-in-a-workflow'),
  setDefaultOpenAITracingExporter: () => setDefaultOpenAITracingExporter(),
  startOpenAIConversationsSession: () => startOpenAIConversationsSession(),
  'realtime.RealtimeAgent': () => new realtime.RealtimeAgent({ name: 'Voice' }),
};

export const WORKER_ONLY_API_NAMES = Object.keys(workerOnlyCalls);

export async function callsWorkerOnlyApi(name: string): Promise<string> {
  const call = workerOnlyCalls[name];
  if (!call) throw new Error(`no call for ${name}`);
  await call();
  return `${name} ran in the workflow`;
}
