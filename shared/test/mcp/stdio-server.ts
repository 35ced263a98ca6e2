// A small MCP server over stdio for the plugin's MCP tests; Node runs it as it is (type stripping).
// Its notes live in this process only, so they show whether calls share one connection.
// Env: MCP_TEST_LOG, a file it appends `start <pid>` and `exit <pid>` to; MCP_TEST_TENANT, what `whoami` says.
import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const log = (line: string) => {
  if (process.env.MCP_TEST_LOG) appendFileSync(process.env.MCP_TEST_LOG, `${line} ${process.pid}\n`);
};
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

const notes = new Map<string, string>();
const server = new McpServer({ name: 'test-server', version: '1.0.0' });

server.registerTool(
  'add',
  { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
  async ({ a, b }) => text(String(a + b)),
);
server.registerTool(
  'remember',
  { description: 'Keeps a note under a key.', inputSchema: { key: z.string(), value: z.string() } },
  async ({ key, value }) => {
    notes.set(key, value);
    return text(`noted ${key}`);
  },
);
server.registerTool(
  'recall',
  { description: 'Reads the note under a key.', inputSchema: { key: z.string() } },
  async ({ key }) => text(notes.get(key) ?? `no note named ${key}`),
);
server.registerTool('whoami', { description: 'Says which tenant this server serves.' }, async () =>
  text(process.env.MCP_TEST_TENANT ?? 'nobody'),
);
server.registerTool(
  'slow',
  { description: 'Answers after a delay.', inputSchema: { ms: z.number() } },
  async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return text(`waited ${ms} ms`);
  },
);
server.registerTool('crash', { description: 'Ends this server process at once.' }, async () => process.exit(1));
server.registerPrompt(
  'greeting',
  { description: 'A greeting for someone.', argsSchema: { name: z.string() } },
  ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Greet ${name} warmly.` } }] }),
);

log('start');
process.on('exit', () => log('exit'));
// The client closes stdin to end the session.
process.stdin.on('close', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
await server.connect(new StdioServerTransport());
