// Prepended to the workflow bundle's webpack entry by OpenAIAgentsPlugin. It runs once when the bundle
// loads, before Temporal's reusable context freezes the sandbox's globals (Error among them).
import { installPolyfills } from './polyfills.js';
import { installSharedSchemas } from './shared-schemas.js';

// Replaced at bundle time by the plugin's DefinePlugin (see BUNDLED_STACK_TRACE_LIMIT).
declare const __OPENAI_AGENTS_TEMPORAL_STACK_TRACE_LIMIT__: number | undefined;

installPolyfills();
installSharedSchemas();

// The sandbox realm's own Error: Temporal's promise hook captures a stack there for every promise.
if (typeof __OPENAI_AGENTS_TEMPORAL_STACK_TRACE_LIMIT__ === 'number') {
  Error.stackTraceLimit = __OPENAI_AGENTS_TEMPORAL_STACK_TRACE_LIMIT__;
}
