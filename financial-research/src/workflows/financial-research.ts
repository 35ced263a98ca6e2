import { type Agent, run } from '@openai/agents';
import {
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { runPlannedSearches, type SearchStatus } from 'sample-kit/workflow';
import type { ReportActivities } from '../activities';
import {
  type AnalysisSummary,
  createFinancialAgents,
  type FinancialReport,
  FUNDAMENTALS_TOOL,
  RISK_TOOL,
  type SearchItem,
  type Verification,
} from './agents';

export type FinancialStage = 'planning' | 'searching' | 'writing' | 'verifying' | 'saving' | 'done';

export interface SearchProgress extends SearchItem {
  status: SearchStatus;
}

export interface AnalysisProgress {
  tool: string;
  status: 'running' | 'done';
}

/** Where a run is: what a launcher or the Temporal UI shows while the run goes on. */
export interface FinancialProgress {
  stage: FinancialStage;
  /** The planned searches, in plan order; empty until the plan is made. */
  searches: SearchProgress[];
  /** Each analyst the writer consulted, in the order it asked. */
  analyses: AnalysisProgress[];
}

export const financialProgressQuery = defineQuery<FinancialProgress>('financialProgress');

export interface FinancialResearchResult {
  report: FinancialReport;
  verification: Verification;
  /** Where the saveReport activity wrote the report, on the worker's machine. */
  savedTo: string;
}

const { saveReport } = proxyActivities<ReportActivities>({ startToCloseTimeout: '30s' });

/** The analysts answer `{ summary }`; the writer gets only the summary text back from the tool. */
function summaryOnly({ finalOutput }: { finalOutput?: AnalysisSummary | undefined }): string {
  return finalOutput?.summary ?? '';
}

/**
 * Plan, search in parallel (each summary collected as its search finishes), write the report with
 * two analyst agents as the writer's tools, verify it, and save it to a file through an activity.
 * The `financialProgress` query reports each step while the run goes on.
 */
export async function financialResearch(query: string): Promise<FinancialResearchResult> {
  const progress: FinancialProgress = { stage: 'planning', searches: [], analyses: [] };
  setHandler(financialProgressQuery, () => progress);
  const enter = (stage: FinancialStage, details: string) => {
    progress.stage = stage;
    setCurrentDetails(details);
  };
  enter('planning', 'Planning the searches');

  const { planner, searcher, fundamentals, risk, writer, verifier } = createFinancialAgents();

  const plan = (await run(planner, `Query: ${query}`)).finalOutput;
  progress.searches = (plan?.searches ?? []).map((search) => ({ ...search, status: 'running' }));
  enter('searching', `Running ${progress.searches.length} searches`);

  // Results in the order the searches finish; a failed search is left out.
  const results = await runPlannedSearches(progress.searches, async (search) => {
    const result = await run(searcher, `Search term: ${search.query}\nReason: ${search.reason}`);
    return `Search term: ${search.query}\n${result.finalOutput ?? ''}`;
  });

  enter('writing', `Writing the report from ${results.length} search results`);
  // The analysts run as nested agents inside the workflow: their model calls are activities too.
  const writerWithAnalysts = writer.clone({
    tools: [
      fundamentals.asTool({
        toolName: FUNDAMENTALS_TOOL,
        toolDescription: 'A short write-up of the key financial metrics, from the research notes you pass.',
        customOutputExtractor: summaryOnly,
      }),
      risk.asTool({
        toolName: RISK_TOOL,
        toolDescription: 'A short write-up of the risks to the outlook, from the research notes you pass.',
        customOutputExtractor: summaryOnly,
      }),
    ],
  });
  trackAnalyses(writerWithAnalysts, progress);
  const written = await run(
    writerWithAnalysts,
    `Original query: ${query}\n\nSummarized search results:\n\n${results.join('\n\n')}`,
  );
  const report = written.finalOutput;
  if (!report) throw ApplicationFailure.nonRetryable('The writer returned no report.', 'NoReport');

  enter('verifying', 'Verifying the report');
  const verification = (await run(verifier, report.markdownReport)).finalOutput;
  if (!verification) throw ApplicationFailure.nonRetryable('The verifier returned no verdict.', 'NoVerification');

  enter('saving', 'Saving the report');
  const savedTo = await saveReport({
    name: workflowInfo().workflowId,
    markdown: reportDocument(query, report, verification),
  });
  enter('done', report.shortSummary);
  return { report, verification, savedTo };
}

/** Agent hooks mark each analyst consultation in the progress as it starts and ends. */
function trackAnalyses(writer: Agent<unknown, typeof FinancialReport>, progress: FinancialProgress) {
  writer.on('agent_tool_start', (_context, tool) => {
    progress.analyses.push({ tool: tool.name, status: 'running' });
  });
  writer.on('agent_tool_end', (_context, tool) => {
    const analysis = progress.analyses.findLast((each) => each.tool === tool.name && each.status === 'running');
    if (analysis) analysis.status = 'done';
  });
}

/** The saved file: the report, its follow-up questions and the verifier's verdict. */
export function reportDocument(query: string, report: FinancialReport, verification: Verification): string {
  return [
    `# Financial research: ${query}`,
    '',
    `> ${report.shortSummary}`,
    '',
    report.markdownReport,
    '',
    '## Follow-up questions',
    '',
    ...report.followUpQuestions.map((question) => `- ${question}`),
    '',
    '## Verification',
    '',
    verification.verified ? 'Verified.' : 'Not verified.',
    ...(verification.issues ? ['', verification.issues] : []),
    '',
  ].join('\n');
}
