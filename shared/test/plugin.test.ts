// The plugin end to end on a real Temporal dev server, with the scripted model on the worker.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ModelActivityParameters } from '../src/common/model-params.js';
import { FailureTypes, INVOKE_MODEL_ACTIVITY } from '../src/common/names.js';
import {
  handoffResponse,
  openAIErrorBody,
  responsesApiText,
  ScriptedModelProvider,
  scheduledActivityTypes,
  structuredResponse,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
  withFakeOpenAIServer,
} from '../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';
import * as workflows from './workflows/agents.js';

const workflowsPath = fileURLToPath(new URL('./workflows/agents.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('plain agents-core code inside a workflow', () => {
  it('new Runner().run() hands off to the right agent; each model call is one activity', async () => {
    const model = new ScriptedModelProvider([handoffResponse('Spanish agent'), textResponse('¡Hola! ¿Cómo estás?')]);
    const { result, history } = await testEnv().runWorkflow(workflows.handoffWithRunner, ['Hola, ¿cómo estás?'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { output: '¡Hola! ¿Cómo estás?', lastAgent: 'Spanish agent' });
    assert.equal(model.calls.length, 2);
    assert.deepEqual(
      model.calls[0]?.request.handoffs.map((h) => h.toolName),
      ['transfer_to_Spanish_agent'],
    );
    assert.equal(model.calls[1]?.request.systemInstructions, 'You only speak Spanish.');
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);
    // The default summary names the agent and the model.
    const summaries = (history.events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => e.userMetadata?.summary?.data && Buffer.from(e.userMetadata.summary.data).toString());
    assert.deepEqual(summaries, ['"Triage agent: scripted model"', '"Spanish agent: scripted model"']);
  });

  it('structured output comes back parsed', async () => {
    const model = new ScriptedModelProvider([structuredResponse({ city: 'Lisbon', days: 3 })]);
    const { result } = await testEnv().runWorkflow(workflows.structuredOutput, ['Three days somewhere sunny'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, { city: 'Lisbon', days: 3 });
    // The zod output type reached the model activity as a strict JSON schema of its fields.
    const outputType = model.calls[0]?.request.outputType;
    assert.ok(outputType !== undefined && outputType !== 'text', 'the model is asked for structured output');
    assert.equal(outputType.type, 'json_schema');
    assert.equal(outputType.strict, true);
    assert.deepEqual(outputType.schema.properties, { city: { type: 'string' }, days: { type: 'number' } });
    assert.deepEqual(outputType.schema.required, ['city', 'days']);
  });

  it('agent.asTool() runs the nested agent’s model calls as activities too', async () => {
    const model = new ScriptedModelProvider([
      toolCallResponse('translate_to_french', { input: 'Good morning' }),
      textResponse('Bonjour'),
      textResponse('In French: Bonjour'),
    ]);
    const { result, history } = await testEnv().runWorkflow(workflows.agentAsTool, ['Say good morning in French'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result, 'In French: Bonjour');
    assert.equal(model.calls[1]?.request.systemInstructions, 'Translate to French.');
    assert.deepEqual(scheduledActivityTypes(history), Array(3).fill(INVOKE_MODEL_ACTIVITY));
  });

  it('the agent’s model name reaches the worker’s provider', async () => {
    const model = new ScriptedModelProvider([textResponse('ok')]);
    await testEnv().runWorkflow(workflows.namedModel, ['Hi'], { workflowsPath, modelProvider: model });
    assert.equal(model.calls[0]?.modelName, 'gpt-named-model');
  });
});

describe('streaming inside a workflow', () => {
  it('run(..., { stream: true }) delivers the model activity’s result as stream events', async () => {
    const model = new ScriptedModelProvider([textResponse('streamed answer')]);
    const { result, history } = await testEnv().runWorkflow(workflows.streamed, ['Hi'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.equal(result.output, 'streamed answer');
    // Without `streaming` on the model provider the model activity answers once: the stream carries the
    // finished response as one response_done event, then the message item it makes.
    assert.deepEqual(result.events, ['raw:response_done', 'item:message_output_created']);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY]);
  });
});

describe('agent errors fail the workflow with a typed failure', () => {
  it('max turns exceeded', async () => {
    const model = new ScriptedModelProvider([toolCallResponse('noop', {}), textResponse('never')]);
    const { error } = await testEnv().runFailingWorkflow(workflows.maxTurns, ['Loop'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'MaxTurnsExceededError');
    assert.equal(error.cause.nonRetryable, true);
  });

  it('an input guardrail tripwire, with the guardrail’s report', async () => {
    const model = new ScriptedModelProvider([textResponse('Here is your homework answer')]);
    const { error } = await testEnv().runFailingWorkflow(workflows.guarded, ['Do my homework'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ApplicationFailure);
    assert.equal(error.cause.type, 'InputGuardrailTripwireTriggered');
    assert.deepEqual(error.cause.details, [{ guardrail: 'No homework', outputInfo: { flagged: true } }]);
  });

  it('a scripted model that runs out of answers fails the model activity without retries', async () => {
    const model = new ScriptedModelProvider([]);
    const { error } = await testEnv().runFailingWorkflow(workflows.namedModel, ['Hi'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error.cause instanceof ActivityFailure);
    assert.ok(error.cause.cause instanceof ApplicationFailure);
    assert.equal(error.cause.cause.type, 'ScriptedModel.ScriptExhausted');
  });
});

describe('modelParams reach every model activity', () => {
  it('timeouts, retry policy and a fixed summary', async () => {
    const modelParams: ModelActivityParameters = {
      startToCloseTimeout: '42s',
      scheduleToCloseTimeout: '5m',
      heartbeatTimeout: '20s',
      retry: { maximumAttempts: 7, initialInterval: '2s' },
      summary: 'a model call',
    };
    const model = new ScriptedModelProvider([textResponse('ok')]);
    const { history } = await testEnv().runWorkflow(workflows.namedModel, ['Hi'], {
      workflowsPath,
      modelProvider: model,
      modelParams,
    });
    const scheduled = history.events?.find((e) => e.activityTaskScheduledEventAttributes);
    const attributes = scheduled?.activityTaskScheduledEventAttributes;
    assert.equal(Number(attributes?.startToCloseTimeout?.seconds), 42);
    assert.equal(Number(attributes?.scheduleToCloseTimeout?.seconds), 300);
    assert.equal(Number(attributes?.heartbeatTimeout?.seconds), 20);
    assert.equal(attributes?.retryPolicy?.maximumAttempts, 7);
    assert.equal(Number(attributes?.retryPolicy?.initialInterval?.seconds), 2);
    const summary = scheduled?.userMetadata?.summary?.data;
    assert.equal(summary && Buffer.from(summary).toString(), JSON.stringify('a model call'));
  });

  it('a summary function is refused on the plugin, with the workflow-side alternative', () => {
    const summary = (() => 'x') as unknown as string;
    assert.throws(() => new OpenAIAgentsPlugin({ modelParams: { summary } }), /ActivityModelProvider/);
  });

  it('a summary function set in workflow code names each call', async () => {
    const model = new ScriptedModelProvider([textResponse('ok')]);
    const { history } = await testEnv().runWorkflow(workflows.summaryPerCall, ['Hi'], {
      workflowsPath,
      modelProvider: model,
    });
    const scheduled = history.events?.find((e) => e.activityTaskScheduledEventAttributes);
    const summary = scheduled?.userMetadata?.summary?.data;
    assert.equal(summary && Buffer.from(summary).toString(), JSON.stringify('model call by Named with "Answer."'));
  });

  it('useLocalActivity runs model calls as local activities', async () => {
    const model = new ScriptedModelProvider([textResponse('local ok')]);
    const { result, history } = await testEnv().runWorkflow(workflows.namedModel, ['Hi'], {
      workflowsPath,
      modelProvider: model,
      modelParams: { useLocalActivity: true, startToCloseTimeout: '10s' },
    });
    assert.equal(result, 'local ok');
    assert.equal(scheduledActivityTypes(history).length, 0);
    const events = history.events ?? [];
    assert.equal(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length, 1);
  });
});

describe('the default OpenAI provider over HTTP (local OpenAI-compatible server)', () => {
  it('sends the Responses API request and returns the model’s text', async () => {
    await withFakeOpenAIServer(
      () => ({ json: responsesApiText('Hello from the local server') }),
      async (server) => {
        const { result } = await testEnv().runWorkflow(workflows.namedModel, ['Hi there'], { workflowsPath });
        assert.equal(result, 'Hello from the local server');
        assert.equal(server.requests.length, 1);
        const request = server.requests[0];
        assert.equal(request?.path, '/v1/responses');
        assert.equal(request?.headers.authorization, 'Bearer sk-test-local-server');
        assert.equal((request?.body as { model?: string } | undefined)?.model, 'gpt-named-model');
      },
    );
  });

  it('a 401 fails at once with a non-retryable authentication failure that says what to fix', async () => {
    await withFakeOpenAIServer(
      () => ({ status: 401, json: openAIErrorBody('Incorrect API key provided', 'invalid_request_error') }),
      async (server) => {
        const { error } = await testEnv().runFailingWorkflow(workflows.namedModel, ['Hi'], { workflowsPath });
        assert.ok(error.cause instanceof ActivityFailure);
        const failure = error.cause.cause;
        assert.ok(failure instanceof ApplicationFailure);
        assert.equal(failure.type, FailureTypes.authentication);
        assert.equal(failure.nonRetryable, true);
        assert.match(failure.message, /OPENAI_API_KEY/);
        assert.equal(server.requests.length, 1, 'no layer retried a 401');
      },
    );
  });
});
