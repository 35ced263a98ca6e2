import { Agent, run } from '@openai/agents';

/** A reasoning model that OpenAI serves today and that returns reasoning summaries. */
export const DEFAULT_REASONING_MODEL = 'gpt-5-mini';

export interface ReasoningResult {
  prompt: string;
  model: string;
  /** The model's reasoning summary, one entry per part; empty when the model returned none. */
  summary: string[];
  answer: string;
}

/**
 * One call to a reasoning model that asks for a summary of its reasoning (`reasoning.summary: 'auto'`),
 * through the plugin's model activity like any other agent. Without that setting OpenAI sends no summary.
 */
export async function reasoningContent(prompt: string, model = DEFAULT_REASONING_MODEL): Promise<ReasoningResult> {
  const agent = new Agent({
    name: 'Reasoner',
    instructions: 'You are a helpful assistant that explains your reasoning step by step.',
    model,
    modelSettings: { reasoning: { summary: 'auto' } },
  });
  const result = await run(agent, prompt);
  const summary = result.newItems.flatMap((item) =>
    item.type === 'reasoning_item' ? item.rawItem.content.map((part) => part.text).filter((text) => text.trim()) : [],
  );
  return { prompt, model, summary, answer: result.finalOutput ?? '' };
}
