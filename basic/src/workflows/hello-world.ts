import { Agent, run } from '@openai/agents';

/** One agent, one model call: the model call runs as a Temporal activity. */
export async function helloWorld(prompt: string): Promise<string> {
  const agent = new Agent({
    name: 'Assistant',
    instructions: 'You only respond in haikus.',
  });
  const result = await run(agent, prompt);
  return result.finalOutput ?? '';
}
