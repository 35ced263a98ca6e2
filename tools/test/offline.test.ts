// Every sample once with the folder's offline answers and the launchers' inputs: what the worker does
// without OPENAI_API_KEY.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import { offlineAnswers } from '../src/offline-answers';
import { codeInterpreter, fileSearch, imageGeneration, webSearch } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const offlineWorker = { workflowsPath, activities, modelProvider: offlineModelProvider(offlineAnswers) };

describe('offline model (the worker without OPENAI_API_KEY)', () => {
  it('code interpreter: shows the code and works out the launcher’s sum', async () => {
    const { result } = await testEnv().runWorkflow(
      codeInterpreter,
      ['What is the square root of 273 * 312821 plus 1782?'],
      offlineWorker,
    );
    const expected = Math.sqrt(273 * 312821) + 1782;
    assert.equal(result.runs.length, 1);
    assert.match(result.runs[0]?.code ?? '', /math\.sqrt\(273 \* 312821\) \+ 1782/);
    assert.deepEqual(result.runs[0]?.logs, [String(expected)]);
    assert.ok(result.answer.includes(expected.toFixed(4)), result.answer);
  });

  it('file search: finds passages in the shipped documents, whatever the store id', async () => {
    const { result } = await testEnv().runWorkflow(
      fileSearch,
      ['Be concise, and tell me 1 sentence about Arrakis I might not know.', 'offline'],
      offlineWorker,
    );
    assert.equal(result.results.length, 3, 'the tool asks for three results at most');
    assert.ok(result.results.every(({ filename }) => filename.endsWith('.md')));
    assert.match(result.answer, /Arrakis/);
  });

  it('image generation: the worker saves the small offline picture and the workflow returns its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tools-offline-images-'));
    const saved = process.env.IMAGE_OUTPUT_DIR;
    process.env.IMAGE_OUTPUT_DIR = dir;
    try {
      const { result } = await testEnv().runWorkflow(
        imageGeneration,
        ['Create an image of a frog eating a pizza, comic book style.'],
        offlineWorker,
      );
      assert.equal(result.images.length, 1);
      assert.equal(result.images[0]?.format, 'png');
      assert.ok(result.images[0]?.path.startsWith(dir));
    } finally {
      if (saved === undefined) delete process.env.IMAGE_OUTPUT_DIR;
      else process.env.IMAGE_OUTPUT_DIR = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('web search: says what it would search for, near the city the launcher gave', async () => {
    const { result } = await testEnv().runWorkflow(
      webSearch,
      ["search the web for 'local sports news' and give me 1 interesting update in a sentence.", 'Chicago'],
      offlineWorker,
    );
    assert.deepEqual(result.queries, ['local sports news']);
    assert.match(result.answer, /"local sports news" near Chicago/);
  });
});
