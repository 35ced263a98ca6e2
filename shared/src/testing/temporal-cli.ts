import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where the Temporal CLI is: TEMPORAL_CLI_PATH, else `temporal` on PATH. Undefined means: let the
 * SDK download it.
 */
export function findTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'temporal');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}
