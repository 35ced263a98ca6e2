/**
 * The two agents both lifecycle samples run: Start Agent draws a number and, when it is odd,
 * hands off to Multiply Agent. Their function tools run inside the workflow.
 */
import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

/** The structured answer both agents give. */
export const FinalResult = z.object({ number: z.number().int() });

const randomNumber = tool({
  name: 'random_number',
  description: 'Generate a random whole number from 0 up to and including max.',
  parameters: z.object({ max: z.number().int() }),
  // Inside a Temporal workflow Math.random is a PRNG seeded per run, so a replay draws the same
  // number and the run stays deterministic. Plain randomness would break replay.
  execute: async ({ max }) => Math.floor(Math.random() * (max + 1)),
});

const multiplyByTwo = tool({
  name: 'multiply_by_two',
  description: 'Multiply a number by two.',
  parameters: z.object({ x: z.number() }),
  execute: async ({ x }) => x * 2,
});

/** Fresh agents for each run, so the hooks one run attaches never fire for another. */
export function createNumberAgents() {
  const multiplyAgent = new Agent({
    name: 'Multiply Agent',
    instructions: 'Multiply the number by 2 and then return the final result.',
    tools: [multiplyByTwo],
    outputType: FinalResult,
  });
  const startAgent = new Agent({
    name: 'Start Agent',
    instructions: "Generate a random number. If it's even, stop. If it's odd, hand off to the multiply agent.",
    tools: [randomNumber],
    handoffs: [multiplyAgent],
    outputType: FinalResult,
  });
  return { startAgent, multiplyAgent };
}

export function numberPrompt(maxNumber: number): string {
  return `Generate a random number between 0 and ${maxNumber}.`;
}
