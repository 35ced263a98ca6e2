/**
 * The global through which a workflow bundle builds agents-core's schemas once (see
 * `AGENTS_CORE_SHARED_SCHEMAS` in agents-core-adapter.ts). Its own module, with no imports: the
 * workflow side installs it while the bundle loads, when every module it imports is shared (and
 * frozen) by Temporal's reusable sandbox.
 */
export const SHARED_SCHEMA_GLOBAL = '__openaiAgentsTemporalSharedSchema';
