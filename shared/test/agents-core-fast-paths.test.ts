// The bundle-time fast paths for agents-core (worker/agents-core-fast-paths.ts): on in every bundle,
// inserted where the adapter says, and a function an agents-core release changed is left as it is, with a warning.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, it } from 'vitest';
import { AGENTS_CORE_FAST_PATHS, type AgentsCoreFastPath } from '../src/common/agents-core-adapter.js';
import { quietBundlerLogger } from '../src/testing/index.js';
import { agentsCoreFastPathsPlugin } from '../src/worker/agents-core-fast-paths.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const workflowsPath = fileURLToPath(new URL('./workflows/chat.ts', import.meta.url));

function bundleWith(fastPaths: readonly AgentsCoreFastPath[]) {
  return bundleWorkflowCode({
    workflowsPath,
    plugins: [new OpenAIAgentsPlugin()],
    logger: quietBundlerLogger,
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), agentsCoreFastPathsPlugin(fastPaths)],
    }),
  });
}

describe('agentsCoreFastPathsPlugin', () => {
  it('inserts each fast path first in the body of its agents-core function', async () => {
    const { code } = await bundleWith(AGENTS_CORE_FAST_PATHS);
    for (const fastPath of AGENTS_CORE_FAST_PATHS) {
      const header = `function ${fastPath.functionName}(${fastPath.parameters.join(', ')}) {`;
      assert.equal(code.split(header).length, 2, `one ${fastPath.functionName} in the bundle`);
      assert.ok(
        code.includes(`${fastPath.declarations ?? ''}${header}${fastPath.prologue}`),
        `${fastPath.functionName} starts with its fast path, after its declarations`,
      );
    }
  });

  it('is on in every bundle the plugin makes', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath,
      plugins: [new OpenAIAgentsPlugin()],
      logger: quietBundlerLogger,
    });
    for (const fastPath of AGENTS_CORE_FAST_PATHS) {
      assert.equal(code.split(fastPath.prologue).length, 2, `${fastPath.functionName} has its fast path`);
    }
  });

  it('inserts them once when the plugin is on a compiler twice', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath,
      plugins: [new OpenAIAgentsPlugin()],
      logger: quietBundlerLogger,
      webpackConfigHook: (config) => ({
        ...config,
        plugins: [...(config.plugins ?? []), agentsCoreFastPathsPlugin(), agentsCoreFastPathsPlugin()],
      }),
    });
    for (const fastPath of AGENTS_CORE_FAST_PATHS) assert.equal(code.split(fastPath.prologue).length, 2);
  });

  it('leaves a function it cannot find as it is, with a warning, and the bundle still builds', async () => {
    const [fastPath] = AGENTS_CORE_FAST_PATHS;
    assert.ok(fastPath);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const renamed = await bundleWith([{ ...fastPath, functionName: 'noSuchFunction' }]);
      assert.equal(renamed.code.split(fastPath.prologue).length, 1, 'no fast path inserted');
      const reparameterized = await bundleWith([{ ...fastPath, parameters: ['key', 'value'] }]);
      assert.equal(reparameterized.code.split(fastPath.prologue).length, 1, 'no fast path inserted');
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.ok(
      warnings.some((message) => /items\.mjs has no function noSuchFunction\(_key, value\) to speed up/.test(message)),
    );
    assert.ok(
      warnings.some((message) => /has no function agentInputSerializationReplacer\(key, value\)/.test(message)),
    );
  });
});
