// The tool activity of the tracing tests: it opens a span of its own, which must join the workflow's trace.
import { withCustomSpan } from '@openai/agents-core';

export async function lookUpCity({ city }: { city: string }): Promise<string> {
  return withCustomSpan(async () => `${city}: a city by the sea`, { data: { name: 'city lookup', data: { city } } });
}
