import { Agent, run } from '@openai/agents';
import { activityAsTool, workflowStream } from 'openai-agents-temporal/workflow';
import { z } from 'zod';
import type * as activities from '../activities';
import { ITEMS_TOPIC, type ItemEvent } from '../topics';

/**
 * A play-by-play of the run: the workflow goes through the run's events (`{ stream: true }`) and
 * publishes one entry per agent, tool call, tool output and message to its stream (topic `items`).
 * Publishing from workflow code is deterministic: on replay the stream is rebuilt the same. The run's
 * objects (agents, items) cannot be serialized, so each entry is a small plain object.
 */
export async function streamItems(prompt: string): Promise<string> {
  const items = workflowStream().topic<ItemEvent>(ITEMS_TOPIC);
  const agent = new Agent({
    name: 'Joker',
    instructions: 'First call the `how_many_jokes` tool, then tell that many jokes.',
    tools: [
      activityAsTool<typeof activities>('howManyJokes', {
        name: 'how_many_jokes',
        description: 'How many jokes to tell.',
        parameters: z.object({}),
        startToCloseTimeout: '10s',
      }),
    ],
  });
  const result = await run(agent, prompt, { stream: true });
  // The run announces an agent only when a handoff changes it; the first one is announced here.
  items.publish({ kind: 'agent', detail: agent.name });
  const messages: string[] = [];
  for await (const event of result) {
    if (event.type === 'agent_updated_stream_event') {
      items.publish({ kind: 'agent', detail: event.agent.name });
    } else if (event.type === 'run_item_stream_event') {
      const { item } = event;
      if (item.type === 'tool_call_item' && item.rawItem.type === 'function_call') {
        items.publish({ kind: 'tool_call', detail: `${item.rawItem.name}(${item.rawItem.arguments})` });
      } else if (item.type === 'tool_call_output_item') {
        items.publish({ kind: 'tool_output', detail: String(item.output) });
      } else if (item.type === 'message_output_item') {
        messages.push(item.content);
        items.publish({ kind: 'message', detail: item.content });
      }
    }
  }
  await result.completed;
  return messages.join('\n\n');
}
