/** The plugin as the perf scripts run it: the workload's scripted answers, its activity timeout and summary. */
import { ScriptedModelProvider } from '../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';
import { ACTIVITY_TIMEOUT, AGENT, scriptedAnswer } from './workload.js';

export function perfPlugin(workflowStackTraceLimit?: number): OpenAIAgentsPlugin {
  return new OpenAIAgentsPlugin({
    modelProvider: new ScriptedModelProvider(scriptedAnswer),
    modelParams: { startToCloseTimeout: ACTIVITY_TIMEOUT, summary: `${AGENT.name}: ${AGENT.model}` },
    ...(workflowStackTraceLimit === undefined ? {} : { workflowStackTraceLimit }),
  });
}
