import { Agent, Runner } from '@openai/agents';
import { ActivityModelProvider, workflowStream } from 'openai-agents-temporal/workflow';
import { TOKENS_TOPIC } from '../topics';

export interface StreamTextResult {
  answer: string;
  /** How many text deltas the run inside the workflow saw: the same ones a subscriber saw live. */
  deltasInWorkflow: number;
}

/**
 * An answer that streams: with `streaming` on its model provider, the model activity calls the
 * model's streaming API and publishes each event to this run's stream (topic `tokens`) as it comes,
 * so a client prints the text while the model writes it. The activity also returns the events, and
 * the run here sees them, in order, once the call has finished: the same on replay.
 */
export async function streamText(prompt: string): Promise<StreamTextResult> {
  // Made first, so a client can subscribe before the model call starts.
  workflowStream();
  const agent = new Agent({ name: 'Joker', instructions: 'You are a helpful assistant.' });
  const runner = new Runner({ modelProvider: new ActivityModelProvider({ streaming: { topic: TOKENS_TOPIC } }) });
  const result = await runner.run(agent, prompt, { stream: true });
  let deltasInWorkflow = 0;
  for await (const event of result) {
    if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') deltasInWorkflow++;
  }
  await result.completed;
  return { answer: String(result.finalOutput ?? ''), deltasInWorkflow };
}
