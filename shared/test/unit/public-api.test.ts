// The package's public API, pinned: the entries package.json exports, the values each entry exports
// (at run time here, and as types under `pnpm typecheck`, which checks the expectTypeOf lines and
// the expected type errors below), and the shapes a plugin user writes against. A change to any of
// them is a change to the package README's "Entries" section too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ModelProvider, RunContext, Tool } from '@openai/agents-core';
import type { WorkerPlugin } from '@temporalio/worker';
import * as nexus from 'nexus-rpc';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as testing from '../../src/testing/index.js';
import * as worker from '../../src/worker/index.js';
import * as workflow from '../../src/workflow/index.js';

const WORKER_VALUES = [
  'AgentsTraceClientInterceptor',
  'DEFAULT_MODEL_EVENTS_TOPIC',
  'DefaultOpenAIModelProvider',
  'FailureTypes',
  'INVOKE_MODEL_ACTIVITY',
  'MCPFailureTypes',
  'OpenAIAgentsPlugin',
  'OpenTelemetryTracingProcessor',
  'SandboxClientProvider',
  'SandboxFailureTypes',
  'StatefulMCPServerProvider',
  'StatelessMCPServerProvider',
  'WorkflowBundleError',
  'confineCommandsToWorkspace',
  'currentModelCall',
  'flushWorkflowTraceEvents',
  'subscribeToWorkflowStream',
  'workerEnvRef',
] as const;

const WORKFLOW_VALUES = [
  'ActivityModelProvider',
  'DEFAULT_HISTORY_THRESHOLDS',
  'DEFAULT_MAX_REPLAY_WORK',
  'DEFAULT_MODEL_EVENTS_TOPIC',
  'FailureTypes',
  'INVOKE_MODEL_ACTIVITY',
  'MAX_PAYLOAD_BYTES',
  'MCPFailureTypes',
  'NEW_CONVERSATION_ID',
  'SandboxFailureTypes',
  'StatefulMCPServer',
  'StatelessMCPServer',
  'TEMPORAL_HISTORY_LIMITS',
  'TemporalSandboxClient',
  'TemporalSandboxSession',
  'WorkflowSession',
  'activityAsTool',
  'codeInterpreterTool',
  'failRunOnSandboxLoss',
  'fileSearchTool',
  'historyStatus',
  'hostedMcpTool',
  'imageGenerationTool',
  'mcpFailureType',
  'nexusOperationAsTool',
  'sandboxFailureType',
  'shouldContinueAsNew',
  'statefulMcpServer',
  'statelessMcpServer',
  'temporalSandboxCapabilities',
  'temporalSandboxClient',
  'webSearchTool',
  'withStatefulMcpServer',
  'workerEnvRef',
  'workflowStream',
] as const;

const TESTING_VALUES = [
  'AgentsTestEnvironment',
  'SCRIPT_EXHAUSTED',
  'ScriptedModelProvider',
  'chatCompletionEvents',
  'chatCompletionReply',
  'fetchContinuedHistories',
  'fetchHistory',
  'findTemporalCli',
  'handoffResponse',
  'hostedToolResponses',
  'items',
  'listKeptHistories',
  'modelCallAgents',
  'modelCallSpans',
  'modelResponse',
  'openAIErrorBody',
  'overlappingRequests',
  'quietBundlerLogger',
  'readKeptHistory',
  'reasoningResponse',
  'replayHistory',
  'repliesInOrder',
  'responsesApiEvents',
  'responsesApiText',
  'scheduledActivityTypes',
  'startDevServer',
  'startFakeOpenAIServer',
  'structuredResponse',
  'textResponse',
  'toolCallResponse',
  'useAgentsTestEnvironment',
  'withFakeOpenAIServer',
  'withStreamPacing',
] as const;

