// The plugin registers the activities of its MCP server providers, and refuses two providers with one name.
import assert from 'node:assert/strict';
import { MCPServerStdio } from '@openai/agents-core';
import type { WorkerOptions } from '@temporalio/worker';
import { describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import { ScriptedModelProvider } from '../../src/testing/index.js';
import { OpenAIAgentsPlugin, StatefulMCPServerProvider, StatelessMCPServerProvider } from '../../src/worker/index.js';

const factory = () => new MCPServerStdio({ command: 'mcp-server' });
const modelProvider = new ScriptedModelProvider([]);

describe('OpenAIAgentsPlugin({ mcpServerProviders })', () => {
  it('registers every operation of a stateless provider, and the session of a stateful one', () => {
    const plugin = new OpenAIAgentsPlugin({
      modelProvider,
      mcpServerProviders: [
        new StatelessMCPServerProvider('Files', factory),
        new StatefulMCPServerProvider('Memory', factory),
      ],
    });
    const { activities } = plugin.configureWorker({
      taskQueue: 'q',
      activities: { mine: async () => 1 },
    } as WorkerOptions);
    assert.deepEqual(Object.keys(activities ?? {}).sort(), [
      'Files-stateless-call-tool',
      'Files-stateless-get-prompt',
      'Files-stateless-list-prompts',
      'Files-stateless-list-tools',
      'Memory-stateful-server-session',
      INVOKE_MODEL_ACTIVITY,
      'mine',
    ]);
  });

  it('a stateless and a stateful provider may share a name; two of one kind may not', () => {
    assert.doesNotThrow(
      () =>
        new OpenAIAgentsPlugin({
          modelProvider,
          mcpServerProviders: [
            new StatelessMCPServerProvider('Files', factory),
            new StatefulMCPServerProvider('Files', factory),
          ],
        }),
    );
    assert.throws(
      () =>
        new OpenAIAgentsPlugin({
          modelProvider,
          mcpServerProviders: [
            new StatelessMCPServerProvider('Files', factory),
            new StatelessMCPServerProvider('Files', factory),
          ],
        }),
      /more than one MCP server provider is named "Files-stateless"/,
    );
  });
});
