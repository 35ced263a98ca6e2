// Agent runs in a child workflow and in a continue-as-new run: the plugin's options must reach both.
import { Agent, run } from '@openai/agents-core';
import { continueAsNew, executeChild } from '@temporalio/workflow';

const helper = () => new Agent({ name: 'Helper', instructions: 'Answer briefly.' });

export async function agentOnce(prompt: string): Promise<string> {
  return (await run(helper(), prompt)).finalOutput ?? '';
}

export async function parentWithChild(prompt: string): Promise<string> {
  return executeChild(agentOnce, { args: [prompt], workflowId: `child-of-${prompt.length}-${Date.now()}` });
}

export async function continuesOnce(prompt: string, continued = false): Promise<string> {
  const answer = (await run(helper(), prompt)).finalOutput ?? '';
  if (!continued) return continueAsNew<typeof continuesOnce>(`${prompt} again`, true);
  return answer;
}
