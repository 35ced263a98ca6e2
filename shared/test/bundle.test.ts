// The workflow entry is bundle-safe, `@openai/agents` imports get their workflow-safe form, and mistakes in
// workflow imports fail at bundle time with the fix.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { quietBundlerLogger, useAgentsTestEnvironment } from '../src/testing/index.js';
import { refusedImportMessage, versionMismatchMessage, WorkflowBundleError } from '../src/worker/bundler.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

describe('the workflow entry in a real workflow bundle', () => {
  it('bundles with the plugin and holds no Node-only module and no OpenAI client', async () => {
    // Temporal's bundler itself rejects Node built-ins and Node-only Temporal packages.
    const { code } = await bundleWorkflowCode({
      workflowsPath: here('./workflows/everything-from-workflow-entry.ts'),
      plugins: [new OpenAIAgentsPlugin()],
      logger: quietBundlerLogger,
    });
    const modules = new Set(bundledModules(code));
    assert.deepEqual([...modules].filter(notForTheSandbox), []);
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

  it('a workflow importing @openai/agents bundles agents-core once and none of @openai/agents’ own modules', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: here('./workflows/agents-sdk-imports.ts'),
      plugins: [new OpenAIAgentsPlugin()],
      logger: quietBundlerLogger,
    });
    const modules = bundledModules(code);
    // Their module-level code (OpenAIProvider as the default, the OpenAI trace exporter) is not in the bundle.
    assert.deepEqual(modules.filter(notForTheSandbox), []);
    // One store folder of agents-core (a literal prefix: the bundle holds megabytes of inline source maps).
    const coreRoots = new Set([...code.matchAll(/\.pnpm\/(@openai\+agents-core@[^/]+)\//g)].map((m) => m[1]));
    assert.equal(coreRoots.size, 1, `agents-core copies: ${[...coreRoots].join(', ')}`);
    assert.ok(code.includes('workflow/openai-agents.ts'), 'the workflow-safe form is in the bundle');
  });

  it('an import the plugin refuses: Worker.create throws the plugin’s message, naming the import and its importer', async () => {
    const workflowsPath = here('./workflows/imports-openai-client.ts');
    const expected = refusedImportMessage('openai', [workflowsPath]);
    assert.match(expected, /cannot run in Temporal's workflow sandbox/);
    assert.match(expected, /import \{ Agent, run \} from "@openai\/agents"/);
    const quiet = { ...quietBundlerLogger, error: () => {} };
    await assert.rejects(
      bundleWorkflowCode({ workflowsPath, plugins: [new OpenAIAgentsPlugin()], logger: quiet }),
      (error: Error) => error instanceof WorkflowBundleError && error.message === expected,
    );
    await assert.rejects(
      Worker.create({
        connection: testEnv().env.nativeConnection,
        taskQueue: 'refused-bundle-never-polled',
        workflowsPath,
        plugins: [new OpenAIAgentsPlugin()],
      }),
      (error: Error) => error.message === expected,
    );
  });

  it('@openai/agents of another version than the bundle’s agents-core fails the bundle, naming both', async () => {
    const fixture = here('./fixtures/mismatched-agents');
    const coreRoot = realpathSync(join(here('..'), 'node_modules', '@openai', 'agents-core'));
    const coreVersion = (JSON.parse(readFileSync(join(coreRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
    const expected = versionMismatchMessage(
      { name: '@openai/agents', version: '0.19.0', root: realpathSync(join(fixture, 'node_modules/@openai/agents')) },
      { version: coreVersion, roots: [coreRoot] },
    );
    assert.match(expected, /"@openai\/agents" 0\.19\.0 .* "@openai\/agents-core" 0\.20\.\d/);
    await assert.rejects(
      bundleWorkflowCode({
        workflowsPath: join(fixture, 'workflows.js'),
        plugins: [new OpenAIAgentsPlugin()],
        logger: quietBundlerLogger,
      }),
      (error: Error) => error instanceof WorkflowBundleError && error.message === expected,
    );
  });
});

/** Modules a workflow bundle must not hold: the OpenAI packages' own code (agents-core's zod helpers from `openai` are fine), Node-only Temporal packages. */
function notForTheSandbox(path: string): boolean {
  return (
    /^@openai\/(agents|agents-openai|agents-realtime)\//.test(path) ||
    /^openai\/(client|index|resources\/|internal\/utils\/abort)/.test(path) ||
    /^@temporalio\/(activity|client|worker|testing|core-bridge)\//.test(path)
  );
}

/** The node_modules files a bundle holds, as `<package>/<path>`. */
function bundledModules(code: string): string[] {
  return [
    ...new Set([...code.matchAll(/node_modules\/((?:@[\w-]+\/)?[\w.-]+)\/([\w./-]+)/g)].map((m) => `${m[1]}/${m[2]}`)),
  ];
}
