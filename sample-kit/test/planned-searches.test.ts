// runPlannedSearches (sample-kit/workflow), the research samples' parallel searches, in a real workflow.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { plannedSearches, type TestSearch } from './workflows/planned-searches.js';

const workflowsPath = fileURLToPath(new URL('./workflows/planned-searches.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

async function searchAll(plan: TestSearch[]) {
  return (await testEnv().runWorkflow(plannedSearches, [plan], { workflowsPath })).result;
}

describe('runPlannedSearches', () => {
  it('returns the results in the order the searches end, leaving a failed search out', async () => {
    const outcome = await searchAll([
      { query: 'a', outcome: 'found', after: 'c' },
      { query: 'b', outcome: 'failed' },
      { query: 'c', outcome: 'found', after: 'b' },
    ]);
    assert.deepEqual(outcome, { results: ['c', 'a'], statuses: ['done', 'failed', 'done'] });
  });

  it('fails with NoSearchResults when every search fails, or none was planned', async () => {
    const allFailed = await searchAll([
      { query: 'a', outcome: 'failed' },
      { query: 'b', outcome: 'failed' },
    ]);
    assert.deepEqual(allFailed.statuses, ['failed', 'failed']);
    assert.equal(allFailed.failure?.type, 'NoSearchResults');
    assert.match(allFailed.failure?.message ?? '', /^All 2 searches failed/);
    const nonePlanned = await searchAll([]);
    assert.equal(nonePlanned.failure?.type, 'NoSearchResults');
    assert.match(nonePlanned.failure?.message ?? '', /^The planner planned no searches/);
  });

  it('lets a cancellation through instead of counting it as a failed search', async () => {
    const outcome = await searchAll([
      { query: 'a', outcome: 'found' },
      { query: 'b', outcome: 'cancelled' },
    ]);
    assert.equal(outcome.failure?.cancelled, true);
    assert.deepEqual(outcome.results, []);
  });
});
