// Workflows for the secrets-by-reference tests: an activity tool whose API key is bound by reference.
import { Agent, run } from '@openai/agents-core';
import { z } from 'zod';
import { activityAsTool, workerEnvRef } from '../../src/workflow/index.js';

/** One run of an agent whose `checkKey` tool gets `apiKey` from the worker's variable `variable`. */
/** `looseSchema`: the tool takes any `service` value (non-strict JSON schema), so the model could write an object. */
export async function boundKeyAgent(prompt: string, variable: string, looseSchema = false): Promise<string> {
  const tool = {
    description: 'Says whether the service accepts the key.',
    boundArguments: { apiKey: workerEnvRef(variable) },
  };
  const looseParameters = {
    type: 'object' as const,
    properties: { service: {} },
    required: ['service'],
    additionalProperties: true as const,
  };
  const agent = new Agent({
    name: 'Keyed agent',
    instructions: 'Check the key, then say what the tool said.',
    tools: [
      looseSchema
        ? activityAsTool('checkKey', { ...tool, parameters: looseParameters, strict: false })
        : activityAsTool('checkKey', { ...tool, parameters: z.object({ service: z.string() }) }),
    ],
  });
  return (await run(agent, prompt)).finalOutput ?? '';
}

export { statelessAgent } from '../mcp/workflows.js';
