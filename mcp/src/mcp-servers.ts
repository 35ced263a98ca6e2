/**
 * The MCP servers of this folder, as the worker's providers. The workflows name them:
 * statelessMcpServer('FileSystemServer'), statefulMcpServer('MemoryServer'), and so on.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCPServerSSE, MCPServerStdio, MCPServerStreamableHttp } from '@openai/agents-core';
import { MCPFailureTypes, StatefulMCPServerProvider, StatelessMCPServerProvider } from 'openai-agents-temporal';

/** The only folder the filesystem server may read. */
export const SAMPLE_FILES = fileURLToPath(new URL('../sample-files', import.meta.url));

/** Where the tools server runs (`pnpm --filter mcp run serve-tools`). */
export function toolsServerUrl(): string {
  return process.env.MCP_TOOLS_SERVER_URL ?? `http://127.0.0.1:${process.env.MCP_TOOLS_SERVER_PORT ?? 8000}`;
}

/** Where the prompt server runs (`pnpm --filter mcp run serve-prompts`). */
export function promptServerUrl(): string {
  return process.env.MCP_PROMPT_SERVER_URL ?? `http://127.0.0.1:${process.env.MCP_PROMPT_SERVER_PORT ?? 8001}`;
}

/** A launcher's advice when this folder's HTTP server is not running: the command that starts it. */
export function startServerFix(script: 'serve-tools' | 'serve-prompts'): Record<string, string> {
  return {
    [MCPFailureTypes.serverStartFailed]:
      `start the server in another terminal: pnpm --filter mcp run ${script} (after source scripts/activate), ` +
      'then run this launcher again.',
  };
}

/**
 * An npm MCP server started over stdio: the copy installed with this folder (no download), else
 * `npx -y <package>` as the Python samples do.
 */
function npmServer(packageName: string, args: string[]): { command: string; args: string[] } {
  try {
    const manifestPath = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
    const [bin] = Object.values(manifest.bin);
    if (bin) return { command: process.execPath, args: [join(dirname(manifestPath), bin), ...args] };
  } catch {
    // Not installed here: fall through to npx.
  }
  return { command: 'npx', args: ['-y', packageName, ...args] };
}

export interface ServerLocations {
  toolsServerUrl?: string;
  promptServerUrl?: string;
}

export function mcpServerProviders(locations: ServerLocations = {}) {
  const tools = locations.toolsServerUrl ?? toolsServerUrl();
  const prompts = locations.promptServerUrl ?? promptServerUrl();
  return [
    new StatelessMCPServerProvider(
      'FileSystemServer',
      () =>
        new MCPServerStdio({
          name: 'FileSystemServer',
          ...npmServer('@modelcontextprotocol/server-filesystem', [SAMPLE_FILES]),
        }),
    ),
    // Each connection gets its own memory file, so the notes live exactly as long as the connection:
    // one workflow run, through the stateful provider.
    new StatefulMCPServerProvider('MemoryServer', () => new ScratchpadMemoryServer()),
    new StatelessMCPServerProvider(
      'PromptServer',
      () => new MCPServerStreamableHttp({ name: 'PromptServer', url: `${prompts}/mcp` }),
    ),
    new StatelessMCPServerProvider('SseServer', () => new MCPServerSSE({ name: 'SseServer', url: `${tools}/sse` })),
    new StatelessMCPServerProvider(
      'StreamableHttpServer',
      () => new MCPServerStreamableHttp({ name: 'StreamableHttpServer', url: `${tools}/mcp` }),
    ),
  ];
}

/** The npm memory server, keeping its notes in a file of its own that goes when the connection closes. */
class ScratchpadMemoryServer extends MCPServerStdio {
  readonly #file: string;

  constructor(file = join(tmpdir(), `mcp-memory-${randomUUID()}.jsonl`)) {
    super({
      name: 'MemoryServer',
      ...npmServer('@modelcontextprotocol/server-memory', []),
      env: { ...pathEnv(), MEMORY_FILE_PATH: file },
    });
    this.#file = file;
  }

  override async close(): Promise<void> {
    await super.close();
    rmSync(this.#file, { force: true });
  }
}

/** A server given its own `env` gets no other variables; keep PATH and HOME so `npx` still works. */
function pathEnv(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
