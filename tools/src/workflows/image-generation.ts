import { Agent, imageGenerationTool, run } from '@openai/agents';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { SavedImage } from '../activities/save-image';
import { hostedToolCalls } from './hosted-calls';

export interface ImageGenerationResult {
  answer: string;
  /** Where the worker saved each generated image, and its size: never the image itself. */
  images: SavedImage[];
}

const { saveImage } = proxyActivities<typeof activities>({ startToCloseTimeout: '30s' });

/**
 * OpenAI's hosted image generation. The image comes back base64-encoded inside the model activity's
 * result; the `saveImage` activity writes it to a file on the worker, and the workflow returns only the
 * path and size. A low-quality JPEG keeps the model activity's result well below Temporal's 2 MB limit.
 */
export async function imageGeneration(prompt: string): Promise<ImageGenerationResult> {
  const agent = new Agent({
    name: 'Image generator',
    instructions: 'You are a helpful agent.',
    tools: [imageGenerationTool({ quality: 'low', outputFormat: 'jpeg', outputCompression: 80 })],
  });
  const result = await run(agent, prompt);
  const images: SavedImage[] = [];
  for (const call of hostedToolCalls(result.newItems, 'image_generation_call')) {
    if (!call.output) continue;
    // Named after the run and the call, so a retried activity overwrites its own file.
    const name = `${workflowInfo().workflowId}-${call.id ?? images.length}`;
    images.push(await saveImage({ name, base64: call.output }));
  }
  return { answer: result.finalOutput ?? '', images };
}
