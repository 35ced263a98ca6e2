import { Agent, run } from '@openai/agents';
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../activities/read-image';

const { readImageAsBase64 } = proxyActivities<typeof activities>({ startToCloseTimeout: '30s' });

/**
 * An image from the worker's disk, sent inline as base64. Reading a file is I/O, so an activity
 * reads it and the workflow only sees the result. The image then travels in the model activity's
 * input, so keep it well under Temporal's 2 MB payload limit (larger files: pass a URL or file id).
 */
export async function localImage(imagePath: string, question = 'What do you see in this image?'): Promise<string> {
  const base64 = await readImageAsBase64(imagePath);
  const mimeType = /\.jpe?g$/i.test(imagePath) ? 'image/jpeg' : 'image/png';

  const agent = new Agent({ name: 'Assistant', instructions: 'You are a helpful assistant.' });
  const result = await run(agent, [
    {
      role: 'user',
      content: [{ type: 'input_image', image: `data:${mimeType};base64,${base64}`, detail: 'auto' }],
    },
    { role: 'user', content: question },
  ]);
  return result.finalOutput ?? '';
}
