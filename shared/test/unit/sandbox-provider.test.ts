// The provider's registration, the command guard's rules, and why the sandbox sample's local client takes `snapshot: { type: 'noop' }`:
// agents-core's local client, resumed from state serialised with its default snapshot, puts the
// snapshot back over the files, undoing what commands did since.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Manifest } from '@openai/agents-core/sandbox';
import { UnixLocalSandboxClient, type UnixLocalSandboxClientOptions } from '@openai/agents-core/sandbox/local';
import { describe, it } from 'vitest';
import { SANDBOX_OPERATIONS } from '../../src/common/sandbox.js';
import {
  confineCommandsToWorkspace,
  SandboxClientProvider,
  sandboxProviderActivities,
} from '../../src/worker/sandbox-provider.js';

const guard = (command: string) => confineCommandsToWorkspace(command, { root: '/workspace' });

describe('confineCommandsToWorkspace', () => {
  it('lets commands inside the workspace run', () => {
    for (const command of [
      'ls -la && cat inventory.csv',
      "awk -F, 'NR > 1 { total += $2 } END { print total }' inventory.csv",
      "sed -i 's/^- \\[ \\]/- [x]/' todo.md",
      'cat /workspace/notes.md > /dev/null',
      'mkdir -p src/lib && cd src && ls ./lib',
      'echo a/b >> out.txt',
    ]) {
      assert.equal(guard(command), undefined, command);
    }
  });

  it('refuses commands that name a place outside it, saying why', () => {
    const refused: Array<[string, RegExp]> = [
      ['cat ../secret', /"\.\."/],
      ['cd .. && ls', /"\.\."/],
      ['cat /etc/passwd', /names \/etc\/passwd, which is outside the workspace \/workspace/],
      ['cd /', /names \//],
      ['ls ~', /"~"/],
      ['cat $HOME/.ssh/id_rsa', /\$HOME/],
      ['cd && ls', /bare "cd"/],
      ['cd - && ls', /"cd -"/],
      ['cat $(printf /etc/passwd)', /command substitution/],
      ['cat `echo /etc/passwd`', /command substitution/],
      ["cat $'\\x2e\\x2e/x'", /command substitution/],
      ['echo hi > /tmp/out', /names \/tmp\/out/],
    ];
    for (const [command, reason] of refused) assert.match(guard(command) ?? 'allowed', reason, command);
  });
});

describe('UnixLocalSandboxClient resume and snapshots', () => {
  async function fileAfterResume(options: UnixLocalSandboxClientOptions): Promise<string> {
    const client = new UnixLocalSandboxClient({
      workspaceBaseDir: mkdtempSync(join(tmpdir(), 'snapshot-')),
      ...options,
    });
    const session = await client.create({
      manifest: new Manifest({ entries: { 'notes.md': { type: 'file', content: 'before\n' } } }),
    });
    const serialised = JSON.parse(JSON.stringify(await client.serializeSessionState(session.state)));
    writeFileSync(join(session.state.workspaceRootPath, 'notes.md'), 'after\n');
    const resumed = await client.resume(await client.deserializeSessionState(serialised));
    try {
      return readFileSync(join(resumed.state.workspaceRootPath, 'notes.md'), 'utf8');
    } finally {
      await resumed.close();
    }
  }

  it('with a local snapshot (the default kind), a resume undoes changes made since the state was serialised', async () => {
    // The default keeps snapshots under the home folder; this one keeps them in a temporary folder.
    const baseDir = mkdtempSync(join(tmpdir(), 'snapshots-'));
    assert.equal(await fileAfterResume({ snapshot: { type: 'local', baseDir } }), 'before\n');
  });

  it('with snapshot noop, a resume keeps the folder as it is', async () => {
    assert.equal(await fileAfterResume({ snapshot: { type: 'noop' } }), 'after\n');
  });
});

describe('SandboxClientProvider registration', () => {
  const client = () => new UnixLocalSandboxClient({ snapshot: { type: 'noop' } });

  it('registers one activity per operation, prefixed with its name', () => {
    const names = Object.keys(new SandboxClientProvider('local', client()).activities);
    assert.equal(names.length, SANDBOX_OPERATIONS.length);
    assert.ok(names.includes('sandbox-local-exec-command') && names.includes('sandbox-local-close'), names.join());
  });

  it('refuses two providers with one name, and a name that cannot prefix activity names', () => {
    assert.throws(
      () =>
        sandboxProviderActivities([new SandboxClientProvider('a', client()), new SandboxClientProvider('a', client())]),
      /more than one sandbox client provider is named "a"/,
    );
    assert.throws(() => new SandboxClientProvider('my sandbox', client()), /"my sandbox" is not a usable name/);
  });
});
