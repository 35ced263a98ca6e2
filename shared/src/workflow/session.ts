/**
 * A conversation session kept in the workflow, that outlives the run: agents-core's `Session`, whose
 * items are exported into `continueAsNew` and restored in the next run. It does no I/O (the items are
 * workflow state, recovered by replay), and adds no work per turn that grows with the conversation:
 * reading copies the array of references (the runner clones what it uses), adding appends.
 */
import type { AgentInputItem, Session } from '@openai/agents-core';
import { workflowInfo } from '@temporalio/workflow';

/** What a session carries into the next run: pass it in `continueAsNew` arguments, then `WorkflowSession.restore`. */
export interface WorkflowSessionState {
  sessionId: string;
  items: AgentInputItem[];
}

export interface WorkflowSessionOptions {
  /** Default: the workflow id, which stays the same across continue-as-new. */
  sessionId?: string;
  /** The conversation so far (say, from a previous run's `exportState().items`). */
  initialItems?: AgentInputItem[];
}

/**
 * `run(agent, message, { session })` in a workflow, for a conversation that spans runs:
 *
 * ```ts
 * const session = WorkflowSession.restore(input.session); // undefined: a new conversation
 * await run(agent, message, { session });
 * // when historyStatus() says so:
 * await continueAsNew<typeof chat>({ session: session.exportState() });
 * ```
 *
 * Items are kept as the runner gives them; do not change an item you read from it in place.
 */
export class WorkflowSession implements Session {
  readonly #sessionId: string;
  #items: AgentInputItem[];

  constructor(options: WorkflowSessionOptions = {}) {
    this.#sessionId = options.sessionId ?? workflowInfo().workflowId;
    const initial = options.initialItems ?? [];
    if (!Array.isArray(initial)) {
      throw new TypeError('WorkflowSession: initialItems must be an array of agent input items (exportState().items).');
    }
    this.#items = [...initial];
  }

  /** The session a previous run exported, or a new empty one when `state` is undefined. */
  static restore(state: WorkflowSessionState | undefined, options: Omit<WorkflowSessionOptions, 'initialItems'> = {}) {
    if (state === undefined) return new WorkflowSession(options);
    if (typeof state !== 'object' || state === null || !Array.isArray(state.items)) {
      throw new TypeError(
        'WorkflowSession.restore: pass what exportState() returned ({ sessionId, items }), or undefined for a new session.',
      );
    }
    return new WorkflowSession({ sessionId: state.sessionId, ...options, initialItems: state.items });
  }

  /** The items and id, for `continueAsNew`; the next run's `WorkflowSession.restore(state)` picks them up. */
  exportState(): WorkflowSessionState {
    return { sessionId: this.#sessionId, items: [...this.#items] };
  }

  /** How many items the session holds. */
  get length(): number {
    return this.#items.length;
  }

  async getSessionId(): Promise<string> {
    return this.#sessionId;
  }

  async getItems(limit?: number): Promise<AgentInputItem[]> {
    if (limit === undefined) return [...this.#items];
    if (limit <= 0) return [];
    return this.#items.slice(-limit);
  }

  async addItems(items: AgentInputItem[]): Promise<void> {
    for (const item of items) this.#items.push(item);
  }

  async popItem(): Promise<AgentInputItem | undefined> {
    return this.#items.pop();
  }

  async clearSession(): Promise<void> {
    this.#items = [];
  }
}
