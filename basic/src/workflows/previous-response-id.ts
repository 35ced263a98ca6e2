import { Agent, run } from '@openai/agents';

/**
 * Two turns of one conversation, chained on the server: the second run sends only the new question
 * and points at the first response. This needs the Responses API, which keeps responses for 30 days.
 */
export async function previousResponseId(
  firstQuestion: string,
  followUp: string,
): Promise<{ first: string; second: string }> {
  const agent = new Agent({ name: 'Assistant', instructions: 'You are a helpful assistant. be VERY concise.' });
  const first = await run(agent, firstQuestion);
  const second = await run(agent, followUp, { previousResponseId: first.lastResponseId });
  return { first: first.finalOutput ?? '', second: second.finalOutput ?? '' };
}
