import { Agent, type AgentInputItem, type HandoffInputData, handoff, run, tool, user } from '@openai/agents';
import { removeAllTools } from '@openai/agents-core/extensions';
import { z } from 'zod';

export interface MessageFilterResult {
  finalOutput: string;
  /** The conversation as the run ended: what the Spanish agent was handed (after the filter), then its answer. */
  finalMessages: AgentInputItem[];
}

const randomNumber = tool({
  name: 'random_number',
  description: 'Return a random integer between 0 and the given maximum.',
  parameters: z.object({ max: z.number().int().describe('The largest number it may return.') }),
  // Math.random is seeded per run inside the workflow sandbox, so a replay draws the same number.
  execute: ({ max }) => Math.floor(Math.random() * (max + 1)),
});

/** How many messages at the start of the conversation the Spanish agent never sees. */
export const DROPPED_MESSAGES = 2;

/**
 * What the Spanish agent is handed: the conversation without any tool calls or their results (and
 * without the handoff's own call), and without its first two messages.
 */
export function spanishHandoffFilter(data: HandoffInputData): HandoffInputData {
  const withoutTools = removeAllTools(data);
  const { inputHistory } = withoutTools;
  return {
    ...withoutTools,
    inputHistory: Array.isArray(inputHistory) ? inputHistory.slice(DROPPED_MESSAGES) : inputHistory,
  };
}

/**
 * A four-step conversation. Each step is one agent run that continues the history of the last. In
 * the last step the second agent hands off to a Spanish agent, through a filter that trims the history.
 */
export async function messageFilter(userName = 'Sora'): Promise<MessageFilterResult> {
  const firstAgent = new Agent({
    name: 'Assistant',
    instructions: 'Be extremely concise.',
    tools: [randomNumber],
  });
  const spanishAgent = new Agent({
    name: 'Spanish Assistant',
    instructions: 'You only speak Spanish and are extremely concise.',
    handoffDescription: 'A Spanish-speaking assistant.',
  });
  const secondAgent = new Agent({
    name: 'Assistant',
    instructions: 'Be a helpful assistant. If the user speaks Spanish, handoff to the Spanish assistant.',
    handoffs: [handoff(spanishAgent, { inputFilter: spanishHandoffFilter })],
  });

  let history: AgentInputItem[] = (await run(firstAgent, `Hi, my name is ${userName}.`)).history;
  history = (await run(firstAgent, [...history, user('Can you generate a random number between 0 and 100?')])).history;
  history = (await run(secondAgent, [...history, user("I live in New York City. What's the population of the city?")]))
    .history;
  const last = await run(secondAgent, [
    ...history,
    user('Por favor habla en español. ¿Cuál es mi nombre y dónde vivo?'),
  ]);
  return { finalOutput: String(last.finalOutput ?? ''), finalMessages: last.history };
}
