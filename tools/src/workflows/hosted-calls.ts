import type { protocol, RunItem } from '@openai/agents';

/**
 * The hosted tool calls of one kind (`web_search_call`, `file_search_call`, `code_interpreter_call`,
 * `image_generation_call`) among a run's new items, as the model activity returned them.
 */
export function hostedToolCalls(items: RunItem[], name: string): protocol.HostedToolCallItem[] {
  return items.flatMap((item) =>
    item.type === 'tool_call_item' && item.rawItem.type === 'hosted_tool_call' && item.rawItem.name === name
      ? [item.rawItem]
      : [],
  );
}

/** A field of a hosted call's provider data, if it has the expected type. */
export function providerField<T>(
  call: protocol.HostedToolCallItem,
  key: string,
  guard: (value: unknown) => value is T,
) {
  const value = call.providerData?.[key];
  return guard(value) ? value : undefined;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
