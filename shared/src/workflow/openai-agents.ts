/**
 * What `@openai/agents` and `@openai/agents-openai` are inside a workflow bundle: the plugin's bundler
 * maps both imports here, so workflow code can import as the Agents SDK's docs do.
 *
 * - agents-core's whole API, the same one copy the plugin uses;
 * - OpenAI's hosted-tool builders, building the same objects as agents-openai's (a test compares them);
 * - for what only makes sense on a worker (the OpenAI client and models, the tracing exporter, the
 *   OpenAI-backed sessions, realtime), a stand-in that fails the workflow at the call with a message
 *   naming where it belongs.
 *
 * None of `@openai/agents`'s module-level code runs here: it would make OpenAI's HTTP provider the
 * default (the plugin's activity-backed provider is) and start the OpenAI trace exporter.
 * Export names match the real packages' (a test compares them too).
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '../common/names.js';

export * from '@openai/agents-core';
export {
  codeInterpreterTool,
  fileSearchTool,
  imageGenerationTool,
  programmaticToolCallingTool,
  toolSearchTool,
  webSearchTool,
} from './hosted-tools.js';

const MODELS_ON_THE_WORKER =
  'Model calls run on the worker, in the plugin’s model activity: configure the OpenAI client and models ' +
  'there, e.g. new OpenAIAgentsPlugin({ modelProvider: new OpenAIProvider({ ... }) }) (the default provider ' +
  'reads OPENAI_API_KEY and OPENAI_BASE_URL from the worker’s environment). In workflow code, name the model ' +
  "as a string: new Agent({ model: 'gpt-5.4-mini' }).";

const TRACING_ON_THE_WORKER =
  'Workflows hand their spans to the trace processors of the worker process: set up exporting there (call ' +
  'it in the worker’s code, or pass OpenAIAgentsPlugin({ tracing: { processors } })).';

const SESSIONS_IN_ACTIVITIES =
  'It keeps the conversation through the OpenAI API, and workflow code cannot make network calls. Keep the ' +
  'conversation in the workflow (its history is durable), or call the session from an activity.';

/** The message a worker-only API gives when workflow code calls it. */
export function workerOnlyApiMessage(name: string): string {
  const where = WORKER_ONLY_APIS[name.split('.')[0] ?? name] ?? MODELS_ON_THE_WORKER;
  return `${name} from "@openai/agents" cannot be used in workflow code. ${where}`;
}

const WORKER_ONLY_APIS: Record<string, string> = {
  OpenAIProvider: MODELS_ON_THE_WORKER,
  OpenAIResponsesModel: MODELS_ON_THE_WORKER,
  OpenAIResponsesWSModel: MODELS_ON_THE_WORKER,
  OpenAIChatCompletionsModel: MODELS_ON_THE_WORKER,
  withResponsesWebSocketSession: MODELS_ON_THE_WORKER,
  getDefaultOpenAIClient: MODELS_ON_THE_WORKER,
  setDefaultOpenAIClient: MODELS_ON_THE_WORKER,
  setDefaultOpenAIKey: MODELS_ON_THE_WORKER,
  setOpenAIAPI: MODELS_ON_THE_WORKER,
  setOpenAIResponsesTransport: MODELS_ON_THE_WORKER,
  setDefaultOpenAITracingExporter: TRACING_ON_THE_WORKER,
  OpenAITracingExporter: TRACING_ON_THE_WORKER,
  setTracingExportApiKey: TRACING_ON_THE_WORKER,
  OpenAIConversationsSession: SESSIONS_IN_ACTIVITIES,
  startOpenAIConversationsSession: SESSIONS_IN_ACTIVITIES,
  OpenAIResponsesCompactionSession: SESSIONS_IN_ACTIVITIES,
  realtime:
    'Realtime (voice) sessions hold a live WebSocket or WebRTC connection, which a workflow cannot: run them in a ' +
    'browser or a server process, and start workflows from there for the durable work.',
};

/** Fails the workflow (not the workflow task, which Temporal would retry forever). */
function workerOnly(name: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(workerOnlyApiMessage(name), FailureTypes.workerOnlyApi);
}

/** A class of `@openai/agents` that belongs on the worker: constructing it fails the workflow. */
function workerOnlyClass(name: string) {
  return class {
    constructor(..._args: unknown[]) {
      throw workerOnly(name);
    }
  };
}

/** A function of `@openai/agents` that belongs on the worker: calling it fails the workflow. */
function workerOnlyFunction(name: string): (..._args: unknown[]) => never {
  return () => {
    throw workerOnly(name);
  };
}

export const OpenAIProvider = workerOnlyClass('OpenAIProvider');
export const OpenAIResponsesModel = workerOnlyClass('OpenAIResponsesModel');
export const OpenAIResponsesWSModel = workerOnlyClass('OpenAIResponsesWSModel');
export const OpenAIChatCompletionsModel = workerOnlyClass('OpenAIChatCompletionsModel');
export const OpenAITracingExporter = workerOnlyClass('OpenAITracingExporter');
export const OpenAIConversationsSession = workerOnlyClass('OpenAIConversationsSession');
export const OpenAIResponsesCompactionSession = workerOnlyClass('OpenAIResponsesCompactionSession');

export const withResponsesWebSocketSession = workerOnlyFunction('withResponsesWebSocketSession');
export const getDefaultOpenAIClient = workerOnlyFunction('getDefaultOpenAIClient');
export const setDefaultOpenAIClient = workerOnlyFunction('setDefaultOpenAIClient');
export const setDefaultOpenAIKey = workerOnlyFunction('setDefaultOpenAIKey');
export const setOpenAIAPI = workerOnlyFunction('setOpenAIAPI');
export const setOpenAIResponsesTransport = workerOnlyFunction('setOpenAIResponsesTransport');
export const setTracingExportApiKey = workerOnlyFunction('setTracingExportApiKey');
export const setDefaultOpenAITracingExporter = workerOnlyFunction('setDefaultOpenAITracingExporter');
export const startOpenAIConversationsSession = workerOnlyFunction('startOpenAIConversationsSession');

/** `import { realtime } from '@openai/agents'`: any use of one of its members fails, naming where realtime runs. */
export const realtime: Readonly<Record<string, never>> = new Proxy(Object.freeze({}), {
  get(_target, property) {
    // Symbols and `then` are what module interop and `await` probe; they find nothing here.
    if (typeof property === 'symbol' || property === 'then') return undefined;
    throw workerOnly(`realtime.${property}`);
  },
});

// Plain data and predicates of agents-openai's raw stream events: pure, so the same here.
export const OPENAI_RESPONSES_RAW_MODEL_EVENT_SOURCE = 'openai-responses';
export const OPENAI_CHAT_COMPLETIONS_RAW_MODEL_EVENT_SOURCE = 'openai-chat-completions';

interface RawModelStreamEventLike {
  type: string;
  data?: { type?: string };
  source?: string;
}

export function isOpenAIResponsesRawModelStreamEvent(event: RawModelStreamEventLike): boolean {
  return (
    event.type === 'raw_model_stream_event' &&
    event.data?.type === 'model' &&
    event.source === OPENAI_RESPONSES_RAW_MODEL_EVENT_SOURCE
  );
}

export function isOpenAIChatCompletionsRawModelStreamEvent(event: RawModelStreamEventLike): boolean {
  return (
    event.type === 'raw_model_stream_event' &&
    event.data?.type === 'model' &&
    event.source === OPENAI_CHAT_COMPLETIONS_RAW_MODEL_EVENT_SOURCE
  );
}
