// An agent with the Responses API's newer tools: tool search over a deferred function, hosted shell,
// apply_patch. The same agent runs in a workflow and directly, so the test can compare what reaches OpenAI.
import { Agent, applyPatchTool, type HostedTool, run, shellTool, tool } from '@openai/agents-core';
import { z } from 'zod';

// What @openai/agents-openai's toolSearchTool() builds (that package cannot load in a workflow).
const toolSearch: HostedTool = {
  type: 'hosted_tool',
  name: 'tool_search',
  providerData: { type: 'tool_search', name: 'tool_search' },
};

export function newerToolsAgent(): Agent {
  return new Agent({
    name: 'Newer tools',
    instructions: 'Use whatever tool fits.',
    tools: [
      toolSearch,
      tool({
        name: 'lookup_order',
        description: 'Looks an order up by id.',
        parameters: z.object({ orderId: z.string() }),
        deferLoading: true,
        execute: async ({ orderId }) => `order ${orderId}`,
      }),
      shellTool({ environment: { type: 'container_auto' } }),
      applyPatchTool({
        editor: {
          createFile: async () => ({ status: 'completed' }),
          updateFile: async () => ({ status: 'completed' }),
          deleteFile: async () => ({ status: 'completed' }),
        },
      }),
    ],
  });
}

export async function newerTools(prompt: string): Promise<string> {
  return (await run(newerToolsAgent(), prompt)).finalOutput ?? '';
}
