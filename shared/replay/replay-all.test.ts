// Replays every history the test suites kept, and every committed fixture, against the current
// workflow code. Runs after all packages' tests (scripts/test). A failure here means a change would
// break workflows already running in production.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { describe, it } from 'vitest';
import { quietBundlerLogger } from '../src/testing/environment.js';
import { type KeptHistory, listKeptHistories, readKeptHistory } from '../src/testing/histories.js';
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
function bundleKey(kept: Omit<KeptHistory, 'history'>): string {
  return `${kept.workflowsPath}\n${JSON.stringify(kept.modelParams ?? {})}`;
}

function bundleFor(kept: Omit<KeptHistory, 'history'>): Promise<WorkflowBundle> {
  const key = bundleKey(kept);
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: kept.workflowsPath,
      plugins: [new OpenAIAgentsPlugin({ modelParams: kept.modelParams ?? {} })],
      logger: quietBundlerLogger,
    });
    bundles.set(key, bundle);
  }
  return bundle;
}

// The histories of one bundle replay in one replay worker. A replay worker per history would parse the
// bundle's source map again each time (the SDK keeps every parse), which runs out of wasm memory after
// several hundred histories. Each history is read when its turn comes, so few are in memory at once.
type KeptRun = Omit<KeptHistory, 'history'>;
const runByFile = new Map<string, KeptRun>();
const filesByBundle = new Map<string, string[]>();
for (const file of files) {
  const { history: _history, ...run } = readKeptHistory(file);
  runByFile.set(file, run);
  const key = bundleKey(run);
  filesByBundle.set(key, [...(filesByBundle.get(key) ?? []), file]);
}
const groupReplays = new Map<string, Promise<Map<string, Error | undefined>>>();

async function* historiesOf(group: string[]) {
  for (const file of group) {
    const { workflowId, history } = readKeptHistory(file);
    yield { workflowId, history };
  }
}

/** Replays every history of the file's bundle once; the error (or none) of each file. */
function replayGroupOf(file: string): Promise<Map<string, Error | undefined>> {
  const run = runByFile.get(file) as KeptRun;
  const key = bundleKey(run);
  let replay = groupReplays.get(key);
  if (!replay) {
    const group = filesByBundle.get(key) ?? [file];
    replay = (async () => {
      const outcome = new Map<string, Error | undefined>();
      const results = Worker.runReplayHistories(
        { workflowBundle: await bundleFor(run), plugins: [new OpenAIAgentsPlugin()] },
        historiesOf(group),
      );
      // One result per history, in order (workflow ids repeat across the files of one test).
      let index = 0;
      for await (const result of results) outcome.set(group[index++] as string, result.error);
      return outcome;
    })();
    groupReplays.set(key, replay);
  }
  return replay;
}

describe('replay of every kept history and fixture', () => {
  it('found histories to replay (run the package tests first)', () => {
    assert.ok(files.length > 0, 'no kept histories: scripts/test runs the package tests before this suite');
  });
  for (const file of files) {
    // The first history of a bundle waits for the whole group's replay.
    it(relative(root, file), { timeout: 30 * 60_000 }, async () => {
      const outcome = await replayGroupOf(file);
      assert.ok(outcome.has(file), 'the history was replayed');
      const error = outcome.get(file);
      if (error) throw error;
    });
  }
});

// Credentials live in the worker's environment and must never be written into a history. The tests use
// OpenAI-style keys (sk-...), so any such word in any kept history is a leak (a word: a workflow id such as
// travelDesk-<uuid> is none).
describe('no credentials in any kept history', () => {
  it(`scanned ${files.length} histories`, () => {
    const leaks = files.filter((file) => /\bsk-[\w-]{16,}/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(leaks, []);
  });
});
