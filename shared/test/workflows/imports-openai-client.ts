// A mistake the plugin must catch at bundle time: the OpenAI HTTP client cannot run in the sandbox.
import OpenAI from 'openai';

export async function usesOpenAIClient(): Promise<string> {
  return typeof OpenAI;
}
