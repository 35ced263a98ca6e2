// The bundle-time fast paths for agents-core (worker/agents-core-fast-paths.ts): inserted where the
// adapter says, and a bundle that cannot take one fails instead of silently running without it.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, it } from 'vitest';
import { AGENTS_CORE_FAST_PATHS, type AgentsCoreFastPath } from '../src/common/agents-core-adapter.js';
import { quietBundlerLogger } from '../src/testing/index.js';
import { agentsCoreFastPathsPlugin } from '../src/worker/agents-core-fast-paths.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const workflowsPath = fileURLToPath(new URL('./workflows/chat.ts', import.meta.url));

function bundleWith(fastPaths: readonly AgentsCoreFastPath[], errors: string[] = []) {
  return bundleWorkflowCode({
    workflowsPath,
    plugins: [new OpenAIAgentsPlugin()],
    logger: { ...quietBundlerLogger, error: (message: string) => errors.push(message) },
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

  it('fails the bundle when agents-core has no such function', async () => {
    const [fastPath] = AGENTS_CORE_FAST_PATHS;
    assert.ok(fastPath);
    const errors: string[] = [];
    await assert.rejects(
      bundleWith([{ ...fastPath, functionName: 'noSuchFunction' }], errors),
      /Webpack finished with errors/,
    );
    assert.match(errors.join('\n'), /items\.mjs has no function noSuchFunction\(_key, value\) to speed up/);
    errors.length = 0;
    await assert.rejects(
      bundleWith([{ ...fastPath, parameters: ['key', 'value'] }], errors),
      /Webpack finished with errors/,
    );
    assert.match(errors.join('\n'), /has no function agentInputSerializationReplacer\(key, value\)/);
  });
});
