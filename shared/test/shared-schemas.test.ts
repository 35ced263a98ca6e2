// agents-core's schemas built once per workflow bundle (AGENTS_CORE_SHARED_SCHEMAS): later workflows on
// a worker get the objects the first one built, and parse and write run state as before.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ScriptedModelProvider, textResponse, useAgentsTestEnvironment } from '../src/testing/index.js';
import { sharedSchemaConstants } from '../src/worker/agents-core-shared-schemas.js';
import * as workflows from './workflows/shared-schemas.js';

const workflowsPath = fileURLToPath(new URL('./workflows/shared-schemas.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('agents-core schemas built once per bundle', () => {
  it('a second workflow on the worker gets the schema objects the first one built, and parses with them', async () => {
    const results = await testEnv().withWorker({ workflowsPath }, async (taskQueue) => {
      const seen: { workflowId: string; firstSeenBy: string; parsed: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const workflowId = `schemas-${randomUUID()}`;
        const result = await testEnv().client.workflow.execute(workflows.userMessageSchemaFirstSeenBy, {
          taskQueue,
          workflowId,
        });
        seen.push({ workflowId, ...result });
      }
      return seen;
    });
    const [first, ...later] = results;
    assert.ok(first);
    assert.equal(first.firstSeenBy, first.workflowId);
    for (const result of later) assert.equal(result.firstSeenBy, first.workflowId, 'the same schema object');
    for (const result of results) assert.equal(result.parsed, '"hello"');
  });

  it('run state written and read back in each of several workflows on one worker, and the histories replay', async () => {
    const questions = ['one', 'two', 'three'];
    const modelProvider = new ScriptedModelProvider(questions.map((question) => textResponse(`answer ${question}`)));
    const workflowIds: string[] = [];
    const results = await testEnv().withWorker({ workflowsPath, modelProvider }, async (taskQueue) => {
      const answers = [];
      for (const question of questions) {
        const workflowId = `round-trip-${randomUUID()}`;
        workflowIds.push(workflowId);
        answers.push(
          await testEnv().client.workflow.execute(workflows.runStateRoundTrip, {
            taskQueue,
            workflowId,
            args: [question],
          }),
        );
      }
      return answers;
    });
    assert.deepEqual(
      results.map((result) => result.answer),
      questions.map((question) => `answer ${question}`),
    );
    for (const result of results) {
      assert.equal(result.history.length, 2);
      assert.deepEqual(result.historyReadBack, result.history);
    }
    for (const workflowId of workflowIds) await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
  });

  it('the plugin wraps each shared constant of the bundle in the cache, and nothing else', async () => {
    const { code } = await testEnv().bundle(workflowsPath);
    const keys = [...code.matchAll(/__openaiAgentsTemporalSharedSchema\("([^"]+)"/g)].map((match) => match[1]);
    const modules = new Set(keys.map((key) => key?.split(':')[0]));
    assert.deepEqual([...modules].sort(), [
      'agents-core/mcpShared',
      'agents-core/runState',
      'agents-core/runner/steps',
      'agents-core/types/protocol',
    ]);
    assert.ok(keys.includes('agents-core/runState:SerializedRunState'));
    assert.ok(keys.includes('agents-core/types/protocol:UserMessageItem'));
    assert.equal(new Set(keys).size, keys.length, 'each constant once');
  });
});

describe('sharedSchemaConstants', () => {
  const program = (source: string) => parse(source, { ecmaVersion: 'latest', sourceType: 'module', ranges: true });

  it('shares calls that refer only to z, pure references and each other; leaves out what depends on anything else', () => {
    const source = [
      "import { z } from 'zod';",
      'let counter = 0;',
      'const helper = (value) => value;',
      'const Base = z.object({ id: z.string() });',
      'export const Item = Base.extend({ n: z.number() });',
      'const Counted = z.string().refine(() => counter++ >= 0);',
      'const Uses = z.object({ item: Item, counted: Counted });',
      'const Checked = z.string().refine((value) => helper(value) !== undefined);',
      'const cache = new Map();',
      'const registry = makeRegistry();',
      'const Lazy = z.lazy(() => Later);',
      'const Later = z.object({ self: z.lazy(() => Later) });',
    ].join('\n');
    const names = (pureReferences: string[]) =>
      sharedSchemaConstants(program(source), { pureReferences }).map((constant) => constant.name);
    assert.deepEqual(names([]), ['Base', 'Item', 'Lazy', 'Later']);
    assert.deepEqual(names(['helper', 'undefined']), ['Base', 'Item', 'Checked', 'Lazy', 'Later']);
  });
});
