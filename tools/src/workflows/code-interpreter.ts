import { Agent, codeInterpreterTool, run } from '@openai/agents';
import { hostedToolCalls, isArray, isRecord, isString, providerField } from './hosted-calls';

export interface CodeInterpreterResult {
  answer: string;
  /** What the interpreter ran, and what it printed (its logs), one entry per call. */
  runs: { code: string; logs: string[]; containerId: string | undefined }[];
}

/** OpenAI's hosted code interpreter: the code runs in OpenAI's container, within the one model activity. */
export async function codeInterpreter(question: string): Promise<CodeInterpreterResult> {
  const agent = new Agent({
    name: 'Code interpreter',
    instructions: 'You love doing math.',
    tools: [codeInterpreterTool({ container: { type: 'auto' }, includeOutputs: true })],
  });
  const result = await run(agent, question);
  const runs = hostedToolCalls(result.newItems, 'code_interpreter_call').map((call) => ({
    code: providerField(call, 'code', isString) ?? '',
    logs: (providerField(call, 'outputs', isArray) ?? []).flatMap((output) =>
      isRecord(output) && output.type === 'logs' && isString(output.logs) ? [output.logs] : [],
    ),
    containerId: providerField(call, 'container_id', isString),
  }));
  return { answer: result.finalOutput ?? '', runs };
}
