import { setTimeout as sleep } from 'node:timers/promises';
import { connectClient, sampleArguments, waitForResult, watchRun, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { type ResearchProgress, researchBot, researchProgressQuery } from './workflows/research-bot';

const DEFAULT_QUERY = 'Caribbean vacation spots in April, optimizing for surfing, hiking and water sports';
const POLL_INTERVAL_MS = 500;

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

/** Prints each step of the run once, in the order the polls see them. */
const printed = new Set<string>();
function printOnce(key: string, line: string): void {
  if (printed.has(key)) return;
  printed.add(key);
  console.log(line);
}

function showProgress({ stage, searches }: ResearchProgress): void {
  printOnce('planning', 'Planning the searches…');
  if (searches.length > 0) {
    printOnce(
      'planned',
      `Planned ${searches.length} searches:\n${searches.map((search) => `  - ${search.query}`).join('\n')}`,
    );
  }
  for (const [index, search] of searches.entries()) {
    if (search.status === 'running') continue;
    const finished = [...printed].filter((key) => key.startsWith('search:')).length + 1;
    const mark = search.status === 'done' ? 'done' : 'FAILED';
    printOnce(`search:${index}`, `  [${finished}/${searches.length}] search ${mark}: ${search.query}`);
  }
  if (stage === 'writing' || stage === 'done') printOnce('writing', 'Writing the report…');
}

// The workflow answers the progress query at any time; poll it until the run ends.
let running = true;
const outcome = waitForResult(handle).finally(() => {
  running = false;
});
const settled = outcome.then(
  () => undefined,
  () => undefined,
);
while (running) {
  showProgress(await handle.query(researchProgressQuery));
  await Promise.race([settled, sleep(POLL_INTERVAL_MS)]);
}
showProgress(await handle.query(researchProgressQuery));

const report = await outcome;
console.log(`\n${report.shortSummary}\n`);
console.log('===== REPORT =====\n');
console.log(report.markdownReport);
console.log('\n===== FOLLOW-UP QUESTIONS =====\n');
console.log(report.followUpQuestions.map((question) => `- ${question}`).join('\n'));
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
