// The worker's temporary sessions folder: gone when the worker exits with no session left in it, kept
// when a session is (the next worker may resume it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const providerModule = fileURLToPath(new URL('../src/sandbox-provider.ts', import.meta.url));

function sessionsFolderOfAProcess(leaveASession: boolean): string {
  const script = [
    `import { writeFileSync } from 'node:fs';`,
    `import { localSandboxProvider } from ${JSON.stringify(providerModule)};`,
    'const { baseDir } = localSandboxProvider();',
    leaveASession ? `writeFileSync(baseDir + '/session-left', '');` : '',
    'console.log(baseDir);',
  ].join('\n');
  return execFileSync(tsx, ['--eval', script], { encoding: 'utf8' }).trim();
}

describe("the sandbox worker's sessions folder", () => {
  it('is removed at exit when empty', () => {
    const folder = sessionsFolderOfAProcess(false);
    assert.match(folder, /temporal-agents-sandbox-/);
    assert.equal(existsSync(folder), false, `${folder} was left behind`);
  });

  it('is kept at exit while a session is in it', () => {
    const folder = sessionsFolderOfAProcess(true);
    try {
      assert.equal(existsSync(`${folder}/session-left`), true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
