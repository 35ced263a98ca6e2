/**
 * `structuredClone` for Temporal's workflow sandbox, which has none. agents-core clones input items,
 * tool outputs and run state with it (every turn clones the whole conversation), and Temporal clones
 * the arguments of every sink call (the plugin's spans) with it.
 *
 * Values made of plain objects, arrays and primitives (all of the above, in practice) are copied by a
 * direct walk; errors too, as the host's structuredClone copies them (type, message, stack, cause), where
 * the polyfill gave a new error whose stack pointed into itself (a worker's "Workflow failed" log showed
 * that stack); anything else (class instances, dates, maps, typed arrays, functions, ...) goes to
 * @ungap/structured-clone, the polyfill used before. The walk gives exactly what the polyfill
 * gives for the values it takes (own enumerable string keys in order, `undefined` kept, holes read
 * as `undefined`, shared and circular references kept), so histories recorded with the polyfill
 * replay the same.
 *
 * The builtins are read once here: in the sandbox every global lookup goes through the vm context's
 * interceptor and costs about 15 times an ordinary one.
 */
import ungapStructuredClone from '@ungap/structured-clone';

const { keys, getPrototypeOf, defineProperty, getOwnPropertyDescriptor, hasOwn } = Object;
const { isArray } = Array;
const arrayPrototype = Array.prototype;
const objectPrototype = Object.prototype;
const objectToString = Object.prototype.toString;

/** The error types structuredClone keeps; an error of any other name becomes an Error. */
const ERROR_TYPES: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

/** Thrown inside the walk when a value needs the polyfill; never escapes {@link sandboxStructuredClone}. */
const NEEDS_POLYFILL = Symbol('needs polyfill');

/**
 * The polyfill's own algorithm, also where a native `structuredClone` exists (the package defers to
 * it unless an option is given); `lossy: false` is its default, strict mode.
 */
export function polyfillStructuredClone<T>(value: T): T {
  return ungapStructuredClone(value, { lossy: false });
}

export function sandboxStructuredClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) {
    // Functions and symbols make the polyfill throw its own error; other primitives are themselves.
    return typeof value === 'function' || typeof value === 'symbol' ? polyfillStructuredClone(value) : value;
  }
  try {
    return walk(value, new Map()) as T;
  } catch (error) {
    if (error !== NEEDS_POLYFILL) throw error;
    return polyfillStructuredClone(value);
  }
}

function walk(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw NEEDS_POLYFILL;
    return value;
  }
  const copied = seen.get(value);
  if (copied !== undefined) return copied;
  if (isArray(value)) {
    if (getPrototypeOf(value) !== arrayPrototype || objectToString.call(value) !== '[object Array]')
      throw NEEDS_POLYFILL;
    const out: unknown[] = [];
    seen.set(value, out);
    for (let index = 0; index < value.length; index++) out.push(walk(value[index], seen));
    return out;
  }
  const tag = objectToString.call(value);
  if (tag === '[object Error]') return copyError(value as Error, seen);
  const prototype = getPrototypeOf(value);
  // A plain object whose tag is Object (no Symbol.toStringTag): the polyfill copies it key by key.
  if ((prototype !== objectPrototype && prototype !== null) || tag !== '[object Object]') {
    throw NEEDS_POLYFILL;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const record = value as Record<string, unknown>;
  for (const key of keys(record)) {
    const item = walk(record[key], seen);
    if (key === '__proto__')
      defineProperty(out, key, { value: item, configurable: true, enumerable: true, writable: true });
    else out[key] = item;
  }
  return out;
}

/** As the host's structuredClone: the standard type by name, the own message, the stack, the cause. */
function copyError(error: Error, seen: Map<object, unknown>): Error {
  const name = error.name;
  const ErrorType = (typeof name === 'string' && hasOwn(ERROR_TYPES, name) && ERROR_TYPES[name]) || Error;
  const out = new ErrorType();
  seen.set(error, out);
  const own = (key: string, value: unknown) =>
    defineProperty(out, key, { value, configurable: true, enumerable: false, writable: true });
  const message = getOwnPropertyDescriptor(error, 'message');
  if (message && 'value' in message) own('message', String(message.value));
  const stack = error.stack;
  if (typeof stack === 'string') own('stack', stack);
  if (getOwnPropertyDescriptor(error, 'cause')) own('cause', walk(error.cause, seen));
  return out;
}
