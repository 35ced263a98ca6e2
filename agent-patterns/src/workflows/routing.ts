import { Agent, run } from '@openai/agents';

export interface RoutedAnswer {
  /** The agent that gave the final answer. */
  agent: string;
  response: string;
}

function speaker(language: string): Agent {
  return new Agent({
    name: `${language} agent`,
    instructions: `You only speak ${language}.`,
    handoffDescription: `Answers requests written in ${language}.`,
  });
}

/** A triage agent hands the conversation off to the agent that speaks the request's language. */
export async function routing(message: string): Promise<RoutedAnswer> {
  const triage = new Agent({
    name: 'Triage agent',
    instructions: 'Hand off to the agent that speaks the language of the request.',
    handoffs: [speaker('French'), speaker('Spanish'), speaker('English')],
  });
  const result = await run(triage, message);
  return { agent: result.lastAgent?.name ?? triage.name, response: result.finalOutput ?? '' };
}
