import { Agent, type InputGuardrail, InputGuardrailTripwireTriggered, run } from '@openai/agents';
import { z } from 'zod';

const HomeworkCheck = z.object({
  reasoning: z.string(),
  isMathHomework: z.boolean(),
});

export const HOMEWORK_REFUSAL = "Sorry, I can't help you with your math homework.";

/**
 * A customer support agent behind an input guardrail. The guardrail asks another agent whether the
 * request is math homework; that check is a model call too, so it runs as an activity.
 */
export async function inputGuardrails(question: string): Promise<string> {
  const homeworkChecker = new Agent({
    name: 'Homework checker',
    instructions: 'Decide whether the user is asking you to do their math homework.',
    outputType: HomeworkCheck,
  });
  const noMathHomework: InputGuardrail = {
    name: 'No math homework',
    // Check before the agent starts, so a blocked request never costs the support agent's model call.
    runInParallel: false,
    execute: async ({ input, context }) => {
      const check = (await run(homeworkChecker, input, { context })).finalOutput;
      return { tripwireTriggered: check?.isMathHomework ?? false, outputInfo: check };
    },
  };
  const support = new Agent({
    name: 'Customer support agent',
    instructions: "You are a customer support agent. You answer customers' questions.",
    inputGuardrails: [noMathHomework],
  });

  try {
    const result = await run(support, question);
    return result.finalOutput ?? '';
  } catch (error) {
    // A tripwire is an expected outcome, not a failure: answer with the refusal.
    if (error instanceof InputGuardrailTripwireTriggered) return HOMEWORK_REFUSAL;
    throw error;
  }
}
