import { Agent, run } from '@openai/agents';
import { statelessMcpServer } from 'openai-agents-temporal/workflow';

export const FILESYSTEM_QUESTIONS = [
  'Read the files and list them.',
  'What is my #1 favorite book?',
  'Look at my favorite songs. Suggest one new song that I might like.',
];

/**
 * An agent with the npm filesystem MCP server, limited to this folder's `sample-files/`. Every listing
 * and every file read is an activity on the worker (`FileSystemServer-stateless-*`).
 */
export async function filesystem(): Promise<string> {
  const agent = new Agent({
    name: 'Filesystem Assistant',
    instructions: 'Use the tools to read the filesystem and answer questions based on those files.',
    mcpServers: [statelessMcpServer('FileSystemServer', { cacheToolsList: true })],
  });
  const answers: string[] = [];
  for (const question of FILESYSTEM_QUESTIONS) {
    const result = await run(agent, question);
    answers.push(`${question}\n${result.finalOutput ?? ''}`);
  }
  return answers.join('\n\n');
}
