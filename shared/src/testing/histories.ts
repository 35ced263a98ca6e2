/**
 * Finished histories kept for replay: one JSON file per run, with the workflows module it ran
 * against (relative to the file, so a folder of them can move or be committed as fixtures) and the
 * plugin's model parameters (`useLocalActivity` changes the history). A replay suite replays them
 * against the current workflow code, so a change that breaks determinism for runs in flight fails.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { ModelActivityParameters } from '../common/model-params.js';

export interface KeptHistory {
  /** The workflows module the history ran against: absolute when read, relative to the file on disk. */
  workflowsPath: string;
  workflowId: string;
  workflowType: string;
  modelParams?: ModelActivityParameters;
  history: History;
}

export function writeKeptHistory(file: string, kept: KeptHistory): void {
  mkdirSync(dirname(file), { recursive: true });
  const { history, ...rest } = kept;
  rest.workflowsPath = relative(dirname(resolve(file)), resolve(kept.workflowsPath));
  const body = `${JSON.stringify(rest).slice(0, -1)},"history":${historyToJSON(history)}}\n`;
  writeFileSync(file, body);
}

/** Writes one finished history into `folder`; returns the file. */
export function keepHistory(
  folder: string,
  run: { workflowsPath: string; workflowId: string; history: History; modelParams?: ModelActivityParameters },
): string {
  const workflowType =
    run.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown-workflow';
  const file = join(folder, `${workflowType}--${run.workflowId.replace(/[^\w.-]/g, '_')}.json`);
  const kept: KeptHistory = {
    workflowsPath: run.workflowsPath,
    workflowId: run.workflowId,
    workflowType,
    history: run.history,
  };
  if (run.modelParams) kept.modelParams = run.modelParams;
  writeKeptHistory(file, kept);
  return file;
}

export function readKeptHistory(file: string): KeptHistory {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<KeptHistory, 'history'> & { history: unknown };
  return { ...raw, workflowsPath: resolve(dirname(file), raw.workflowsPath), history: historyFromJSON(raw.history) };
}

/** The kept histories (`*.json`) in these folders, as sorted file paths; missing folders are skipped. */
export function listKeptHistories(folders: string[]): string[] {
  const files: string[] = [];
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.json')) files.push(join(dir, name));
  }
  return files.sort();
}
