import { Agent, type JsonSchemaDefinition, run } from '@openai/agents';
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * Jokes keyed by their number: `jokes` is a map, so its schema cannot list its keys. Strict
 * structured output needs every object to list them (`additionalProperties: false`). A plain JSON
 * schema keeps the choice visible: agents-core quietly turns a zod `z.record` output non-strict.
 */
const jokesOutput: JsonSchemaDefinition = {
  type: 'json_schema',
  name: 'jokes',
  strict: true,
  schema: {
    type: 'object',
    properties: {
      jokes: {
        type: 'object',
        description: 'The jokes, keyed by their number: "1", "2", ...',
        additionalProperties: { type: 'string' },
      },
    },
    required: ['jokes'],
    additionalProperties: false,
  },
};

export type Outcome = { ok: true; output: unknown } | { ok: false; error: string };

/** The same output schema, strict and then not: the first is refused, the second answers. */
export async function nonStrictOutput(prompt: string): Promise<{ strict: Outcome; nonStrict: Outcome }> {
  const agent = new Agent({
    name: 'Assistant',
    instructions: 'You are a helpful assistant.',
    outputType: jokesOutput,
  });
  // OpenAI rejects this strict schema with a 400. The plugin fails that model activity without
  // retrying, and the workflow catches the failure like any other error.
  const strict = await attempt(agent, prompt);
  // Not strict: the model is asked to follow the schema, and agents-core parses its JSON answer.
  const nonStrict = await attempt(agent.clone({ outputType: { ...jokesOutput, strict: false } }), prompt);
  return { strict, nonStrict };
}

async function attempt(agent: Agent<unknown, JsonSchemaDefinition>, prompt: string): Promise<Outcome> {
  try {
    const result = await run(agent, prompt);
    return { ok: true, output: result.finalOutput };
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}

/** A failed model call arrives as an ActivityFailure; the model's error is its cause. */
function describeFailure(error: unknown): string {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  if (failure instanceof ApplicationFailure) return `${failure.type}: ${failure.message}`;
  return String(failure);
}
