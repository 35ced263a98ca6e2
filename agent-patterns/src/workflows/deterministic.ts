import { Agent, run } from '@openai/agents';
import { z } from 'zod';

const OutlineCheck = z.object({
  goodQuality: z.boolean(),
  isScifi: z.boolean(),
});

/**
 * A fixed chain of agents: outline → check → story. The check returns structured output, and plain
 * code decides whether the chain goes on, so a bad outline never costs the story's model call.
 */
export async function deterministic(request: string): Promise<string> {
  const outliner = new Agent({
    name: 'Story outliner',
    instructions: "Write a very short story outline for the user's request.",
  });
  const checker = new Agent({
    name: 'Outline checker',
    instructions:
      'Read the story outline you are given. Say whether it is of good quality and whether it is science fiction.',
    outputType: OutlineCheck,
  });
  const writer = new Agent({
    name: 'Story writer',
    instructions: 'Write a short story that follows the outline you are given.',
  });

  const outline = (await run(outliner, request)).finalOutput ?? '';
  const check = (await run(checker, outline)).finalOutput;
  if (!check?.goodQuality) return 'Story generation stopped: the outline is not good enough.';
  if (!check.isScifi) return 'Story generation stopped: the outline is not science fiction.';

  const story = (await run(writer, outline)).finalOutput ?? '';
  return `Final story: ${story}`;
}
