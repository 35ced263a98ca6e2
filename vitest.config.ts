import { defineConfig } from 'vitest/config';

// One run for the whole repo: a project per package, one dev server for all (vitest.global-setup.ts).
// `pnpm --filter <folder> test` runs one package with that package's own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      'shared',
      'sample-kit',
      'basic',
      'agent-patterns',
      'handoffs',
      'model-providers',
      'reasoning-content',
      'tools',
      'research-bot',
      'financial-research',
      'customer-service',
      'mcp',
      'hosted-mcp',
      'streaming',
      'sandbox',
    ],
    reporters: ['default', ['junit', { outputFile: '.test-results/junit.xml' }]],
  },
});
