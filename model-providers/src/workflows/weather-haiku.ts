import { Agent, run, tool } from '@openai/agents';
import { z } from 'zod';

/** A model of another vendor, named `vendor/model`; the worker's provider resolves it. */
export const DEFAULT_VENDOR_MODEL = 'anthropic/claude-sonnet-4-5';

// Runs inside the workflow: it does no I/O, so it needs no activity.
const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parameters: z.object({ city: z.string().describe('The city to get the weather for.') }),
  execute: ({ city }) => `The weather in ${city} is sunny.`,
});

/** The same agent for both samples; only the model name differs. */
function weatherAgent(model?: string): Agent {
  return new Agent({
    name: 'Assistant',
    instructions:
      'You only respond in haikus. When asked about the weather, always use the tool to get the current weather.',
    tools: [getWeather],
    ...(model ? { model } : {}),
  });
}

/**
 * The agent names no model, so the worker's provider uses its default: Ollama's gpt-oss:20b, or
 * whatever CHAT_COMPLETIONS_MODEL says, on the endpoint CHAT_COMPLETIONS_BASE_URL names.
 */
export async function gptOss(prompt: string): Promise<string> {
  const result = await run(weatherAgent(), prompt);
  return result.finalOutput ?? '';
}

/** Another vendor's model, named `vendor/model` (e.g. `anthropic/claude-sonnet-4-5`): the worker resolves it. */
export async function vendorModel(prompt: string, model = DEFAULT_VENDOR_MODEL): Promise<string> {
  const result = await run(weatherAgent(model), prompt);
  return result.finalOutput ?? '';
}
