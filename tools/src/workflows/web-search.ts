import { Agent, run, webSearchTool } from '@openai/agents';
import { hostedToolCalls, isRecord, isString, providerField } from './hosted-calls';

export interface WebSearchResult {
  answer: string;
  /** The searches the model ran. */
  queries: string[];
}

/** OpenAI's hosted web search, told roughly where the user is so "local" results are local. */
export async function webSearch(question: string, userCity = 'New York'): Promise<WebSearchResult> {
  const agent = new Agent({
    name: 'Web searcher',
    instructions: 'You are a helpful agent.',
    tools: [webSearchTool({ userLocation: { type: 'approximate', city: userCity } })],
  });
  const result = await run(agent, question);
  const queries = hostedToolCalls(result.newItems, 'web_search_call').flatMap((call) => {
    const action = providerField(call, 'action', isRecord);
    return action && isString(action.query) ? [action.query] : [];
  });
  return { answer: result.finalOutput ?? '', queries };
}
