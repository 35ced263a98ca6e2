// A mistake the plugin must catch at bundle time: the OpenAI client cannot load in the sandbox.
import { webSearchTool } from '@openai/agents-openai';

export async function usesAgentsOpenAI(): Promise<string> {
  return webSearchTool().name;
}
