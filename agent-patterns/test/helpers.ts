// What both test files need: run a workflow of this folder on a fresh worker (its history replayed and kept).
import { fileURLToPath } from 'node:url';
import type { Workflow } from '@temporalio/common';
import type { AgentsTestEnvironment, ScriptedModelProvider } from 'openai-agents-temporal/testing';

export const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));

export function execute<W extends Workflow>(
  env: AgentsTestEnvironment,
  workflow: W,
  args: Parameters<W>,
  modelProvider: ScriptedModelProvider,
) {
  return env.runWorkflow(workflow, args, { workflowsPath, modelProvider });
}

export function executeExpectingFailure<W extends Workflow>(
  env: AgentsTestEnvironment,
  workflow: W,
  args: Parameters<W>,
  modelProvider: ScriptedModelProvider,
) {
  return env.runFailingWorkflow(workflow, args, { workflowsPath, modelProvider });
}
