import { Agent, run } from '@openai/agents';

/** An image by URL: the model provider fetches it, so the workflow and its history carry only the link. */
export async function remoteImage(imageUrl: string, question = 'What do you see in this image?'): Promise<string> {
  const agent = new Agent({ name: 'Assistant', instructions: 'You are a helpful assistant.' });
  const result = await run(agent, [
    { role: 'user', content: [{ type: 'input_image', image: imageUrl, detail: 'auto' }] },
    { role: 'user', content: question },
  ]);
  return result.finalOutput ?? '';
}
