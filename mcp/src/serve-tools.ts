// The tools server for the SSE and streamable HTTP samples: `pnpm --filter mcp run serve-tools [--port 8000]`.
import { portArgument, serveMcp } from './servers/http';
import { createToolsServer } from './servers/tools';

const running = await serveMcp(createToolsServer, {
  host: process.env.MCP_SERVER_HOST ?? '127.0.0.1',
  port: portArgument('MCP_TOOLS_SERVER_PORT', 8000),
});
console.log(`MCP tools server: streamable HTTP at ${running.url}/mcp, SSE at ${running.url}/sse (Ctrl-C stops it)`);
