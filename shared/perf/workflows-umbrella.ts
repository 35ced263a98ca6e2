// The perf workflows in a bundle that also imports `@openai/agents` (the import the Agents SDK's docs use),
// which the plugin maps to its workflow-safe form: imports.ts compares it with workflows.ts's agents-core alone.
// webpack links re-exported names straight to agents-core's modules; a name defined in the workflow-safe
// module itself (a worker-only stand-in) keeps that whole module in the bundle and evaluated at every
// workflow start, the most the import can cost.
export { OpenAIProvider as WorkerOnlyOpenAIProvider, webSearchTool } from '@openai/agents';
export { perfConversation, perfPlain } from './workflows.js';
