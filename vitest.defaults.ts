import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/** The test settings every package shares; `dir` is the package folder. */
export function packageTestConfig(dir: string, include = ['test/**/*.test.ts']) {
  return defineProject({
    test: {
      name: basename(dir),
      root: dir,
      include,
      // Temporal's native bridge is not thread-safe: each test file gets its own process.
      pool: 'forks',
      globalSetup: [fileURLToPath(new URL('./vitest.global-setup.ts', import.meta.url))],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // The kit keeps every finished history here; the replay suite replays them all.
      env: { OPENAI_AGENTS_TEMPORAL_KEEP_HISTORIES: join(dir, '.test-results', 'histories') },
    },
  });
}
