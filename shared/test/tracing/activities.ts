// The tool activity of the tracing tests: it opens a span of its own, which must join the workflow's trace.
// Outside a trace (a worker whose workflows do not trace) it runs without one: agents-core's span helpers
// need a current trace.
import { getCurrentTrace, withCustomSpan } from '@openai/agents-core';

export async function lookUpCity({ city }: { city: string }): Promise<string> {
  const answer = async () => `${city}: a city by the sea`;
  if (!getCurrentTrace()) return answer();
  return withCustomSpan(answer, { data: { name: 'city lookup', data: { city } } });
}
