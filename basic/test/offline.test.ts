// Every sample once with the folder's offline answers and the launchers' inputs: what the worker does
// without OPENAI_API_KEY. A change that breaks an offline run, or the pattern it shows, fails here.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { modelCallAgents, scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import { offlineAnswers } from '../src/offline-answers';
import * as workflows from '../src/workflows';
import { INSTRUCTIONS_BY_STYLE } from '../src/workflows/dynamic-system-prompt';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
// One offline model for every run, as the worker has.
const offlineWorker = { workflowsPath, activities, modelProvider: offlineModelProvider(offlineAnswers) };

describe('offline model (the worker without OPENAI_API_KEY)', () => {
  it('hello world: one model call answers with a haiku', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.helloWorld,
      ['Tell me about recursion in programming.'],
      offlineWorker,
    );
    assert.equal(result.split('\n').length, 4, 'three lines of haiku and the offline mark');
    assert.match(result, /\(offline model\)$/);
    assert.deepEqual(modelCallAgents(history), ['Assistant']);
  });

  it('tools: the model calls get_weather, whose activity result becomes the answer', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.tools,
      ['What is the weather in Tokio?'],
      offlineWorker,
    );
    assert.match(result, /^The weather in Tokio is 14-20C and sunny with wind\. \(offline model\)$/);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, 'getWeather', INVOKE_MODEL_ACTIVITY]);
  });

  it('agent lifecycle: an even draw is the answer; an odd one is handed off and doubled', async () => {
    const { result, history } = await testEnv().runWorkflow(workflows.agentLifecycle, [50], offlineWorker);
    const drawn = Number(/^Start Agent: tool random_number returned (\d+)$/.exec(result.events[2] ?? '')?.[1]);
    assert.ok(Number.isInteger(drawn) && drawn <= 50, `drew ${result.events[2]}`);
    if (drawn % 2 === 0) {
      assert.equal(result.number, drawn);
      assert.deepEqual(modelCallAgents(history), ['Start Agent', 'Start Agent']);
      assert.equal(result.events.at(-1), `Start Agent: ended with {"number":${drawn}}`);
    } else {
      assert.equal(result.number, drawn * 2);
      assert.deepEqual(modelCallAgents(history), ['Start Agent', 'Start Agent', 'Multiply Agent', 'Multiply Agent']);
      assert.equal(result.events[3], 'Start Agent: handed off to Multiply Agent');
      assert.equal(result.events.at(-1), `Multiply Agent: ended with {"number":${drawn * 2}}`);
    }
  });

  it('lifecycle: the runner’s hooks count every model call', async () => {
    const { result, history } = await testEnv().runWorkflow(workflows.lifecycle, [50], offlineWorker);
    assert.equal(result.number % 2, 0);
    const lastEvent = result.events.at(-1);
    assert.match(lastEvent?.event ?? '', new RegExp(`ended with \\{"number":${result.number}\\}$`));
    assert.equal(lastEvent?.usage.requests, modelCallAgents(history).length);
  });

  it('dynamic system prompt: the chosen style’s instructions reach the model', async () => {
    const { result } = await testEnv().runWorkflow(
      workflows.dynamicSystemPrompt,
      ['Tell me a joke.', 'pirate'],
      offlineWorker,
    );
    assert.equal(result.style, 'pirate');
    assert.ok(result.response.includes(`"${INSTRUCTIONS_BY_STYLE.pirate}"`), result.response);
  });

  it('non-strict output: the strict schema is refused with a 400, the non-strict one answers', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.nonStrictOutput,
      ['Tell me 3 short jokes.'],
      offlineWorker,
    );
    assert.equal(result.strict.ok, false);
    assert.match(result.strict.ok ? '' : result.strict.error, /^ModelInvocationError\.BadRequest: .*400/);
    assert.ok(result.nonStrict.ok);
    assert.deepEqual(Object.keys((result.nonStrict.output as { jokes: object }).jokes), ['1', '2', '3']);
    assert.equal(history.events?.filter((event) => event.activityTaskFailedEventAttributes).length, 1);
  });

  it('local image: an activity reads the file, the model gets its bytes', async () => {
    const { result, history } = await testEnv().runWorkflow(
      workflows.localImage,
      ['media/house-on-a-hill.png'],
      offlineWorker,
    );
    assert.match(result, /128×96 PNG/);
    assert.deepEqual(scheduledActivityTypes(history), ['readImageAsBase64', INVOKE_MODEL_ACTIVITY]);
  });

  it('remote image: the model gets the link', async () => {
    const url = 'https://upload.wikimedia.org/wikipedia/commons/0/0c/GoldenGateBridge-001.jpg';
    const { result } = await testEnv().runWorkflow(workflows.remoteImage, [url], offlineWorker);
    assert.ok(result.endsWith(url), result);
  });

  it('previous response id: the second turn continues from the first response', async () => {
    const { result } = await testEnv().runWorkflow(
      workflows.previousResponseId,
      ['What is the largest country in South America?', 'What is the capital of that country?'],
      offlineWorker,
    );
    assert.match(result.first, /^Brazil\./);
    assert.match(result.second, /^Brasília\. \(offline model, continuing from resp_/);
    assert.ok(result.second.includes(`${offlineWorker.modelProvider.calls.at(-1)?.request.previousResponseId})`));
  });
});
