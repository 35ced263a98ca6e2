import { connectClient, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { webSearch } from './workflows/web-search';

const city = sampleArguments()[0] ?? 'New York';
const client = await connectClient();
const handle = await client.workflow.start(webSearch, {
  taskQueue: TASK_QUEUE,
  workflowId: `web-search-${Date.now()}`,
  args: ["search the web for 'local sports news' and give me 1 interesting update in a sentence.", city],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const { answer, queries } = result;
console.log(`Searched (near ${city}) for: ${queries.map((query) => JSON.stringify(query)).join(', ')}`);
console.log(`\n${answer}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
