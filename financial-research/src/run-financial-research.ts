import { createInterface } from 'node:readline/promises';
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
import { type FinancialProgress, financialProgressQuery, financialResearch } from './workflows/financial-research';

const DEFAULT_QUERY = "Write up an analysis of Apple Inc.'s most recent quarter.";

/** The query from the arguments; else asked for at a terminal; else the default. */
async function readQuery(): Promise<string> {
  const fromArguments = sampleArguments().join(' ').trim();
  if (fromArguments || !process.stdin.isTTY) return fromArguments || DEFAULT_QUERY;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await terminal.question(`Enter a financial research query [${DEFAULT_QUERY}]: `);
  terminal.close();
  return answer.trim() || DEFAULT_QUERY;
}

const query = await readQuery();
const client = await connectClient();
const handle = await client.workflow.start(financialResearch, {
  taskQueue: TASK_QUEUE,
  workflowId: `financial-research-${Date.now()}`,
  args: [query],
});
watchRun(handle);
console.log(`Researching: ${query}`);
console.log(`Follow the run in the Temporal UI: ${workflowUiUrl(handle)}\n`);

const lines = new LinesPrintedOnce();

const STAGE_LINES: Record<FinancialProgress['stage'], string> = {
  planning: 'Planning the searches…',
  searching: 'Searching…',
  writing: 'Writing the report…',
  verifying: 'Verifying the report…',
  saving: 'Saving the report…',
  done: 'Done.',
};
const STAGES = Object.keys(STAGE_LINES) as FinancialProgress['stage'][];

function showProgress({ stage, searches, analyses }: FinancialProgress): void {
  // Stages pass in order; a poll can miss a short one, so print every stage up to the current one.
  for (const each of STAGES.slice(0, STAGES.indexOf(stage) + 1)) {
    lines.print(`stage:${each}`, STAGE_LINES[each]);
    if (each === 'searching') printFinishedSearches(lines, searches);
    if (each === 'writing') {
      for (const [index, analysis] of analyses.entries()) {
        lines.print(`analysis:${index}`, `  consulting ${analysis.tool}`);
      }
    }
  }
}

// The workflow answers the progress query at any time; poll it until the run ends.
const { report, verification, savedTo } = await waitForResultShowingProgress(
  handle,
  financialProgressQuery,
  showProgress,
);
console.log('\n===== REPORT =====\n');
console.log(report.markdownReport);
console.log('\n===== FOLLOW UP QUESTIONS =====\n');
console.log(report.followUpQuestions.map((question) => `- ${question}`).join('\n'));
console.log('\n===== VERIFICATION =====\n');
console.log(verification.verified ? 'Verified.' : 'Not verified.');
if (verification.issues) console.log(verification.issues);
console.log(`\nThe worker saved the report to ${savedTo}`);
console.log(`See the run in the Temporal UI: ${workflowUiUrl(handle)}`);
