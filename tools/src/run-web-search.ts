import { connectClient, workflowUiUrl } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { webSearch } from './workflows/web-search';

const city = process.argv[2] ?? 'New York';
const client = await connectClient();
const handle = await client.workflow.start(webSearch, {
  taskQueue: TASK_QUEUE,
  workflowId: `web-search-${Date.now()}`,
  args: ["search the web for 'local sports news' and give me 1 interesting update in a sentence.", city],
});
const { answer, queries } = await handle.result();
console.log(`Searched (near ${city}) for: ${queries.map((query) => JSON.stringify(query)).join(', ')}`);
console.log(`\n${answer}`);
console.log(`\nSee the run in the Temporal UI: ${workflowUiUrl(handle)}`);
