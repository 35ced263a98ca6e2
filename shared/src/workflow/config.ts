import { ApplicationFailure } from '@temporalio/workflow';
import type { BundledModelParameters } from '../common/model-params.js';
import { FailureTypes } from '../common/names.js';
import { POLYFILLED_FLAG } from './polyfills.js';

// Replaced at bundle time by the plugin's DefinePlugin (see BUNDLED_MODEL_PARAMS).
declare const __OPENAI_AGENTS_TEMPORAL_MODEL_PARAMS__: BundledModelParameters | undefined;

/** The model activity parameters that the worker's OpenAIAgentsPlugin baked into this bundle. */
export function bundledModelParameters(): BundledModelParameters {
  const params =
    typeof __OPENAI_AGENTS_TEMPORAL_MODEL_PARAMS__ === 'undefined'
      ? undefined
      : __OPENAI_AGENTS_TEMPORAL_MODEL_PARAMS__;
  if (!params || (globalThis as Record<string, unknown>)[POLYFILLED_FLAG] !== true) {
    throw ApplicationFailure.nonRetryable(
      'This workflow bundle was built without OpenAIAgentsPlugin. Add `plugins: [new OpenAIAgentsPlugin()]` to ' +
        'Worker.create, or pass the same plugins to bundleWorkflowCode when you pre-build the bundle.',
      FailureTypes.configuration,
    );
  }
  return params;
}
