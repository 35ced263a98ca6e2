/**
 * Workflow-bundle settings the agents runtime needs (see ../shared/reference/sandbox-feasibility.md):
 * polyfills first in the entry, dynamic imports kept in the one chunk Temporal loads, agents-core's
 * browser shims, the plugin's model parameters baked in, and a clear bundle-time error for imports
 * that cannot run in the sandbox.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';
import { BUNDLE_CONFIG_GLOBAL, type ModelActivityParameters } from '../common/model-params';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

export const PRELOAD_MODULE = fileURLToPath(new URL('../workflow/preload.ts', import.meta.url));

const BLOCKED_IMPORT = /^(@openai\/agents|@openai\/agents-openai|openai)(\/.*)?$/;
const ALLOWED_IMPORT = /^openai\/helpers\//; // agents-core's zod helpers: pure, sandbox-safe

export function blockedImportMessage(request: string): string {
  return (
    `Workflow code imports "${request}", which loads the OpenAI HTTP client and cannot run in Temporal's ` +
    'workflow sandbox. In workflow code import agents from "@openai/agents-core" and hosted tools from ' +
    '"openai-agents-temporal/workflow"; keep "@openai/agents", "@openai/agents-openai" and "openai" in ' +
    'activities and worker code (the model provider goes in OpenAIAgentsPlugin({ modelProvider })).'
  );
}

/** Writes the module that hands the model parameters to workflow code; returns its path. */
export function writeBundleConfigModule(params: ModelActivityParameters): string {
  const { summary, ...rest } = params;
  let body = `globalThis[${JSON.stringify(BUNDLE_CONFIG_GLOBAL)}] = { modelParams: ${JSON.stringify(rest)} };\n`;
  if (typeof summary === 'string') {
    body += `globalThis[${JSON.stringify(BUNDLE_CONFIG_GLOBAL)}].modelParams.summary = ${JSON.stringify(summary)};\n`;
  } else if (typeof summary === 'function') {
    body += `globalThis[${JSON.stringify(BUNDLE_CONFIG_GLOBAL)}].modelParams.summary = (${functionExpression(summary)});\n`;
  }
  const dir = join(tmpdir(), 'openai-agents-temporal');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bundle-config-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`);
  writeFileSync(file, body);
  return file;
}

/** The function's source as an expression; method shorthand (`summary(call) {}`) gets a `function` keyword. */
function functionExpression(fn: (...args: never[]) => unknown): string {
  const source = fn.toString();
  for (const candidate of [source, `function ${source}`]) {
    try {
      new Function(`return (${candidate});`);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new TypeError(
    'modelParams.summary must be a plain function whose source can be copied into the workflow bundle.',
  );
}

export function configureWebpack(config: WebpackConfig, bundleConfigModule: string): WebpackConfig {
  const entry = Array.isArray(config.entry) ? config.entry : config.entry ? [config.entry as string] : [];
  config.entry = [PRELOAD_MODULE, bundleConfigModule, ...(entry as string[])];

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
    {
      apply(compiler) {
        compiler.hooks.normalModuleFactory.tap('OpenAIAgentsBlockedImports', (factory) => {
          factory.hooks.beforeResolve.tap('OpenAIAgentsBlockedImports', (data) => {
            const request = data.request;
            if (BLOCKED_IMPORT.test(request) && !ALLOWED_IMPORT.test(request)) {
              throw new Error(blockedImportMessage(request));
            }
          });
        });
      },
    },
  ];
  return config;
}
