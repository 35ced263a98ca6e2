// The README's by-hand flow in a new terminal on a machine whose Node is older than 22: a clean bash
// (no profile, no rc, only HOME and a PATH whose node is the system's), `source scripts/activate`,
// then `pnpm temporal`, the basic worker and the hello-world launcher, each as printed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { describe, it } from 'vitest';
import { repoRoot, startProcess } from './processes.js';

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

function systemNodeMajor(): number {
  try {
    const version = execFileSync('node', ['--version'], { env: { PATH: SYSTEM_PATH } }).toString();
    return Number(/^v(\d+)/.exec(version)?.[1]);
  } catch {
    return 0;
  }
}

describe('a fresh shell', () => {
  // Where the system Node is older than 22 (here /usr/bin/node v20), activate must put the bootstrap's Node first.
  it('runs the by-hand flow as the README prints it: source scripts/activate, pnpm temporal, worker, launcher', async () => {
    const port = await freePort();
    const uiPort = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'fresh-shell-')), 'dev.db');
    const script = [
      `cd ${JSON.stringify(repoRoot)}`,
      'source scripts/activate || exit 1',
      // A failing command must not close this shell: activate changes no shell options.
      'false; echo "still open after a failing command"',
      `export TEMPORAL_ADDRESS=127.0.0.1:${port}`,
      `pnpm temporal --port ${port} --ui-port ${uiPort} --db-filename ${JSON.stringify(db)} &`,
      `until (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null; do sleep 0.5; done`,
      'pnpm --filter basic run worker &',
      'pnpm --filter basic run hello-world',
      'echo "LAUNCHER EXIT $?"',
      'wait',
    ].join('\n');
    const shell = startProcess(
      '/usr/bin/env',
      ['-i', `HOME=${homedir()}`, `PATH=${SYSTEM_PATH}`, 'bash', '--noprofile', '--norc', '-c', script],
      { cwd: repoRoot, env: {} },
    );
    try {
      await shell.waitForOutput(/LAUNCHER EXIT \d+/, 240_000);
      const output = shell.output();
      const nodeMajor = Number(
        /^Node v(\d+)\.\d+\.\d+, pnpm \d+\.\d+\.\d+\. Next, at the repo root: pnpm temporal/m.exec(output)?.[1],
      );
      assert.ok(
        nodeMajor >= 22,
        `activate leaves Node ${nodeMajor} (the system's is ${systemNodeMajor()}):\n${output}`,
      );
      assert.match(output, /still open after a failing command/);
      assert.match(
        output,
        new RegExp(`basic worker: Temporal 127\\.0\\.0\\.1:${port}, namespace default, task queue `),
      );
      assert.match(output, /LAUNCHER EXIT 0/, output);

      const workflowId =
        /See the run in the Temporal UI: http:\/\/localhost:\d+\/namespaces\/default\/workflows\/(hello-world-\d+)\//.exec(
          output,
        )?.[1];
      assert.ok(workflowId, output);
      const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
      try {
        const result = await new Client({ connection }).workflow.getHandle<() => Promise<string>>(workflowId).result();
        assert.ok(result.length > 0);
        assert.ok(output.includes(result), `the launcher printed the run's result:\n${output}`);
      } finally {
        await connection.close();
      }
    } finally {
      shell.kill();
      await shell.exited;
    }
  }, 300_000);
});
