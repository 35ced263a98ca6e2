// A workflow around runPlannedSearches with searches that need no model: each one returns its query,
// or fails as told, after the search named in `after` has ended (so the finishing order is the test's).
import { CancelledFailure, condition } from '@temporalio/workflow';
import { runPlannedSearches, type SearchStatus } from '../../src/workflow.js';

export interface TestSearch {
  query: string;
  outcome: 'found' | 'failed' | 'cancelled';
  after?: string;
}

export interface SearchOutcome {
  results: string[];
  statuses: SearchStatus[];
  failure?: { type: string; message: string; cancelled: boolean };
}

export async function plannedSearches(plan: TestSearch[]): Promise<SearchOutcome> {
  const searches = plan.map((search) => ({ ...search, status: 'running' as SearchStatus }));
  const statuses = () => searches.map((search) => search.status);
  try {
    const results = await runPlannedSearches(searches, async ({ query, outcome, after }) => {
      const before = searches.find((search) => search.query === after);
      if (before) await condition(() => before.status !== 'running');
      if (outcome === 'failed') throw new Error(`search for ${query} failed`);
      if (outcome === 'cancelled') throw new CancelledFailure('the run was cancelled');
      return query;
    });
    return { results, statuses: statuses() };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const type = 'type' in failure && typeof failure.type === 'string' ? failure.type : failure.name;
    return {
      results: [],
      statuses: statuses(),
      failure: { type, message: failure.message, cancelled: failure instanceof CancelledFailure },
    };
  }
}
