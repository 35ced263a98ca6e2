import type { Model, ModelProvider } from '@openai/agents-core';
import { OpenAIProvider } from '@openai/agents-openai';
import { ApplicationFailure } from '@temporalio/common';
import OpenAI from 'openai';
import { FailureTypes } from '../common/names.js';

/**
 * The plugin's default: OpenAI's Responses API through the `openai` client with its own retries
 * off (maxRetries 0), so Temporal's retry policy is the only one. Built on first use, so a worker
 * starts without a key and each model call reports a missing key as a non-retryable failure.
 * The client reads OPENAI_API_KEY and OPENAI_BASE_URL from the worker's environment.
 */
export class DefaultOpenAIModelProvider implements ModelProvider {
  #provider: OpenAIProvider | undefined;

  async getModel(modelName?: string): Promise<Model> {
    if (!this.#provider) {
      if (!process.env.OPENAI_API_KEY) {
        throw ApplicationFailure.nonRetryable(
          'OPENAI_API_KEY is not set in the worker’s environment. Export it and restart the worker, ' +
            'or pass a modelProvider to OpenAIAgentsPlugin.',
          FailureTypes.authentication,
        );
      }
      this.#provider = new OpenAIProvider({
        openAIClient: new OpenAI({ maxRetries: 0 }),
      });
    }
    return this.#provider.getModel(modelName);
  }
}
