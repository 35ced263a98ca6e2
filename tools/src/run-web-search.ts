import { runSampleWorkflow, sampleArguments } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { webSearch } from './workflows/web-search';

const city = sampleArguments()[0] ?? 'New York';
const { result, uiUrl } = await runSampleWorkflow(webSearch, {
  taskQueue: TASK_QUEUE,
  args: ["search the web for 'local sports news' and give me 1 interesting update in a sentence.", city],
});
const { answer, queries } = result;
console.log(`Searched (near ${city}) for: ${queries.map((query) => JSON.stringify(query)).join(', ')}`);
console.log(`\n${answer}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
