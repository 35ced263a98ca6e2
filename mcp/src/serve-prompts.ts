// The prompt server for the prompt-server sample: `pnpm --filter mcp run serve-prompts [--port 8001]`.
import { portArgument, serveMcp } from './servers/http';
import { createPromptServer } from './servers/prompts';

const running = await serveMcp(createPromptServer, {
  host: process.env.MCP_SERVER_HOST ?? '127.0.0.1',
  port: portArgument('MCP_PROMPT_SERVER_PORT', 8001),
});
console.log(`MCP prompt server: streamable HTTP at ${running.url}/mcp (Ctrl-C stops it)`);
