import { Agent, type AgentInputItem, run, user } from '@openai/agents';
import { ApplicationFailure } from '@temporalio/workflow';
import { z } from 'zod';

const Evaluation = z.object({
  feedback: z.string(),
  score: z.enum(['pass', 'needs_improvement', 'fail']),
});

export interface JudgedOutline {
  outline: string;
  /** How many generate-and-judge rounds ran. */
  rounds: number;
  /** False when the judge never passed the outline within `maxRounds`. */
  passed: boolean;
}

/**
 * A generator writes a story outline and a judge scores it; the feedback goes back to the generator
 * until the judge passes the outline. `maxRounds` caps the loop, so a judge that never passes cannot
 * keep the workflow calling the model forever.
 */
export async function llmAsAJudge(request: string, maxRounds = 5): Promise<JudgedOutline> {
  if (!Number.isInteger(maxRounds) || maxRounds < 1) {
    throw ApplicationFailure.nonRetryable(`maxRounds must be a positive integer, got ${maxRounds}.`, 'InvalidArgument');
  }
  const generator = new Agent({
    name: 'Outline generator',
    instructions:
      "Write a very short story outline for the user's request. If feedback follows, improve the outline with it.",
  });
  const judge = new Agent({
    name: 'Outline judge',
    instructions:
      'Judge the latest story outline and say how to make it better. Never pass it on the first attempt. ' +
      'After a few attempts, pass an outline that is good enough: do not hold out for perfection.',
    outputType: Evaluation,
  });

  let conversation: AgentInputItem[] = [user(request)];
  let outline = '';
  for (let round = 1; round <= maxRounds; round++) {
    const generated = await run(generator, conversation);
    outline = generated.finalOutput ?? '';
    conversation = generated.history;

    const evaluation = (await run(judge, conversation)).finalOutput;
    if (evaluation?.score === 'pass') return { outline, rounds: round, passed: true };
    conversation.push(user(`Feedback: ${evaluation?.feedback ?? 'none'}`));
  }
  return { outline, rounds: maxRounds, passed: false };
}
