/**
 * A SandboxAgent with a shell and a filesystem, working in a sandbox folder on the worker. Every
 * sandbox operation (create the session, each command, each edit, each read, close) is an activity of
 * the worker's `SandboxClientProvider` named `local`, shown in the history with what it does.
 */
import { run } from '@openai/agents';
import { Manifest, SandboxAgent, type SandboxDirectoryEntry } from '@openai/agents/sandbox';
import {
  type TemporalSandboxSession,
  temporalSandboxCapabilities,
  temporalSandboxClient,
} from 'openai-agents-temporal/workflow';
import { SANDBOX_PROVIDER } from '../sandbox-name';

/** The files the sandbox starts with: a tiny inventory and a to-do list for the agent. */
export const STARTER_FILES: Record<string, string> = {
  'inventory.csv': 'item,count\napples,12\npears,7\nplums,23\n',
  'todo.md': '- [ ] count the items in inventory.csv\n- [ ] write the total to summary.md\n',
};

export const INSTRUCTIONS =
  'You have a sandbox with a shell and a filesystem. Do the work with them rather than answering from ' +
  'memory: inspect the files, change them, then say what you did and what the commands returned. Stay in ' +
  'the workspace: use paths relative to it.';

export interface LocalSandboxResult {
  /** The agent's final answer. */
  answer: string;
  /** Each sandbox tool call the agent made, in order: `exec_command: <cmd>`, `apply_patch: create_file summary.md`. */
  actions: string[];
  /** Every file in the workspace after the run, read back through the sandbox, by path. */
  files: Record<string, string>;
}

export async function localSandbox(prompt: string): Promise<LocalSandboxResult> {
  const client = temporalSandboxClient(SANDBOX_PROVIDER);
  const manifest = new Manifest({
    entries: Object.fromEntries(
      Object.entries(STARTER_FILES).map(([path, content]) => [path, { type: 'file' as const, content }]),
    ),
  });
  // The workflow creates the session (one activity) and closes it itself, so it can read the files back first.
  const session = await client.create({ manifest });
  try {
    const agent = new SandboxAgent({
      name: 'Sandbox Assistant',
      instructions: INSTRUCTIONS,
      capabilities: temporalSandboxCapabilities(),
    });
    const result = await run(agent, prompt, { sandbox: { client, session } });
    return {
      answer: String(result.finalOutput ?? ''),
      actions: result.newItems.flatMap((item) => {
        const raw = item.rawItem;
        if (raw.type === 'function_call') return [`${raw.name}: ${commandOf(raw.arguments)}`];
        if (raw.type === 'apply_patch_call') return [`apply_patch: ${raw.operation.type} ${raw.operation.path}`];
        return [];
      }),
      files: await readWorkspace(session),
    };
  } finally {
    await session.close();
  }
}

/** The `cmd` of an exec_command call, else its arguments as they are. */
function commandOf(rawArguments: string): string {
  try {
    const parsed = JSON.parse(rawArguments) as { cmd?: unknown };
    return typeof parsed.cmd === 'string' ? parsed.cmd : rawArguments;
  } catch {
    return rawArguments;
  }
}

async function readWorkspace(session: TemporalSandboxSession, folder = '.'): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries: SandboxDirectoryEntry[] = await session.listDir({ path: folder });
  for (const entry of entries) {
    if (entry.type === 'dir') Object.assign(files, await readWorkspace(session, entry.path));
    if (entry.type !== 'file') continue;
    const content = await session.readFile({ path: entry.path });
    files[entry.path] = typeof content === 'string' ? content : new TextDecoder().decode(content);
  }
  return files;
}
