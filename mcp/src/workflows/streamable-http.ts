import { askToolsServer } from './tools-server-agent';

/** The tools server over streamable HTTP (`MCPServerStreamableHttp` in the worker's `StreamableHttpServer` provider). */
export async function streamableHttp(): Promise<string[]> {
  return askToolsServer('Streamable HTTP Assistant', 'StreamableHttpServer');
}
