/**
 * The web globals `@openai/agents-core` needs that Temporal's workflow sandbox lacks.
 * Installed once when the bundle loads (the plugin prepends `preload.ts` to the webpack entry),
 * before agents-core's browser shim copies `ReadableStream` into module constants.
 * Every polyfill is pure and deterministic; none overrides a global that exists.
 */
import { ReadableStream, TransformStream, WritableStream } from 'web-streams-polyfill';
import { sandboxStructuredClone } from './structured-clone.js';

type Listener = (event: SandboxEvent) => void;

class SandboxEvent {
  defaultPrevented = false;
  constructor(readonly type: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class SandboxCustomEvent<T> extends SandboxEvent {
  readonly detail: T;
  constructor(type: string, init?: { detail?: T }) {
    super(type);
    this.detail = init?.detail as T;
  }
}

// agents-core's browser event emitter (Agent and Runner hooks) is built on these; it needs
// synchronous dispatch in registration order, nothing more.
class SandboxEventTarget {
  readonly #listeners = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
  }
  removeEventListener(type: string, listener: Listener | null): void {
    if (listener) this.#listeners.get(type)?.delete(listener);
  }
  dispatchEvent(event: SandboxEvent): boolean {
    for (const listener of [...(this.#listeners.get(event.type) ?? [])]) listener.call(this, event);
    return !event.defaultPrevented;
  }
}

export const POLYFILLED_FLAG = '__openaiAgentsTemporalPolyfilled';

export function installPolyfills(): void {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.structuredClone !== 'function') {
    g.structuredClone = sandboxStructuredClone;
  }
  if (typeof g.EventTarget !== 'function') {
    g.Event = SandboxEvent;
    g.CustomEvent = SandboxCustomEvent;
    g.EventTarget = SandboxEventTarget;
  }
  if (typeof g.AbortSignal === 'undefined' && typeof g.AbortController === 'function') {
    // The sandbox injects AbortController but not AbortSignal; agents-core calls AbortSignal.any.
    g.AbortSignal = new AbortController().signal.constructor;
  }
  if (typeof g.ReadableStream !== 'function') {
    g.ReadableStream = ReadableStream;
    g.WritableStream = WritableStream;
    g.TransformStream = TransformStream;
  }
  g[POLYFILLED_FLAG] = true;
}
