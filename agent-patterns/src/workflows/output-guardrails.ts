import { Agent, type OutputGuardrail, OutputGuardrailTripwireTriggered, run } from '@openai/agents';
import { z } from 'zod';

const Answer = z.object({
  reasoning: z.string().describe('How you arrived at the answer.'),
  response: z.string().describe('The answer to the user.'),
  userName: z.string().nullable().describe("The user's name, if they gave it."),
});

/** Trips when the answer or its reasoning mentions a phone number's 650 area code. */
const noPhoneNumbers: OutputGuardrail<typeof Answer> = {
  name: 'No phone numbers',
  execute: async ({ agentOutput }) => {
    const inResponse = agentOutput.response.includes('650');
    const inReasoning = agentOutput.reasoning.includes('650');
    return { tripwireTriggered: inResponse || inReasoning, outputInfo: { inResponse, inReasoning } };
  },
};

/** An agent with structured output, and a guardrail that checks that output before it is returned. */
export async function outputGuardrails(question: string): Promise<string> {
  const assistant = new Agent({
    name: 'Assistant',
    instructions: 'You are a helpful assistant.',
    outputType: Answer,
    outputGuardrails: [noPhoneNumbers],
  });

  try {
    const result = await run(assistant, question);
    return result.finalOutput?.response ?? '';
  } catch (error) {
    // A tripwire is an expected outcome, not a failure: say what the guardrail found.
    if (!(error instanceof OutputGuardrailTripwireTriggered)) throw error;
    const report = error.result.output.outputInfo;
    return `The guardrail tripped, so the answer is withheld. Report: ${JSON.stringify(report)}`;
  }
}
