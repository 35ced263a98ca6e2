// `@temporalio/testing` is an optional peer: an app without it can still load the testing entry, replay a
// history and script a model; only starting a test environment needs it, and then says what to install.
// The built package runs in a child process whose module resolution cannot find `@temporalio/testing`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const sharedDir = new URL('../..', import.meta.url);

/** A resolve hook for node's module.register: `@temporalio/testing` is not installed. */
const WITHOUT_TEMPORAL_TESTING = `
export async function resolve(specifier, context, next) {
  if (specifier === '@temporalio/testing' || specifier.startsWith('@temporalio/testing/')) {
    const error = new Error("Cannot find package '@temporalio/testing'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;

const APP = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(WITHOUT_TEMPORAL_TESTING)}));
const { readKeptHistory, replayHistory, ScriptedModelProvider, textResponse, useAgentsTestEnvironment } =
  await import('openai-agents-temporal/testing');
const kept = readKeptHistory('test/fixtures/histories/handoff-with-runner.json');
await replayHistory(kept.history, { workflowsPath: kept.workflowsPath }, kept.workflowId);
const model = new ScriptedModelProvider([textResponse('hi')]).getModel();
const answer = await model.getResponse({ input: 'hello', modelSettings: {}, tools: [], handoffs: [], outputType: 'text', tracing: false });
let startEnvironment;
useAgentsTestEnvironment({ beforeAll: (fn) => { startEnvironment = fn; }, afterAll: () => {} });
const started = await startEnvironment().then(() => 'started', (error) => error.message);
console.log(JSON.stringify({ replayed: true, answer: answer.output.length, started }));
`;

describe('the testing entry without its optional peer @temporalio/testing', () => {
  it('replays and scripts a model; the test environment says what to install', { timeout: 120_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', APP], {
      cwd: sharedDir,
      timeout: 110_000,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    assert.equal(outcome.replayed, true);
    assert.equal(outcome.answer, 1);
    assert.match(String(outcome.started), /needs @temporalio\/testing, an optional peer dependency/);
    assert.match(String(outcome.started), /npm install -D @temporalio\/testing/);
  });
});
