// The workflow entry is bundle-safe, and mistakes in workflow imports fail at bundle time with the fix.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, it } from 'vitest';
import { quietBundlerLogger } from '../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('the workflow entry in a real workflow bundle', () => {
  it('bundles with the plugin and holds no Node-only module and no OpenAI client', async () => {
    // Temporal's bundler itself rejects Node built-ins and Node-only Temporal packages.
    const { code } = await bundleWorkflowCode({
      workflowsPath: here('./workflows/everything-from-workflow-entry.ts'),
      plugins: [new OpenAIAgentsPlugin()],
      logger: quietBundlerLogger,
    });
    const modules = new Set(
      [...code.matchAll(/node_modules\/((?:@[\w-]+\/)?[\w.-]+)\/([\w./-]+)/g)].map((m) => `${m[1]}/${m[2]}`),
    );
    const offending = [...modules].filter(
      (path) =>
        path.startsWith('@openai/agents-openai/') ||
        path.startsWith('@openai/agents/') ||
        /^openai\/(client|index|resources\/|internal\/utils\/abort)/.test(path) ||
        /^@temporalio\/(activity|client|worker|testing|core-bridge)\//.test(path),
    );
    assert.deepEqual(offending, []);
    assert.ok(
      [...modules].some((path) => path.startsWith('@openai/agents-core/')),
      'agents-core is in the bundle',
    );
    assert.ok(code.includes('__openaiAgentsTemporalPolyfilled'), 'the polyfill entry is in the bundle');
  });

  it('workflow-side sources import only sandbox-safe modules', () => {
    const allowed = new Set([
      '@openai/agents-core',
      '@openai/agents-core/utils/internal',
      // SandboxAgent, Manifest and the capabilities; the Node-only clients are in `/sandbox/local`.
      '@openai/agents-core/sandbox',
      '@temporalio/workflow',
      '@temporalio/common',
      '@ungap/structured-clone',
      'web-streams-polyfill',
      'zod',
    ]);
    const files = ['../src/workflow', '../src/common'].flatMap((dir) =>
      readdirSync(here(dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(here(dir), name)),
    );
    assert.ok(files.length > 5);
    const violations: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?from\s+)?'([^']+)'/gm)) {
        const [, typeOnly, specifier = ''] = match;
        if (specifier.startsWith('.') || typeOnly || allowed.has(specifier)) continue;
        violations.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('importing @openai/agents-openai in workflow code fails the bundle with a message that names the fix', async () => {
    const errors: string[] = [];
    await assert.rejects(
      bundleWorkflowCode({
        workflowsPath: here('./workflows/imports-agents-openai.ts'),
        plugins: [new OpenAIAgentsPlugin()],
        logger: { ...quietBundlerLogger, error: (message: string) => errors.push(message) },
      }),
    );
    const report = errors.join('\n');
    assert.match(report, /imports "@openai\/agents-openai"/);
    assert.match(report, /import agents from "@openai\/agents-core"/);
  });
});
