// Replays every history the test suites kept, and every committed fixture, against the current
// workflow code. Runs after all packages' tests (scripts/test). A failure here means a change would
// break workflows already running in production.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { describe, it } from 'vitest';
import type { ModelActivityParameters } from '../src/common/model-params.js';
import { quietBundlerLogger } from '../src/testing/environment.js';
import { listKeptHistories, readKeptHistory } from '../src/testing/histories.js';
import { replayHistory } from '../src/testing/replay.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const root = join(import.meta.dirname, '..', '..');
const packages = readdirSync(root, { withFileTypes: true }).filter(
  (entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules',
);
const files = listKeptHistories(
  packages.flatMap(({ name }) => [
    join(root, name, '.test-results', 'histories'),
    join(root, name, 'test', 'fixtures', 'histories'),
  ]),
);
const bundles = new Map<string, Promise<WorkflowBundle>>();

/** One bundle per workflows module and model parameters (local model activities change the history). */
function bundleFor(workflowsPath: string, modelParams: ModelActivityParameters = {}): Promise<WorkflowBundle> {
  const key = `${workflowsPath}\n${JSON.stringify(modelParams)}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      plugins: [new OpenAIAgentsPlugin({ modelParams })],
      logger: quietBundlerLogger,
    });
    bundles.set(key, bundle);
  }
  return bundle;
}

describe('replay of every kept history and fixture', () => {
  it('found histories to replay (run the package tests first)', () => {
    assert.ok(files.length > 0, 'no kept histories: scripts/test runs the package tests before this suite');
  });
  for (const file of files) {
    it(relative(root, file), async () => {
      const kept = readKeptHistory(file);
      await replayHistory(
        kept.history,
        { workflowBundle: await bundleFor(kept.workflowsPath, kept.modelParams) },
        kept.workflowId,
      );
    });
  }
});

// Credentials live in the worker's environment and must never be written into a history. The tests use
// OpenAI-style keys (sk-...), so any such string in any kept history is a leak.
describe('no credentials in any kept history', () => {
  it(`scanned ${files.length} histories`, () => {
    const leaks = files.filter((file) => /sk-[\w-]{16,}/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(leaks, []);
  });
});
