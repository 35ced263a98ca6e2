// Sample launchers of other folders as a reader runs them (real processes, offline workers): the
// hosted-mcp approval asks why on a rejection, tools' file search runs without a key, and an MCP
// sample whose server is not running names the command that starts it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  freshNamespace,
  repoRoot,
  type SampleProcess,
  sampleEnv,
  startProcess,
  startSample,
  tsxBin,
} from './processes.js';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('sample launchers', () => {
  let env: Record<string, string>;
  const workers: SampleProcess[] = [];

  beforeAll(async () => {
    env = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TEMPORAL_NAMESPACE: await freshNamespace(testEnv().client, 'sample-launchers'),
    };
  });

  afterAll(() => {
    for (const worker of workers) worker.kill();
  });

  async function startWorker(folder: string, extraEnv: Record<string, string> = {}): Promise<void> {
    const worker = startSample(folder, 'src/worker.ts', { ...env, ...extraEnv });
    workers.push(worker);
    await worker.waitForOutput('Ctrl-C stops it.');
  }

  it('hosted-mcp approval: on a terminal, a rejection asks why, and the model is told the reason', async () => {
    await startWorker('hosted-mcp');
    // A terminal for the launcher (script(1) gives it a pseudo-terminal), where a person answers.
    const launcher = startProcess('script', ['-qec', `${tsxBin} src/run-approval.ts`, '/dev/null'], {
      cwd: `${repoRoot}hosted-mcp`,
      env: sampleEnv(env),
    });
    try {
      await launcher.waitForOutput('Approve? [y/N]');
      launcher.child.stdin?.write('n\n');
      await launcher.waitForOutput('Why not?');
      launcher.child.stdin?.write('Not on a Friday\n');
      assert.equal(await launcher.exited, 0, launcher.output());
      assert.match(launcher.output(), /I was not allowed to call fetch_codex_documentation .*\(Not on a Friday\)/);
      assert.match(launcher.output(), /Decisions: mcpr_offline_1 rejected/);
    } finally {
      launcher.kill();
    }
  });

  it('hosted-mcp approval: --reject --reason=... sends that reason without asking', async () => {
    const launcher = startSample('hosted-mcp', 'src/run-approval.ts', env, ['--reject', '--reason=Ask me tomorrow']);
    assert.equal(await launcher.exited, 0, launcher.output());
    assert.match(launcher.output(), /\(Ask me tomorrow\)/);
  });

  it('tools file-search without an id: offline without a key, and with a key it names both ways on', async () => {
    const withKey = startSample('tools', 'src/run-file-search.ts', { ...env, OPENAI_API_KEY: 'sk-test-not-used' });
    assert.equal(await withKey.exited, 1, withKey.output());
    assert.match(withKey.output(), /Which vector store\?/);
    assert.match(withKey.output(), /pnpm --filter tools run file-search offline/);

    const offline = startSample('tools', 'src/run-file-search.ts', env);
    try {
      // No tools worker runs here: it is enough that the launcher started the run instead of failing.
      await offline.waitForOutput('Start the worker in another terminal: pnpm --filter tools run worker');
      assert.match(offline.output(), /^No OPENAI_API_KEY: searching the offline knowledge base/);
    } finally {
      offline.kill();
    }
  });

  it('an MCP server that is not running: the failure names the command that starts it', async () => {
    // Port 9 (discard): nothing listens, as when `serve-tools` was never started.
    await startWorker('mcp', { MCP_TOOLS_SERVER_URL: 'http://127.0.0.1:9' });
    const launcher = startSample('mcp', 'src/run-sse.ts', env);
    assert.equal(await launcher.exited, 1, launcher.output());
    const output = launcher.output();
    assert.match(output, /The workflow failed.*: OpenAIAgents\.MCPServerStartFailed/);
    assert.match(output, /Fix: start the server in another terminal: pnpm --filter mcp run serve-tools/);
  });
});

// Through `pnpm --filter … run …`, pnpm follows a failed script with its ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL
// block. The sample's own failure comes first and its last line says what that block is, so it does
// not read as pnpm crashing; the exit code stays 1.
describe('a failure run through pnpm', () => {
  it.each([
    ['launcher', 'hello-world'],
    ['worker', 'worker'],
  ])('the %s says pnpm only reports its exit code, and exits 1', async (_kind, script) => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    const run = startProcess('pnpm', ['--filter', 'basic', 'run', script], {
      cwd: repoRoot,
      env: sampleEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${address.port}` }),
    });
    try {
      assert.equal(await run.exited, 1, run.output());
      const output = run.output();
      const ours = output.indexOf(`Cannot reach Temporal at 127.0.0.1:${address.port}`);
      const explained = output.indexOf('Exit code 1. pnpm reports that code next (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL)');
      const pnpmBlock = output.lastIndexOf('ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL');
      assert.ok(ours >= 0 && explained > ours && pnpmBlock > explained, output);
    } finally {
      run.kill();
    }
  });
});
