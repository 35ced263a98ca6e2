/**
 * The cache behind `AGENTS_CORE_SHARED_SCHEMAS` (common/agents-core-adapter.ts): the plugin's bundle
 * turns `const X = z.object(...)` in the listed agents-core modules into
 * `const X = __openaiAgentsTemporalSharedSchema('module:X', () => (z.object(...)))`, so the first
 * workflow that loads the module builds the schema and every later workflow of the bundle gets the same
 * object. Installed while the bundle loads (preload.ts): Temporal's reusable sandbox shares and freezes
 * what is loaded then, the function included, but not the Map it closes over.
 */
import { SHARED_SCHEMA_GLOBAL } from '../common/shared-schemas.js';

const built = new Map<string, unknown>();

function sharedSchema<T>(key: string, build: () => T): T {
  if (built.has(key)) return built.get(key) as T;
  const schema = build();
  built.set(key, schema);
  return schema;
}

export function installSharedSchemas(): void {
  if (SHARED_SCHEMA_GLOBAL in globalThis) return;
  Object.defineProperty(globalThis, SHARED_SCHEMA_GLOBAL, { value: sharedSchema, enumerable: false });
}
