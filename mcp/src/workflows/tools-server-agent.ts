import { Agent, run } from '@openai/agents';
import { statelessMcpServer } from 'openai-agents-temporal/workflow';

export const TOOLS_QUESTIONS = [
  'Add these numbers: 7 and 22.',
  "What's the weather in Tokyo?",
  "What's the secret word?",
];

/** The three questions of the SSE and streamable HTTP samples, to one agent on the given server. */
export async function askToolsServer(agentName: string, serverName: string): Promise<string[]> {
  const agent = new Agent({
    name: agentName,
    instructions: 'Use the tools to answer the questions.',
    modelSettings: { toolChoice: 'required' },
    mcpServers: [statelessMcpServer(serverName)],
  });
  const answers: string[] = [];
  for (const question of TOOLS_QUESTIONS) answers.push((await run(agent, question)).finalOutput ?? '');
  return answers;
}