describe('the public API', () => {
  it('has three entries: the worker and client side, the workflow side, and the testing kit', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(manifest.exports), ['.', './workflow', './testing', './package.json']);
  });

  it('exports these values from each entry, no more', () => {
    assert.deepEqual(Object.keys(worker).sort(), [...WORKER_VALUES]);
    assert.deepEqual(Object.keys(workflow).sort(), [...WORKFLOW_VALUES]);
    assert.deepEqual(Object.keys(testing).sort(), [...TESTING_VALUES]);
    expectTypeOf<keyof typeof worker>().toEqualTypeOf<(typeof WORKER_VALUES)[number]>();
    expectTypeOf<keyof typeof workflow>().toEqualTypeOf<(typeof WORKFLOW_VALUES)[number]>();
    expectTypeOf<keyof typeof testing>().toEqualTypeOf<(typeof TESTING_VALUES)[number]>();
  });

  it('keeps repo tooling and internals out of the entries', () => {
    // @ts-expect-error the stream protocol's update is the plugin's own business
    assert.equal(worker.STREAM_POLL_UPDATE, undefined);
    // @ts-expect-error the sample harness lives in the repo's private sample-kit package
    assert.equal(worker.runSampleWorker, undefined);
    // @ts-expect-error the kit's history keeping is internal; listKeptHistories and readKeptHistory read it
    assert.equal(testing.keepHistory, undefined);
  });

  it('types what a plugin user writes', () => {
    expectTypeOf(worker.OpenAIAgentsPlugin).constructorParameters.toEqualTypeOf<
      [options?: worker.OpenAIAgentsPluginOptions]
    >();
    expectTypeOf<worker.OpenAIAgentsPlugin>().toExtend<WorkerPlugin>();
    expectTypeOf<worker.OpenAIAgentsPluginOptions['modelProvider']>().toEqualTypeOf<ModelProvider | undefined>();
    expectTypeOf<worker.OpenAIAgentsPluginOptions['modelParams']>().toEqualTypeOf<
      worker.ModelActivityParameters | undefined
    >();
    expectTypeOf<worker.ModelActivityParameters>().toHaveProperty('startToCloseTimeout');
    expectTypeOf(testing.ScriptedModelProvider).instance.toExtend<ModelProvider>();
    // @ts-expect-error an option the plugin does not have is a type error, not silently ignored
    const misspelt = () => new worker.OpenAIAgentsPlugin({ modelProviderr: undefined });
    expectTypeOf(misspelt).returns.toEqualTypeOf<worker.OpenAIAgentsPlugin>();
  });

  it("ties an activity tool's parameters to the activity's argument", () => {
    // Type-level only: the tools are made in functions never called (activityAsTool needs a workflow).
    interface Activities {
      getWeather(input: { city: string }): Promise<string>;
      convert(input: { amount: number; currency?: string }): Promise<number>;
      chargeCard(input: { amount: number; apiKey: string }): Promise<string>;
      echo(input: unknown): Promise<unknown>;
    }
    const weather = z.object({ city: z.string() });
    const jsonSchema = {
      type: 'object' as const,
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false as const,
    };
    const tools = () => [
      workflow.activityAsTool<Activities>('getWeather', {
        description: 'The weather',
        parameters: weather,
        // With several activities in the type, needsApproval's arguments are typed by hand (and checked).
        needsApproval: async (_context: RunContext, args: { city: string }) => args.city !== 'Paris',
      }),
      // A schema may leave out an optional field, and the fields `boundArguments` fill.
      workflow.activityAsTool<Activities>('convert', {
        description: 'd',
        parameters: z.object({ amount: z.number() }),
      }),
      workflow.activityAsTool<Activities>('chargeCard', {
        description: 'd',
        parameters: z.object({ amount: z.number() }),
        boundArguments: { apiKey: workflow.workerEnvRef('CARD_API_KEY') },
      }),
      // A JSON schema checks nothing about the parsed value: only for an activity that takes unknown.
      workflow.activityAsTool<Activities>('echo', { description: 'd', parameters: jsonSchema }),
      workflow.activityAsTool('untyped', { description: 'd', parameters: jsonSchema }),
      // @ts-expect-error the schema parses to { town }, the activity takes { city }
      workflow.activityAsTool<Activities>('getWeather', {
        description: 'd',
        parameters: z.object({ town: z.string() }),
      }),
      // @ts-expect-error the schema's city is a number, the activity's a string
      workflow.activityAsTool<Activities>('getWeather', {
        description: 'd',
        parameters: z.object({ city: z.number() }),
      }),
      // @ts-expect-error the schema is getWeather's; convert takes { amount }
      workflow.activityAsTool<Activities>('convert', { description: 'd', parameters: weather }),
      // @ts-expect-error without boundArguments, the schema must fill the apiKey too
      workflow.activityAsTool<Activities>('chargeCard', {
        description: 'd',
        parameters: z.object({ amount: z.number() }),
      }),
      // @ts-expect-error a JSON schema for a typed activity would leave its argument unchecked
      workflow.activityAsTool<Activities>('getWeather', { description: 'd', parameters: jsonSchema }),
      // @ts-expect-error no activity of that name
      workflow.activityAsTool<Activities>('getWether', { description: 'd', parameters: weather }),
      // @ts-expect-error needsApproval gets the parsed arguments, which have no town
      workflow.activityAsTool<Activities>('getWeather', {
        description: 'd',
        parameters: weather,
        needsApproval: async (_context: RunContext, args: { town: string }) => args.town === 'Paris',
      }),
      // @ts-expect-error zod schemas are strict only (agents-core refuses one with strict: false)
      workflow.activityAsTool<Activities>('getWeather', { description: 'd', parameters: weather, strict: false }),
    ];
    const oneActivity = () =>
      workflow.activityAsTool<Pick<Activities, 'getWeather'>>('getWeather', {
        description: 'd',
        parameters: weather,
        needsApproval: async (_context, args) => {
          // With one activity in the type, they are inferred.
          expectTypeOf(args).toEqualTypeOf<{ city: string }>();
          return args.city !== 'Paris';
        },
      });
    expectTypeOf(oneActivity).returns.toExtend<Tool>();
    expectTypeOf(tools).returns.items.toExtend<Tool>();
  });

  it("ties a Nexus operation tool's parameters to the operation's input", () => {
    const forecasts = nexus.service('forecasts', {
      getForecast: nexus.operation<{ city: string; days: number }, string>(),
    });
    const common = { service: forecasts, endpoint: 'forecasts', description: 'd' };
    const tools = () => [
      workflow.nexusOperationAsTool(forecasts.operations.getForecast, {
        ...common,
        parameters: z.object({ city: z.string(), days: z.number() }),
      }),
      workflow.nexusOperationAsTool(forecasts.operations.getForecast, {
        ...common,
        // @ts-expect-error the schema leaves out the operation's days
        parameters: z.object({ city: z.string() }),
      }),
    ];
    expectTypeOf(tools).returns.items.toExtend<Tool>();
  });
});
