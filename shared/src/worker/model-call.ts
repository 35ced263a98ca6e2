/**
 * What the model activity knows about the call it is making, for model providers on the worker:
 * which agent asked, and how many model calls that agent had made before in this workflow run.
 * The offline and scripted models answer by it; a custom provider can route or log by it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ModelCallInfo {
  /** The agent that made the call, when the runner named one. */
  agentName: string | undefined;
  /** 0 for the agent's first model call in this workflow run, 1 for its second, and so on. */
  agentTurn: number;
  /** The model name the agent asked for; undefined means the provider's default. */
  modelName: string | undefined;
}

const storage = new AsyncLocalStorage<ModelCallInfo>();

/** The model call in progress, inside a model provider called by the model activity; else undefined. */
export function currentModelCall(): ModelCallInfo | undefined {
  return storage.getStore();
}

export function runInModelCall<T>(info: ModelCallInfo, body: () => T): T {
  return storage.run(info, body);
}
