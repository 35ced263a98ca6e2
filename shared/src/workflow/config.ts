import { ApplicationFailure } from '@temporalio/workflow';
import { BUNDLE_CONFIG_GLOBAL, type BundleConfig, type ModelActivityParameters } from '../common/model-params';
import { FailureTypes } from '../common/names';
import { POLYFILLED_FLAG } from './polyfills';

/** The model activity parameters that the worker's OpenAIAgentsPlugin baked into this bundle. */
export function bundledModelParameters(): ModelActivityParameters {
  const g = globalThis as Record<string, unknown>;
  const config = g[BUNDLE_CONFIG_GLOBAL] as BundleConfig | undefined;
  if (!config || g[POLYFILLED_FLAG] !== true) {
    throw ApplicationFailure.nonRetryable(
      'This workflow bundle was built without OpenAIAgentsPlugin. Add `plugins: [new OpenAIAgentsPlugin()]` to ' +
        'Worker.create, or pass the same plugins to bundleWorkflowCode when you pre-build the bundle.',
      FailureTypes.configuration,
    );
  }
  return config.modelParams;
}
