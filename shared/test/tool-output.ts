// For scripted models in tests: the text of the newest tool result in a model request.
import type { ModelRequest } from '@openai/agents-core';

/**
 * The newest `function_call_result`'s text (of the tool named, if given): a string output as it is,
 * content parts' texts joined; '' when there is none.
 */
export function lastToolOutput(request: ModelRequest, toolName?: string): string {
  const items = typeof request.input === 'string' ? [] : request.input;
  const result = items.findLast(
    (item) => item.type === 'function_call_result' && (toolName === undefined || item.name === toolName),
  );
  if (result?.type !== 'function_call_result') return '';
  const parts = Array.isArray(result.output) ? result.output : [result.output];
  return parts.map((part) => (typeof part === 'string' ? part : 'text' in part ? String(part.text) : '')).join('');
}
