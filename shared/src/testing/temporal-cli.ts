import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The CLI version the bootstrap builds with `go install` (the newest tag it accepts). */
export const BOOTSTRAP_TEMPORAL_CLI_VERSION = 'v1.5.1';

/**
 * Where the Temporal CLI is, in the bootstrap's order: TEMPORAL_CLI_PATH, `temporal` on PATH,
 * then the bootstrap's cache folder. Undefined means: let the SDK download it.
 */
export function findTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'temporal');
    if (dir && existsSync(candidate)) return candidate;
  }
  const cacheRoot =
    process.env.AGENTS_SAMPLES_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'temporal-agents-samples');
  const cached = join(cacheRoot, `temporal-cli-${BOOTSTRAP_TEMPORAL_CLI_VERSION}`, 'temporal');
  return existsSync(cached) ? cached : undefined;
}
