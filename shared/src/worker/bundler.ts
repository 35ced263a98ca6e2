/**
 * Workflow-bundle settings the agents runtime needs (see the README's "How it works"): polyfills
 * first in the entry, dynamic imports kept in the one chunk Temporal loads, agents-core's browser
 * shims, the plugin's model parameters and the sandbox's stack-trace limit defined as data, one copy of
 * agents-core and of this plugin, agents-core's fast paths for the sandbox (agents-core-fast-paths.ts),
 * `@openai/agents` and `@openai/agents-openai` mapped to their workflow-safe form (workflow/openai-agents.ts),
 * and a clear bundle-time error for imports that cannot run in the sandbox.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';
import { BUNDLED_MODEL_PARAMS, type BundledModelParameters } from '../common/model-params.js';
import { BUNDLED_STACK_TRACE_LIMIT, DEFAULT_WORKFLOW_STACK_TRACE_LIMIT } from '../common/stack-trace-limit.js';
import { BUNDLED_WORKFLOW_TRACING } from '../common/trace-context.js';
import { agentsCoreFastPathsPlugin } from './agents-core-fast-paths.js';

const PLUGIN_NAME = 'OpenAIAgentsTemporal';

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

/** Where workflow code's `@openai/agents` and `@openai/agents-openai` imports go: the workflow-safe form of both. */
const WORKFLOW_SAFE_PACKAGES = ['@openai/agents', '@openai/agents-openai'];
/** `@openai/agents` subpaths that only re-export agents-core's: they go to agents-core's, as in the real package. */
const AGENTS_CORE_SUBPATHS: Record<string, string> = {
  '@openai/agents/utils': '@openai/agents-core/utils',
  '@openai/agents/testing': '@openai/agents-core/testing',
  '@openai/agents/sandbox': '@openai/agents-core/sandbox',
  '@openai/agents/sandbox/local': '@openai/agents-core/sandbox/local',
};
const REFUSED_IMPORT = /^(@openai\/agents|@openai\/agents-openai|@openai\/agents-realtime|openai)(\/.*)?$/;
const ALLOWED_IMPORT = /^openai\/helpers\//; // agents-core's zod helpers: pure, sandbox-safe

/** Packages that must be in the bundle once: the plugin sets its model provider on agents-core's module state. */
const SINGLE_COPY_PACKAGES = ['@openai/agents-core', 'openai-agents-temporal'];

/** Why an import cannot be in workflow code, and what to do instead. */
function refusalReason(request: string): string {
  if (/^@openai\/agents(-realtime|\/realtime)/.test(request)) {
    return (
      'Realtime (voice) sessions hold a live WebSocket or WebRTC connection, which a workflow cannot. Run them ' +
      'in a browser or a server process, and start workflows from there for the durable work.'
    );
  }
  if (request.startsWith('@openai/agents')) {
    return (
      'It calls the OpenAI API. Models belong on the worker, in a ModelProvider given to ' +
      'OpenAIAgentsPlugin({ modelProvider }); in workflow code import from "@openai/agents" (the plugin gives ' +
      'workflows a sandbox-safe form of it) and name models as strings.'
    );
  }
  return (
    'It is the OpenAI HTTP client, and workflow code cannot make network calls. Run agents with ' +
    '`import { Agent, run } from "@openai/agents"` (each model call becomes an activity on the worker, where ' +
    'OpenAIAgentsPlugin({ modelProvider }) configures the client); make other OpenAI API calls in activities.'
  );
}

/** The plugin's message for an import it refuses in workflow code: what, from where, and what to do. */
export function refusedImportMessage(request: string, importers: string[]): string {
  const from = importers.length > 0 ? ` (imported by ${importers.join(', ')})` : '';
  return (
    `Workflow code imports "${request}"${from}, which cannot run in Temporal's workflow sandbox. ` +
    refusalReason(request)
  );
}

