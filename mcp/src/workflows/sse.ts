import { askToolsServer } from './tools-server-agent';

/** The tools server over SSE (`MCPServerSSE` in the worker's `SseServer` provider). */
export async function sse(): Promise<string[]> {
  return askToolsServer('SSE Assistant', 'SseServer');
}
