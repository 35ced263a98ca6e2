// Each hosted-tool sample on a real dev server with a scripted model whose responses hold hosted tool
// call items, as OpenAI returns them. The tests check the hosted tool the model request offers, and
// that each call item crosses the model activity's boundary unchanged: the workflow reads every field.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  hostedToolResponses,
  items,
  modelResponse,
  responsesApiText,
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from 'openai-agents-temporal/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import * as activities from '../src/activities';
import { codeInterpreter, fileSearch, imageGeneration, webSearch } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** The one hosted tool the request offered the model, as it reached the worker. */
function offeredHostedTool(request: ModelRequest | undefined) {
  const hosted = request?.tools.filter((tool) => tool.type === 'hosted_tool') ?? [];
  assert.equal(hosted.length, 1, 'one hosted tool on offer');
  return hosted[0];
}

describe('code interpreter', () => {
  it('offers the interpreter in an auto container and returns the code it ran and what it printed', async () => {
    const code = 'import math\nprint(math.sqrt(273 * 312821) + 1782)';
    const model = new ScriptedModelProvider([
      modelResponse(
        items.hostedToolCall('code_interpreter_call', {
          type: 'code_interpreter_call',
          id: 'ci_1',
          code,
          container_id: 'cntr_42',
          outputs: [
            { type: 'logs', logs: '11023.2193...' },
            { type: 'image', url: 'https://example.com/plot.png' },
          ],
        }),
        items.text('About 11023.22.'),
      ),
    ]);
    const { result, history } = await testEnv().runWorkflow(
      codeInterpreter,
      ['What is the square root of 273 * 312821 plus 1782?'],
      { workflowsPath, activities, modelProvider: model },
    );
    assert.deepEqual(result, {
      answer: 'About 11023.22.',
      runs: [{ code, logs: ['11023.2193...'], containerId: 'cntr_42' }],
    });
    assert.deepEqual(offeredHostedTool(model.calls[0]?.request), {
      type: 'hosted_tool',
      name: 'code_interpreter',
      providerData: {
        type: 'code_interpreter',
        name: 'code_interpreter',
        container: { type: 'auto' },
        include_outputs: true,
      },
    });
    // The code ran inside OpenAI's model call: the history holds that one activity and nothing else.
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
  });

  it('reads the kit’s plain code interpreter item too', async () => {
    const model = new ScriptedModelProvider([hostedToolResponses.codeInterpreter('print(29)', '29')]);
    const { result } = await testEnv().runWorkflow(codeInterpreter, ['What is the square root of 841?'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.deepEqual(result, { answer: '29', runs: [{ code: 'print(29)', logs: [], containerId: 'cntr_scripted' }] });
  });
});

describe('file search', () => {
  it('searches the vector store it is given, three results at most, and returns the queries and passages', async () => {
    const results = [
      {
        file_id: 'file-a',
        filename: 'sandworms.md',
        score: 0.91,
        text: 'Rhythmic vibration draws them.',
        attributes: {},
      },
      { file_id: 'file-b', filename: 'water-discipline.md', score: 0.47, text: 'Rain never falls.', attributes: {} },
    ];
    const model = new ScriptedModelProvider([
      modelResponse(
        items.hostedToolCall('file_search_call', {
          type: 'file_search_call',
          id: 'fs_1',
          queries: ['Arrakis facts'],
          results,
        }),
        items.text('Sandworms come to rhythmic footsteps.'),
      ),
    ]);
    const { result } = await testEnv().runWorkflow(fileSearch, ['Tell me about Arrakis.', 'vs_test_store'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.deepEqual(result, {
      answer: 'Sandworms come to rhythmic footsteps.',
      queries: ['Arrakis facts'],
      results: [
        { filename: 'sandworms.md', score: 0.91, text: 'Rhythmic vibration draws them.' },
        { filename: 'water-discipline.md', score: 0.47, text: 'Rain never falls.' },
      ],
    });
    assert.deepEqual(offeredHostedTool(model.calls[0]?.request), {
      type: 'hosted_tool',
      name: 'file_search',
      providerData: {
        type: 'file_search',
        name: 'file_search',
        vector_store_ids: ['vs_test_store'],
        max_num_results: 3,
        include_search_results: true,
      },
    });
  });
});

describe('file search through the OpenAI provider', () => {
  it('sends the Responses API file_search tool and asks for its results; the call comes back whole', async () => {
    const body = responsesApiText('The Fremen count water drop by drop.') as { output: unknown[] };
    body.output.unshift({
      type: 'file_search_call',
      id: 'fs_wire',
      status: 'completed',
      queries: ['Fremen water'],
      results: [{ file_id: 'file-w', filename: 'water-discipline.md', score: 0.8, text: 'Rain never falls.' }],
    });
    await withFakeOpenAIServer(
      () => ({ json: body }),
      async (server) => {
        const { result } = await testEnv().runWorkflow(fileSearch, ['How do the Fremen keep water?', 'vs_wire'], {
          workflowsPath,
          activities,
        });
        assert.deepEqual(result, {
          answer: 'The Fremen count water drop by drop.',
          queries: ['Fremen water'],
          results: [{ filename: 'water-discipline.md', score: 0.8, text: 'Rain never falls.' }],
        });
        const sent = server.requests[0]?.body as { tools: unknown[]; include: string[] };
        assert.deepEqual(sent.tools, [{ type: 'file_search', vector_store_ids: ['vs_wire'], max_num_results: 3 }]);
        assert.deepEqual(sent.include, ['file_search_call.results']);
      },
    );
  });
});

describe('web search', () => {
  it('tells the search roughly where the user is, and returns the searches the model ran', async () => {
    const model = new ScriptedModelProvider([hostedToolResponses.webSearch('local sports news', 'PSG won again.')]);
    const { result } = await testEnv().runWorkflow(webSearch, ['Any local sports news?', 'Paris'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.deepEqual(result, { answer: 'PSG won again.', queries: ['local sports news'] });
    assert.deepEqual(offeredHostedTool(model.calls[0]?.request)?.providerData, {
      type: 'web_search',
      name: 'web_search',
      user_location: { type: 'approximate', city: 'Paris' },
      search_context_size: 'medium',
    });
  });

  it('defaults to New York', async () => {
    const model = new ScriptedModelProvider([hostedToolResponses.webSearch('news', 'Nothing new.')]);
    await testEnv().runWorkflow(webSearch, ['Any news?'], { workflowsPath, activities, modelProvider: model });
    const tool = offeredHostedTool(model.calls[0]?.request);
    assert.deepEqual(tool?.type === 'hosted_tool' && tool.providerData?.user_location, {
      type: 'approximate',
      city: 'New York',
    });
  });
});

describe('image generation', () => {
  let imageDir: string;
  const savedDir = process.env.IMAGE_OUTPUT_DIR;
  beforeEach(async () => {
    imageDir = await mkdtemp(join(tmpdir(), 'tools-images-'));
    // The test's worker runs in this process, so its saveImage activity writes here.
    process.env.IMAGE_OUTPUT_DIR = imageDir;
  });
  afterEach(async () => {
    if (savedDir === undefined) delete process.env.IMAGE_OUTPUT_DIR;
    else process.env.IMAGE_OUTPUT_DIR = savedDir;
    await rm(imageDir, { recursive: true, force: true });
  });

  it('saves the image in an activity and returns its path and size, not the image', async () => {
    const png = await readFile(fileURLToPath(new URL('../media/offline-frog.png', import.meta.url)));
    const base64 = png.toString('base64');
    // The image call alone, as the model may send it; the runner asks again for the text.
    const model = new ScriptedModelProvider([hostedToolResponses.imageGeneration(base64), textResponse('A frog.')]);
    const { result, history, workflowId } = await testEnv().runWorkflow(imageGeneration, ['A frog eating a pizza.'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });

    assert.equal(result.answer, 'A frog.');
    assert.equal(result.images.length, 1);
    const [image] = result.images;
    assert.equal(image?.bytes, png.length);
    assert.equal(image?.format, 'png');
    assert.ok(image?.path.startsWith(imageDir) && image.path.includes(workflowId), image?.path);
    assert.deepEqual(await readFile(image.path), png);
    assert.ok(!JSON.stringify(result).includes(base64.slice(0, 64)), 'no image data in the result');

    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY, 'saveImage']);
    const tool = offeredHostedTool(model.calls[0]?.request);
    assert.ok(tool?.type === 'hosted_tool');
    assert.equal(tool.providerData?.quality, 'low');
    assert.equal(tool.providerData?.output_format, 'jpeg');
  });

  it('returns no image when the call brought none', async () => {
    const model = new ScriptedModelProvider([
      modelResponse(
        items.hostedToolCall('image_generation_call', { type: 'image_generation_call' }),
        items.text('I could not draw that.'),
      ),
    ]);
    const { result, history } = await testEnv().runWorkflow(imageGeneration, ['Draw nothing.'], {
      workflowsPath,
      activities,
      modelProvider: model,
    });
    assert.deepEqual(result, { answer: 'I could not draw that.', images: [] });
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
  });
});
