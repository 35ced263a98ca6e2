/** The prompt server of the prompt-server sample: instructions for a code reviewer, made to order. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const userMessage = (text: string) => ({
  messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }],
});

export function createPromptServer(): McpServer {
  const server = new McpServer({ name: 'sample-prompts', version: '1.0.0' });
  server.registerPrompt(
    'generate_code_review_instructions',
    {
      description: 'Instructions for an agent that reviews code.',
      argsSchema: {
        focus: z.string().describe('What the review looks for, e.g. "security vulnerabilities".'),
        language: z.string().describe('The language of the code under review.'),
      },
    },
    ({ focus, language }) =>
      userMessage(
        `You are a senior ${language} code reviewer. Focus on ${focus}. For each finding, quote the line, ` +
          'say why it is a problem and how bad it is, and show a corrected version. End with a one-line verdict.',
      ),
  );
  server.registerPrompt(
    'generate_review_rubric',
    {
      description: 'A scoring rubric for a review.',
      argsSchema: { target: z.string().describe('What is being reviewed.') },
    },
    ({ target }) =>
      userMessage(
        `Score the review of ${target} from 1 to 5 on correctness, severity ranking and actionable fixes, ` +
          'with one sentence per score.',
      ),
  );
  return server;
}
