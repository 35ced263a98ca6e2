/**
 * Bundle-time fast paths for agents-core code that is slow in Temporal's workflow sandbox, where
 * agents-core offers no hook and its module exports cannot be replaced at run time (webpack defines
 * them as fixed getters, and Temporal freezes modules shared between workflows). Each fast path is
 * code inserted at the start of one agents-core function (and declarations before it), described in
 * common/agents-core-adapter.ts with the reason it changes no result, and pinned by
 * test/unit/agents-core-adapter.test.ts.
 *
 * A fast path only speeds up what agents-core does; if an agents-core release no longer has the described
 * function (or its parameters changed), the function is left as it is and the worker process gets a
 * warning: workflows run as they would without the plugin's fast path. The adapter's test pins each
 * function, so this repository notices such a release at once.
 */
import type { BundleOptions } from '@temporalio/worker';
import { AGENTS_CORE_FAST_PATHS, type AgentsCoreFastPath } from '../common/agents-core-adapter.js';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = NonNullable<WebpackConfig['plugins']>[number];
type Compiler = Parameters<
  Exclude<WebpackPlugin, false | '' | 0 | null | undefined | ((...args: never[]) => unknown)>['apply']
>[0];

/** The parts of webpack's JavaScript parser (acorn's ESTree nodes with ranges) the fast paths use. */
interface FunctionNode {
  type: string;
  id?: { name?: string } | null;
  params: Array<{ type: string; name?: string }>;
  body: { type: string; range?: [number, number] };
}
interface ProgramNode {
  body: Array<{ type: string; range?: [number, number]; declaration?: FunctionNode | null } & Partial<FunctionNode>>;
}
interface Parser {
  state: { module: { resource?: string; addPresentationalDependency(dependency: unknown): void } };
  hooks: { program: { tap(name: string, fn: (ast: ProgramNode) => void): void } };
}

const PLUGIN_NAME = 'OpenAIAgentsTemporalFastPaths';
const warned = new Set<string>();

/** Each message once per process: a worker may bundle more than once (a replay, a test suite). */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: 'OPENAI_AGENTS_TEMPORAL_FAST_PATH' });
}
/** Marks a compiler that has fast paths already: code inserted twice would declare its constants twice. */
const APPLIED = Symbol.for('openai-agents-temporal.agentsCoreFastPaths');

/** The top-level function `name` of a module, exported or not, and where its statement starts. */
function findFunction(program: ProgramNode, name: string): { fn: FunctionNode; statementStart?: number } | undefined {
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' ? statement.declaration : (statement as FunctionNode);
    if (node?.type === 'FunctionDeclaration' && node.id?.name === name) {
      return { fn: node, statementStart: statement.range?.[0] };
    }
  }
  return undefined;
}

export function agentsCoreFastPathsPlugin(fastPaths: readonly AgentsCoreFastPath[] = AGENTS_CORE_FAST_PATHS) {
  return {
    /** The first fast-path plugin on a compiler applies; another one (a second copy of the plugin) is left out. */
    apply(compiler: Compiler): void {
      const marked = compiler as Compiler & { [APPLIED]?: true };
      if (marked[APPLIED]) return;
      marked[APPLIED] = true;
      const { ConstDependency } = compiler.webpack.dependencies;
      compiler.hooks.normalModuleFactory.tap(PLUGIN_NAME, (factory) => {
        const onParser = (parser: Parser) => {
          parser.hooks.program.tap(PLUGIN_NAME, (program) => {
            const resource = parser.state.module.resource ?? '';
            for (const fastPath of fastPaths) {
              if (!fastPath.module.test(resource)) continue;
              const found = findFunction(program, fastPath.functionName);
              const params = found?.fn.params.map((param) => (param.type === 'Identifier' ? param.name : '?')) ?? [];
              const bodyStart = found?.fn.body.range?.[0];
              const statementStart = found?.statementStart;
              if (
                bodyStart === undefined ||
                statementStart === undefined ||
                params.join(',') !== fastPath.parameters.join(',')
              ) {
                warnOnce(
                  `openai-agents-temporal: ${resource} has no function ${fastPath.functionName}(${fastPath.parameters.join(', ')}) ` +
                    'to speed up, so it is left as it is: workflows behave the same, only slower in the sandbox. This ' +
                    'agents-core version is newer than the plugin knows; an update of openai-agents-temporal brings the fast path back.',
                );
                continue;
              }
              const module = parser.state.module;
              if (fastPath.declarations) {
                module.addPresentationalDependency(new ConstDependency(fastPath.declarations, statementStart));
              }
              // Right after the body's opening brace.
              module.addPresentationalDependency(new ConstDependency(fastPath.prologue, bodyStart + 1));
            }
          });
        };
        factory.hooks.parser.for('javascript/auto').tap(PLUGIN_NAME, onParser as never);
        factory.hooks.parser.for('javascript/esm').tap(PLUGIN_NAME, onParser as never);
      });
    },
  };
}
