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
 *
 * The same plugin wraps the schema constants of the modules in `AGENTS_CORE_SHARED_SCHEMAS`, so that a
 * workflow bundle builds them once (agents-core-shared-schemas.ts, workflow/shared-schemas.ts).
 */
import type { BundleOptions } from '@temporalio/worker';
import {
  AGENTS_CORE_FAST_PATHS,
  AGENTS_CORE_SHARED_SCHEMAS,
  type AgentsCoreFastPath,
  type AgentsCoreSharedSchemas,
} from '../common/agents-core-adapter.js';
import { sharedSchemaInsertions } from './agents-core-shared-schemas.js';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = NonNullable<WebpackConfig['plugins']>[number];
type Compiler = Parameters<
  Exclude<WebpackPlugin, false | '' | 0 | null | undefined | ((...args: never[]) => unknown)>['apply']
>[0];

/** The parts of acorn's ESTree nodes (with ranges) that the fast paths read; webpack's parser hands them over. */
interface SyntaxNode {
  type: string;
  range?: [number, number];
}
interface FunctionNode extends SyntaxNode {
  type: 'FunctionDeclaration';
  id?: { name?: string } | null;
  params: readonly SyntaxNode[];
  body: SyntaxNode;
}
interface ProgramNode {
  body: readonly SyntaxNode[];
}

function isFunctionNode(node: unknown): node is FunctionNode {
  return (
    typeof node === 'object' &&
    node !== null &&
    'type' in node &&
    node.type === 'FunctionDeclaration' &&
    'params' in node &&
    Array.isArray(node.params)
  );
}

/** The name of a parameter that is a plain identifier; '?' for a pattern. */
function parameterName(param: SyntaxNode): string {
  return param.type === 'Identifier' && 'name' in param && typeof param.name === 'string' ? param.name : '?';
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
    const node =
      statement.type === 'ExportNamedDeclaration' && 'declaration' in statement ? statement.declaration : statement;
    if (isFunctionNode(node) && node.id?.name === name) {
      return { fn: node, statementStart: statement.range?.[0] };
    }
  }
  return undefined;
}

export function agentsCoreFastPathsPlugin(
  fastPaths: readonly AgentsCoreFastPath[] = AGENTS_CORE_FAST_PATHS,
  sharedSchemas: readonly AgentsCoreSharedSchemas[] = AGENTS_CORE_SHARED_SCHEMAS,
) {
  return {
    /** The first fast-path plugin on a compiler applies; another one (a second copy of the plugin) is left out. */
    apply(compiler: Compiler): void {
      const marked = compiler as Compiler & { [APPLIED]?: true };
      if (marked[APPLIED]) return;
      marked[APPLIED] = true;
      const { ConstDependency } = compiler.webpack.dependencies;
      compiler.hooks.normalModuleFactory.tap(PLUGIN_NAME, (factory) => {
        for (const moduleType of ['javascript/auto', 'javascript/esm'] as const) {
          factory.hooks.parser.for(moduleType).tap(PLUGIN_NAME, (parser) => {
            parser.hooks.program.tap(PLUGIN_NAME, (program) => {
              const resource = parser.state.module.resource ?? '';
              for (const spec of sharedSchemas) {
                if (!spec.module.test(resource)) continue;
                for (const { position, code } of sharedSchemaInsertions(program, spec)) {
                  parser.state.module.addPresentationalDependency(new ConstDependency(code, position));
                }
              }
              for (const fastPath of fastPaths) {
                if (!fastPath.module.test(resource)) continue;
                const found = findFunction(program, fastPath.functionName);
                const params = found?.fn.params.map(parameterName) ?? [];
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
          });
        }
      });
    },
  };
}
