/**
 * Workflow-bundle settings the agents runtime needs (see the README's "How it works"): polyfills
 * first in the entry, dynamic imports kept in the one chunk Temporal loads, agents-core's browser
 * shims, the plugin's model parameters and the sandbox's stack-trace limit defined as data, one copy of agents-core and of this plugin,
 * agents-core's fast paths for the sandbox (agents-core-fast-paths.ts), and a clear bundle-time error
 * for imports that cannot run in the sandbox.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';
import { BUNDLED_MODEL_PARAMS, type BundledModelParameters } from '../common/model-params.js';
import { BUNDLED_STACK_TRACE_LIMIT, DEFAULT_WORKFLOW_STACK_TRACE_LIMIT } from '../common/stack-trace-limit.js';
import { BUNDLED_WORKFLOW_TRACING } from '../common/trace-context.js';
import { agentsCoreFastPathsPlugin } from './agents-core-fast-paths.js';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/** webpack's full report goes to the bundler's logger at info level; this one keeps warnings and errors. */
export const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** A module of this package's workflow side, as a file: `.ts` when running from source, `.js` from the build. */
export function workflowModule(name: string): string {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`../workflow/${name}${extension}`, import.meta.url));
}

const BLOCKED_IMPORT = /^(@openai\/agents|@openai\/agents-openai|openai)(\/.*)?$/;
const ALLOWED_IMPORT = /^openai\/helpers\//; // agents-core's zod helpers: pure, sandbox-safe

/** Packages that must be in the bundle once: the plugin sets its model provider on agents-core's module state. */
const SINGLE_COPY_PACKAGES = ['@openai/agents-core', 'openai-agents-temporal'];

export function blockedImportMessage(request: string): string {
  return (
    `Workflow code imports "${request}", which loads the OpenAI HTTP client and cannot run in Temporal's ` +
    'workflow sandbox. In workflow code import agents from "@openai/agents-core" and hosted tools from ' +
    '"openai-agents-temporal/workflow"; keep "@openai/agents", "@openai/agents-openai" and "openai" in ' +
    'activities and worker code (the model provider goes in OpenAIAgentsPlugin({ modelProvider })).'
  );
}

export function duplicateCopiesMessage(name: string, roots: string[]): string {
  return (
    `The workflow bundle holds ${roots.length} copies of "${name}":\n${roots.map((root) => `  - ${root}`).join('\n')}\n` +
    'Workflow code and openai-agents-temporal must share one copy, or agents run without the plugin. ' +
    'Install one version of it in your project: openai-agents-temporal lists @openai/agents-core and ' +
    '@temporalio/* as peer dependencies, so add them to your own package.json, install the plugin from a ' +
    'registry or a packed tarball (not a symlinked folder: with npm use `npm install --install-links <folder>`), ' +
    'and check with `npm ls @openai/agents-core` that one version is left.'
  );
}

export function configureWebpack(
  config: WebpackConfig,
  modelParams: BundledModelParameters,
  tracesInWorkflows = true,
  stackTraceLimit = DEFAULT_WORKFLOW_STACK_TRACE_LIMIT,
): WebpackConfig {
  const entry = Array.isArray(config.entry) ? config.entry : config.entry ? [config.entry as string] : [];
  config.entry = [workflowModule('preload'), ...(entry as string[])];

  config.module ??= {};
  config.module.parser ??= {};
  config.module.parser.javascript = {
    ...config.module.parser.javascript,
    dynamicImportMode: 'eager',
  };

  // agents-core must resolve its browser shims; a project that sets conditionNames must keep 'browser' first.
  const conditions = config.resolve?.conditionNames;
  if (conditions && !conditions.includes('browser')) {
    config.resolve = {
      ...config.resolve,
      conditionNames: ['browser', ...conditions],
    };
  }

  config.plugins = [
    ...(config.plugins ?? []),
    agentsCoreFastPathsPlugin(),
    {
      apply(compiler) {
        new compiler.webpack.DefinePlugin({
          [BUNDLED_MODEL_PARAMS]: JSON.stringify(modelParams),
          [BUNDLED_WORKFLOW_TRACING]: JSON.stringify(tracesInWorkflows),
          // String, not JSON: Infinity is a number here and null in JSON.
          [BUNDLED_STACK_TRACE_LIMIT]: String(stackTraceLimit),
        }).apply(compiler);
        compiler.hooks.normalModuleFactory.tap('OpenAIAgentsBlockedImports', (factory) => {
          factory.hooks.beforeResolve.tap('OpenAIAgentsBlockedImports', (data) => {
            const request = data.request;
            if (BLOCKED_IMPORT.test(request) && !ALLOWED_IMPORT.test(request)) {
              throw new Error(blockedImportMessage(request));
            }
          });
        });
        compiler.hooks.compilation.tap('OpenAIAgentsSingleCopy', (compilation) => {
          compilation.hooks.finishModules.tap('OpenAIAgentsSingleCopy', (modules) => {
            for (const [name, roots] of packageRoots(modules)) {
              if (roots.size > 1) {
                compilation.errors.push(new compiler.webpack.WebpackError(duplicateCopiesMessage(name, [...roots])));
              }
            }
          });
        });
      },
    },
  ];
  return config;
}

type ResolvedModule = {
  resourceResolveData?: { descriptionFileRoot?: string; descriptionFileData?: { name?: string } };
};

/** Where each watched package was bundled from, by the package.json webpack found for each module. */
function packageRoots(modules: Iterable<unknown>): Map<string, Set<string>> {
  const roots = new Map<string, Set<string>>();
  for (const module of modules) {
    const data = (module as ResolvedModule).resourceResolveData;
    const name = data?.descriptionFileData?.name;
    const root = data?.descriptionFileRoot;
    if (!name || !root || !SINGLE_COPY_PACKAGES.includes(name)) continue;
    let set = roots.get(name);
    if (!set) {
      set = new Set();
      roots.set(name, set);
    }
    set.add(realpathSync(root)); // a package reached through a symlink is still one copy
  }
  return roots;
}
