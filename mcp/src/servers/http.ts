/**
 * Serves an MCP server over HTTP on one port, on both transports the samples use:
 *   - streamable HTTP at `/mcp` (stateless: a fresh server for every request);
 *   - SSE at `/sse`, with the client's messages posted to `/messages?sessionId=...`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface RunningMcpServer {
  /** The base URL: streamable HTTP is at `${url}/mcp`, SSE at `${url}/sse`. */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

export async function serveMcp(build: () => McpServer, options: ServeOptions = {}): Promise<RunningMcpServer> {
  const sseSessions = new Map<string, SSEServerTransport>();

  async function streamableHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      // Stateless: no server-initiated stream to GET, no session to DELETE.
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  async function sse(res: ServerResponse): Promise<void> {
    const transport = new SSEServerTransport('/messages', res);
    sseSessions.set(transport.sessionId, transport);
    res.on('close', () => sseSessions.delete(transport.sessionId));
    await build().connect(transport);
  }

  const http = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
    const handled =
      pathname === '/mcp'
        ? streamableHttp(req, res)
        : pathname === '/sse' && req.method === 'GET'
          ? sse(res)
          : pathname === '/messages' && req.method === 'POST'
            ? (sseSessions.get(searchParams.get('sessionId') ?? '')?.handlePostMessage(req, res) ??
              Promise.resolve(void res.writeHead(404).end('unknown SSE session')))
            : Promise.resolve(void res.writeHead(404).end());
    handled.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, resolve);
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** `--port N` from the command line, else the environment variable, else the default. */
export function portArgument(envName: string, fallback: number): number {
  const flag = process.argv.indexOf('--port');
  const value = flag >= 0 ? process.argv[flag + 1] : process.env[envName];
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0) throw new Error(`Not a port number: ${value}`);
  return port;
}
