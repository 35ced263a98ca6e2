import { connectClient, loadSampleEnv, sampleArguments, waitForResult, workflowUiUrl } from 'sample-kit';
import { TASK_QUEUE } from './task-queue';
import { fileSearch } from './workflows/file-search';

loadSampleEnv();
let vectorStoreId = sampleArguments()[0] ?? process.env.VECTOR_STORE_ID;
if (!vectorStoreId && !process.env.OPENAI_API_KEY) {
  // Without a key the worker answers from its offline script, which searches the shipped documents.
  vectorStoreId = 'offline';
  console.log('No OPENAI_API_KEY: searching the offline knowledge base (the vector store id "offline").');
}
if (!vectorStoreId) {
  console.error(
    'Which vector store? Pass its id as the first argument or set VECTOR_STORE_ID.\n' +
      'Create one from the documents in tools/knowledge-base/ with `pnpm --filter tools run setup-knowledge-base`,\n' +
      'or try the offline answers: `pnpm --filter tools run file-search offline` (a worker without OPENAI_API_KEY).',
  );
  process.exit(1);
}
const client = await connectClient();
const handle = await client.workflow.start(fileSearch, {
  taskQueue: TASK_QUEUE,
  workflowId: `file-search-${Date.now()}`,
  args: ['Be concise, and tell me 1 sentence about Arrakis I might not know.', vectorStoreId],
});
const result = await waitForResult(handle);
const uiUrl = workflowUiUrl(handle);
const { answer, queries, results } = result;
console.log(`Searched ${vectorStoreId} for: ${queries.map((query) => JSON.stringify(query)).join(', ')}`);
for (const { filename, score } of results)
  console.log(`  found ${filename}${score === undefined ? '' : ` (score ${score.toFixed(2)})`}`);
console.log(`\n${answer}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
