import { run } from '@openai/agents';
import { ApplicationFailure, defineQuery, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { runPlannedSearches, type SearchStatus } from 'sample-kit/workflow';
import { createResearchAgents, type ResearchReport, type SearchItem } from './agents';

export type ResearchStage = 'planning' | 'searching' | 'writing' | 'done';

export interface SearchProgress extends SearchItem {
  status: SearchStatus;
}

/** Where a research run is: what a launcher or the Temporal UI shows while the run goes on. */
export interface ResearchProgress {
  stage: ResearchStage;
  /** The planned searches, in plan order; empty until the plan is made. */
  searches: SearchProgress[];
}

export const researchProgressQuery = defineQuery<ResearchProgress>('researchProgress');

/** A search's summary, kept with its term so the writer knows what each one is about. */
interface SearchSummary {
  query: string;
  summary: string;
}

/**
 * Plan the searches, run them all at once (each is its own agent run, so their model activities are
 * in flight together), collect each summary as it arrives, then write a structured report. The
 * `researchProgress` query reports each step while the run goes on.
 */
export async function researchBot(query: string): Promise<ResearchReport> {
  const progress: ResearchProgress = { stage: 'planning', searches: [] };
  setHandler(researchProgressQuery, () => progress);
  const report = (stage: ResearchStage, details: string) => {
    progress.stage = stage;
    setCurrentDetails(details);
  };
  report('planning', 'Planning the searches');

  const { planner, searcher, writer } = createResearchAgents();

  const plan = (await run(planner, `Query: ${query}`)).finalOutput;
  progress.searches = (plan?.searches ?? []).map((search) => ({ ...search, status: 'running' }));
  report('searching', `Running ${progress.searches.length} searches`);

  // Summaries in the order the searches finish, as Python's workflow.as_completed collects them;
  // a failed search is left out.
  const summaries: SearchSummary[] = await runPlannedSearches(progress.searches, async (search) => {
    const result = await run(searcher, `Search term: ${search.query}\nReason for searching: ${search.reason}`);
    return { query: search.query, summary: result.finalOutput ?? '' };
  });

  report('writing', `Writing the report from ${summaries.length} search summaries`);
  const written = await run(writer, writerInput(query, summaries));
  if (!written.finalOutput) {
    throw ApplicationFailure.nonRetryable('The writer returned no report.', 'NoReport');
  }
  report('done', written.finalOutput.shortSummary);
  return written.finalOutput;
}

function writerInput(query: string, summaries: SearchSummary[]): string {
  const results = summaries.map(({ query: term, summary }, index) => `[${index + 1}] Search term: ${term}\n${summary}`);
  return `Original query: ${query}\n\nSummarized search results:\n\n${results.join('\n\n')}`;
}
