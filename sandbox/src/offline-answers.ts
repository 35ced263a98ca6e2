/**
 * What the worker answers without OPENAI_API_KEY: the sandbox assistant's turns, scripted. The
 * commands and the edit are real: they run in the sandbox through the provider's activities, and the
 * answer quotes what they returned.
 */
import type { ModelRequest } from '@openai/agents-core';
import { type AgentScript, modelResponse, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';
import { toolOutput } from 'sample-kit';
import type * as workflows from './workflows';

/** The output a command printed, without the header agents-core's exec tool puts before it. */
export function commandOutput(request: ModelRequest): string {
  const output = toolOutput(request, 'exec_command') ?? '';
  return (/\nOutput:\n([\s\S]*)$/.exec(output)?.[1] ?? output).trim();
}

const sandboxAssistant: AgentScript = {
  'Sandbox Assistant': (request, { agentTurn }) => {
    switch (agentTurn) {
      case 0:
        return toolCallResponse('exec_command', { cmd: 'ls && cat inventory.csv todo.md' });
      case 1:
        return toolCallResponse('exec_command', {
          cmd: "awk -F, 'NR > 1 { total += $2 } END { print total }' inventory.csv",
        });
      case 2:
        return modelResponse({
          type: 'apply_patch_call',
          callId: 'call_write_summary',
          status: 'completed',
          operation: {
            type: 'create_file',
            path: 'summary.md',
            diff: `+# Inventory\n+Total items: ${commandOutput(request)}\n`,
          },
        });
      case 3:
        return toolCallResponse('exec_command', {
          cmd: "sed -i 's/^- \\[ \\]/- [x]/' todo.md && cat todo.md summary.md",
        });
      default:
        return textResponse(
          `I listed the workspace, summed the counts in inventory.csv, wrote the total to summary.md and ticked ` +
            `both items in todo.md. The files now read:\n${commandOutput(request)}\n(offline model)`,
        );
    }
  },
};

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  localSandbox: sandboxAssistant,
};
