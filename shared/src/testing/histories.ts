/**
 * Finished histories kept for replay. Every sample test keeps the histories it produced under
 * `<package>/.test-results/histories/`; committed fixtures live in `<package>/test/fixtures/histories/`.
 * The replay suite (test/replay-all.test.ts at the repo root) replays all of them against the
 * current workflow code, so a change that breaks determinism for runs in flight fails CI.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { ModelActivityParameters } from '../common/model-params';

type History = temporal.api.history.v1.IHistory;

export interface KeptHistory {
  /** The workflows module the history ran against, relative to the repo root. */
  workflowsPath: string;
  workflowId: string;
  workflowType: string;
  /** The plugin's model parameters the run used (JSON part only): `useLocalActivity` changes the history. */
  modelParams?: ModelActivityParameters;
  history: History;
}

/** The repo root: the nearest folder above `from` that holds pnpm-workspace.yaml. */
export function repoRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    try {
      readFileSync(join(dir, 'pnpm-workspace.yaml'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
      dir = parent;
    }
  }
}

export function keptHistoriesDir(packageDir = process.cwd()): string {
  return join(packageDir, '.test-results', 'histories');
}

export function writeKeptHistory(file: string, kept: KeptHistory): void {
  mkdirSync(dirname(file), { recursive: true });
  const { history, ...rest } = kept;
  const body = `${JSON.stringify(rest).slice(0, -1)},"history":${historyToJSON(history)}}\n`;
  writeFileSync(file, body);
}

/** Keeps a finished history from this test run for the replay suite. */
export function keepHistory(
  workflowsPath: string,
  workflowId: string,
  history: History,
  modelParams?: ModelActivityParameters,
): string {
  const workflowType =
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown-workflow';
  const file = join(keptHistoriesDir(), `${workflowType}--${workflowId.replace(/[^\w.-]/g, '_')}.json`);
  const kept: KeptHistory = { workflowsPath: relative(repoRoot(), workflowsPath), workflowId, workflowType, history };
  if (modelParams) kept.modelParams = modelParams;
  writeKeptHistory(file, kept);
  return file;
}

export function readKeptHistory(file: string): KeptHistory {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<KeptHistory, 'history'> & { history: unknown };
  return { ...raw, history: historyFromJSON(raw.history) };
}

/** Every kept history and committed fixture in the repo, as file paths. */
export function listKeptHistories(root = repoRoot()): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    for (const dir of [
      keptHistoriesDir(join(root, entry.name)),
      join(root, entry.name, 'test', 'fixtures', 'histories'),
    ]) {
      try {
        for (const name of readdirSync(dir)) if (name.endsWith('.json')) files.push(join(dir, name));
      } catch {
        // no histories in this package
      }
    }
  }
  return files.sort();
}
