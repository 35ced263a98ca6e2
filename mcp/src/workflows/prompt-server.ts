import { Agent, run } from '@openai/agents';
import { statelessMcpServer } from 'openai-agents-temporal/workflow';

export const CODE_UNDER_REVIEW = `import os

def greet(user_input):
    os.system(f"echo Hello {user_input}")
`;

/**
 * The agent's instructions come from an MCP prompt: the workflow lists the prompt server's prompts,
 * gets `generate_code_review_instructions` filled in for a focus and a language (both activities),
 * and gives the text to a code reviewer agent.
 */
export async function promptServer(
  focus = 'security vulnerabilities',
  language = 'python',
): Promise<{ prompts: string[]; instructions: string; review: string }> {
  const server = statelessMcpServer('PromptServer');
  const { prompts } = await server.listPrompts();
  const prompt = await server.getPrompt('generate_code_review_instructions', { focus, language });
  const instructions = prompt.messages
    .map((message) => (message.content.type === 'text' ? String(message.content.text) : ''))
    .join('\n');
  const reviewer = new Agent({ name: 'Code Reviewer Agent', instructions });
  const result = await run(reviewer, `Review this code:\n\n${CODE_UNDER_REVIEW}`);
  return {
    prompts: prompts.map((p) => `${p.name}: ${p.description ?? ''}`),
    instructions,
    review: result.finalOutput ?? '',
  };
}
