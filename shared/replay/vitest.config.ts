import { defineConfig } from 'vitest/config';

// The replay suite runs after every package's tests, over the histories they kept.
export default defineConfig({
  test: {
    name: 'replay',
    root: import.meta.dirname,
    include: ['replay-all.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    reporters: ['default', ['junit', { outputFile: '../../.test-results/replay-junit.xml' }]],
  },
});
