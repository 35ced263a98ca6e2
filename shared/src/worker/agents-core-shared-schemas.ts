/**
 * Which schema constants of an agents-core module the workflow bundle builds once (see
 * `AGENTS_CORE_SHARED_SCHEMAS` in common/agents-core-adapter.ts), and the code that wraps them. Works on
 * the module's syntax tree as webpack's parser hands it over (acorn's ESTree, with ranges).
 */
import type { AgentsCoreSharedSchemas } from '../common/agents-core-adapter.js';
import { SHARED_SCHEMA_GLOBAL } from '../common/shared-schemas.js';

interface SyntaxNode {
  type: string;
  range?: [number, number];
}

function isNode(value: unknown): value is SyntaxNode & Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Identifier' && typeof node.name === 'string' ? node.name : undefined;
}

const POSITION_KEYS = new Set(['type', 'range', 'loc', 'start', 'end']);

/**
 * The names an expression refers to from outside itself. Errs on the side of more: a name declared inside
 * a nested block still counts, so a doubtful schema stays per workflow.
 */
function freeNames(node: unknown, bound: ReadonlySet<string>, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) freeNames(child, bound, out);
    return;
  }
  if (!isNode(node)) return;
  const name = identifierName(node);
  if (name !== undefined) {
    if (!bound.has(name)) out.add(name);
    return;
  }
  if (node.type === 'MemberExpression') {
    freeNames(node.object, bound, out);
    if (node.computed) freeNames(node.property, bound, out);
    return;
  }
  if (node.type === 'Property' || node.type === 'PropertyDefinition' || node.type === 'MethodDefinition') {
    if (node.computed) freeNames(node.key, bound, out);
    freeNames(node.value, bound, out);
    return;
  }
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') {
    const inner = new Set(bound);
    const params = Array.isArray(node.params) ? node.params : [];
    for (const param of params) {
      const paramName = identifierName(param);
      if (paramName !== undefined) inner.add(paramName);
      else freeNames(param, bound, out); // a pattern or a default: whatever it names counts
    }
    freeNames(node.body, inner, out);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (!POSITION_KEYS.has(key)) freeNames(child, bound, out);
  }
}

/** A top-level `const NAME = <call>` of the module (exported or not): a schema candidate. */
interface SchemaConstant {
  name: string;
  init: SyntaxNode & { range: [number, number] };
  refersTo: Set<string>;
}

function schemaConstants(program: { body: readonly unknown[] }): SchemaConstant[] {
  const constants: SchemaConstant[] = [];
  for (const statement of program.body) {
    if (!isNode(statement)) continue;
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (!isNode(declaration) || declaration.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    const declarators = Array.isArray(declaration.declarations) ? declaration.declarations : [];
    for (const declarator of declarators) {
      if (!isNode(declarator)) continue;
      const name = identifierName(declarator.id);
      const init = declarator.init;
      if (name === undefined || !isNode(init) || init.type !== 'CallExpression' || !init.range) continue;
      const refersTo = new Set<string>();
      freeNames(init, new Set(), refersTo);
      constants.push({ name, init: init as SchemaConstant['init'], refersTo });
    }
  }
  return constants;
}

/**
 * The module's constants to build once: calls that refer only to `z`, the module's `pureReferences`
 * and each other (a constant that refers to one left out is left out too), in source order.
 */
export function sharedSchemaConstants(
  program: { body: readonly unknown[] },
  spec: Pick<AgentsCoreSharedSchemas, 'pureReferences'>,
): SchemaConstant[] {
  let shared = schemaConstants(program);
  for (;;) {
    const allowed = new Set(['z', ...spec.pureReferences, ...shared.map((constant) => constant.name)]);
    const kept = shared.filter((constant) => [...constant.refersTo].every((name) => allowed.has(name)));
    if (kept.length === shared.length) return kept;
    shared = kept;
  }
}

/** Code to insert at each position of the module: each shared constant's value becomes a cached build. */
export function sharedSchemaInsertions(
  program: { body: readonly unknown[] },
  spec: Pick<AgentsCoreSharedSchemas, 'key' | 'pureReferences'>,
): { position: number; code: string }[] {
  return sharedSchemaConstants(program, spec).flatMap(({ name, init }) => [
    { position: init.range[0], code: `${SHARED_SCHEMA_GLOBAL}(${JSON.stringify(`${spec.key}:${name}`)}, () => (` },
    { position: init.range[1], code: '))' },
  ]);
}
