import {
  connectClient,
  LinesPrintedOnce,
  printFinishedSearches,
  sampleArguments,
  waitForResultShowingProgress,
  watchRun,
  workflowUiUrl,
} from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { type ResearchProgress, researchBot, researchProgressQuery } from './workflows/research-bot';

const DEFAULT_QUERY = 'Caribbean vacation spots in April, optimizing for surfing, hiking and water sports';

const query = sampleArguments().join(' ').trim() || DEFAULT_QUERY;
const client = await connectClient();
const handle = await client.workflow.start(researchBot, {
  taskQueue: TASK_QUEUE,
  workflowId: `research-bot-${Date.now()}`,
  args: [query],
});
watchRun(handle);
console.log(`Researching: ${query}`);
console.log(`Follow the run in the Temporal UI: ${workflowUiUrl(handle)}\n`);

const lines = new LinesPrintedOnce();

function showProgress({ stage, searches }: ResearchProgress): void {
  lines.print('planning', 'Planning the searches…');
  if (searches.length > 0) {
    lines.print(
      'planned',
      `Planned ${searches.length} searches:\n${searches.map((search) => `  - ${search.query}`).join('\n')}`,
    );
  }
  printFinishedSearches(lines, searches);
  if (stage === 'writing' || stage === 'done') lines.print('writing', 'Writing the report…');
}

// The workflow answers the progress query at any time; poll it until the run ends.
const report = await waitForResultShowingProgress(handle, researchProgressQuery, showProgress);
console.log(`\n${report.shortSummary}\n`);
console.log('===== REPORT =====\n');
console.log(report.markdownReport);
console.log('\n===== FOLLOW-UP QUESTIONS =====\n');
console.log(report.followUpQuestions.map((question) => `- ${question}`).join('\n'));
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