export function versionMismatchMessage(
  umbrella: { name: string; version: string; root: string },
  core: { version: string; roots: string[] },
): string {
  return (
    `The workflow bundle has "${umbrella.name}" ${umbrella.version} (${umbrella.root}) but "@openai/agents-core" ` +
    `${core.version} (${core.roots.join(', ')}). ${umbrella.name} ${umbrella.version} is built on ` +
    `@openai/agents-core ${umbrella.version}: install the same version of both ` +
    `(npm install ${umbrella.name}@${core.version}, or @openai/agents-core@${umbrella.version}).`
  );
}

/** Thrown from bundleWorkflowCode / Worker.create when the plugin refuses the workflow bundle. */
export class WorkflowBundleError extends Error {
  override name = 'WorkflowBundleError';
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
        compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation, { normalModuleFactory }) => {
          const refused = new Map<string, Set<string>>();
          const umbrellas = new Map<string, { name: string; version: string; root: string }>();
          normalModuleFactory.hooks.beforeResolve.tap(PLUGIN_NAME, (data) => {
            const request = data.request;
            if (WORKFLOW_SAFE_PACKAGES.includes(request)) {
              const installed = installedPackage(request, data.context);
              if (installed) umbrellas.set(installed.root, installed);
              data.request = workflowModule('openai-agents');
              return;
            }
            const coreSubpath = AGENTS_CORE_SUBPATHS[request];
            if (coreSubpath) {
              // From the plugin's folder: agents-core resolves where the plugin's own copy is.
              data.request = coreSubpath;
              data.context = dirname(workflowModule('index'));
              return;
            }
            if (REFUSED_IMPORT.test(request) && !ALLOWED_IMPORT.test(request)) {
              let importers = refused.get(request);
              if (!importers) {
                importers = new Set();
                refused.set(request, importers);
              }
              if (data.contextInfo.issuer) importers.add(data.contextInfo.issuer);
              return false; // not bundled: the compilation fails below with the reason
            }
          });
          // Failing this hook makes bundleWorkflowCode and Worker.create throw the plugin's own message
          // (errors pushed to the compilation reach users only as "Webpack finished with errors").
          compilation.hooks.finishModules.tapAsync(PLUGIN_NAME, (modules, callback) => {
            const problems = [...refused].map(([request, importers]) => refusedImportMessage(request, [...importers]));
            const packages = packageRoots(modules);
            for (const [name, roots] of packages) {
              if (roots.size > 1) problems.push(duplicateCopiesMessage(name, [...roots.keys()]));
            }
            const core = packages.get('@openai/agents-core');
            const coreVersions = new Set(core?.values());
            for (const umbrella of umbrellas.values()) {
              if (!core || coreVersions.has(umbrella.version)) continue;
              problems.push(
                versionMismatchMessage(umbrella, { version: [...coreVersions].join(' and '), roots: [...core.keys()] }),
              );
            }
            callback(problems.length > 0 ? new WorkflowBundleError(problems.join('\n\n')) : undefined);
          });
        });
      },
    },
  ];
  return config;
}

type ResolvedModule = {
  resourceResolveData?: {
    descriptionFileRoot?: string;
    descriptionFileData?: { name?: string; version?: string };
  };
};

/** Where each watched package was bundled from (and at which version), by the package.json webpack found for each module. */
function packageRoots(modules: Iterable<unknown>): Map<string, Map<string, string>> {
  const roots = new Map<string, Map<string, string>>();
  for (const module of modules) {
    const data = (module as ResolvedModule).resourceResolveData;
    const name = data?.descriptionFileData?.name;
    const root = data?.descriptionFileRoot;
    if (!name || !root || !SINGLE_COPY_PACKAGES.includes(name)) continue;
    let found = roots.get(name);
    if (!found) {
      found = new Map();
      roots.set(name, found);
    }
    // a package reached through a symlink is still one copy
    found.set(realpathSync(root), data?.descriptionFileData?.version ?? 'unknown');
  }
  return roots;
}

/**
 * The installed package workflow code in `context` would get for `name` (its exports hide package.json,
 * so from its entry up to its folder); undefined when it is not installed.
 */
function installedPackage(name: string, context: string): { name: string; version: string; root: string } | undefined {
  let entry: string;
  try {
    entry = createRequire(join(context, 'workflow.js')).resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const data = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (data.name === name && data.version) return { name, version: data.version, root: realpathSync(dir) };
  }
  return undefined;
}
