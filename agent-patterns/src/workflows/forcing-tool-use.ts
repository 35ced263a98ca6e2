import { Agent, run, type ToolToFinalOutputFunction, type ToolUseBehavior, tool } from '@openai/agents';
import { ApplicationFailure } from '@temporalio/workflow';
import { z } from 'zod';

/**
 * - `default`: the model sees the tool's result and answers (two model calls);
 * - `first_tool`: the first tool result is the final output (one model call);
 * - `custom`: our function turns the tool results into the final output (one model call).
 */
export const TOOL_USE_MODES = ['default', 'first_tool', 'custom'] as const;
export type ToolUseMode = (typeof TOOL_USE_MODES)[number];

interface Weather {
  city: string;
  temperatureRange: string;
  conditions: string;
}

// Canned data and no I/O, so the tool can run inside the workflow. Real I/O would be an activity.
const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }): Promise<Weather> => ({ city, temperatureRange: '14-20C', conditions: 'Sunny with wind' }),
});

const weatherSentence: ToolToFinalOutputFunction = (_context, toolResults) => {
  const first = toolResults[0];
  if (first?.type !== 'function_output') return { isFinalOutput: false, isInterrupted: undefined };
  const weather = (typeof first.output === 'string' ? JSON.parse(first.output) : first.output) as Weather;
  return { isFinalOutput: true, isInterrupted: undefined, finalOutput: `${weather.city} is ${weather.conditions}.` };
};

const behaviors: Record<ToolUseMode, ToolUseBehavior> = {
  default: 'run_llm_again',
  first_tool: 'stop_on_first_tool',
  custom: weatherSentence,
};

/** One weather agent, three ways to end a run after a tool call. */
export async function forcingToolUse(prompt: string, mode: ToolUseMode = 'default'): Promise<string> {
  // Arguments come from outside the type system: fail the run clearly instead of guessing.
  if (!TOOL_USE_MODES.includes(mode)) {
    throw ApplicationFailure.nonRetryable(
      `Unknown tool-use mode ${JSON.stringify(mode)}: use one of ${TOOL_USE_MODES.join(', ')}.`,
      'UnknownToolUseMode',
    );
  }
  const agent = new Agent({
    name: 'Weather agent',
    instructions: 'You are a helpful agent.',
    tools: [getWeather],
    toolUseBehavior: behaviors[mode],
    // The two modes that end on a tool result need the model to call a tool.
    modelSettings: mode === 'default' ? {} : { toolChoice: 'required' },
  });
  const result = await run(agent, prompt);
  return String(result.finalOutput ?? '');
}
