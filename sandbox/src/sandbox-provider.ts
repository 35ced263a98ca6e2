/**
 * The worker's sandbox: agents-core's local Unix client, whose sessions are folders in a temporary
 * folder this worker creates. Commands run in a real shell as the worker's user; the provider's guard
 * refuses commands that name paths outside the session's folder, and the client's file tools refuse
 * paths that leave it (see the README's "Containment").
 */
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnixLocalSandboxClient } from '@openai/agents-core/sandbox/local';
import {
  confineCommandsToWorkspace,
  SandboxClientProvider,
  type SandboxClientProviderOptions,
} from 'openai-agents-temporal';
import { SANDBOX_PROVIDER } from './sandbox-name';

/**
 * A fresh temporary folder for the sandbox sessions (removed at exit if no session is left in it),
 * and the provider that creates them in it.
 */
export function localSandboxProvider(
  baseDir?: string,
  options: SandboxClientProviderOptions = {},
): { provider: SandboxClientProvider; baseDir: string } {
  const sessionsDir = baseDir ?? temporaryFolderRemovedIfEmpty();
  const client = new UnixLocalSandboxClient({
    workspaceBaseDir: sessionsDir,
    // No snapshot: resuming a session after a worker restart keeps the folder as the last command left it.
    // (With the default local snapshot, a resume would put back the files as they were when it was taken.)
    snapshot: { type: 'noop' },
  });
  const provider = new SandboxClientProvider(SANDBOX_PROVIDER, client, {
    commandGuard: confineCommandsToWorkspace,
    ...options,
  });
  return { provider, baseDir: sessionsDir };
}

function temporaryFolderRemovedIfEmpty(): string {
  const folder = mkdtempSync(join(tmpdir(), 'temporal-agents-sandbox-'));
  process.once('exit', () => {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty: a session left in it may be resumed by the next worker. Or already gone.
    }
  });
  return folder;
}
