import { Agent, fileSearchTool, run } from '@openai/agents';
import { hostedToolCalls, isArray, isRecord, isString, providerField } from './hosted-calls';

export interface FileSearchResult {
  answer: string;
  /** The queries the model searched the vector store with. */
  queries: string[];
  /** The passages the search returned (the tool asks for them with includeSearchResults). */
  results: { filename: string; score: number | undefined; text: string }[];
}

/** OpenAI's hosted file search over a vector store (make one with `pnpm --filter tools run setup-knowledge-base`). */
export async function fileSearch(question: string, vectorStoreId: string): Promise<FileSearchResult> {
  const agent = new Agent({
    name: 'File searcher',
    instructions: 'You are a helpful agent.',
    tools: [fileSearchTool(vectorStoreId, { maxNumResults: 3, includeSearchResults: true })],
  });
  const result = await run(agent, question);
  const calls = hostedToolCalls(result.newItems, 'file_search_call');
  return {
    answer: result.finalOutput ?? '',
    queries: calls.flatMap((call) => (providerField(call, 'queries', isArray) ?? []).filter(isString)),
    results: calls.flatMap((call) =>
      (providerField(call, 'results', isArray) ?? []).filter(isRecord).map((found) => ({
        filename: isString(found.filename) ? found.filename : String(found.file_id ?? ''),
        score: typeof found.score === 'number' ? found.score : undefined,
        text: isString(found.text) ? found.text : '',
      })),
    ),
  };
}
