import { Agent, hostedMcpTool, run } from '@openai/agents';

export const DEFAULT_MCP_SERVER_URL = 'https://gitmcp.io/openai/codex';

/**
 * A hosted MCP tool: OpenAI's servers call the MCP server during the model call, so the whole
 * conversation with it happens inside the one model activity; the workflow sees its items in the result.
 */
export async function simpleHostedMcp(question: string, serverUrl = DEFAULT_MCP_SERVER_URL): Promise<string> {
  const agent = new Agent({
    name: 'Assistant',
    tools: [hostedMcpTool({ serverLabel: 'gitmcp', serverUrl, requireApproval: 'never' })],
  });
  const result = await run(agent, question);
  return result.finalOutput ?? '';
}
