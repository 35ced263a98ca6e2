/**
 * Pooled connections for stateless MCP servers: one open connection per provider (so per worker and
 * server name) and factory argument, shared by the calls that need it, instead of a connect and a
 * close around each call. A connection idle for the idle timeout closes; before an idle connection is
 * reused it is pinged, and one that does not answer is replaced; a call that finds a reused connection
 * broken runs again on a new one, so the workflow never sees a pooled connection's death. The plugin
 * closes the pool when the worker stops.
 */
import type { MCPServer } from '@openai/agents-core';
import { mcpPingOf } from '../common/agents-core-adapter.js';

/** Python's plugin keeps idle MCP connections five minutes. */
export const DEFAULT_MCP_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
/** How long an idle connection has to answer the health check before it is replaced. */
const HEALTH_CHECK_TIMEOUT_MS = 5_000;

export interface MCPConnectionPoolOptions {
  /** Close a connection no call has used for this long. Default: 5 minutes. */
  idleTimeoutMs?: number;
}

interface PooledConnection {
  server: Promise<MCPServer>;
  /** Calls using it now. */
  inUse: number;
  /** Whether a call has used it before: only those are health-checked and retried on a broken connection. */
  used: boolean;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

export class MCPConnectionPool {
  readonly #connections = new Map<string, PooledConnection>();
  readonly #idleTimeoutMs: number;

  constructor(options: MCPConnectionPoolOptions = {}) {
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_MCP_IDLE_TIMEOUT_MS;
    if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs >= 0)) {
      throw new TypeError(
        `MCP pool: idleTimeoutMs must be a number of milliseconds, 0 or more (got ${idleTimeoutMs}).`,
      );
    }
    this.#idleTimeoutMs = idleTimeoutMs;
  }

  /** Open connections (for tests and metrics). */
  get size(): number {
    return this.#connections.size;
  }

  /**
   * Runs `call` on the pooled connection for `key`, starting one with `start` when there is none.
   * `isBroken` says whether a failure means the connection is gone: on a reused connection, the call
   * then runs once more on a new one.
   */
  async use<T>(
    key: string,
    start: () => Promise<MCPServer>,
    call: (server: MCPServer) => Promise<T>,
    isBroken: (error: unknown) => boolean,
  ): Promise<T> {
    const connection = await this.#acquire(key, start);
    const reused = connection.used;
    connection.used = true;
    try {
      return await call(await connection.server);
    } catch (error) {
      if (!isBroken(error)) throw error;
      this.#discard(key, connection);
      if (!reused) throw error;
    } finally {
      this.#release(key, connection);
    }
    // The reused connection had died since its last call: a new one, once.
    const fresh = await this.#acquire(key, start);
    fresh.used = true;
    try {
      return await call(await fresh.server);
    } catch (error) {
      if (isBroken(error)) this.#discard(key, fresh);
      throw error;
    } finally {
      this.#release(key, fresh);
    }
  }

  /** Closes every connection; calls after this open new ones. */
  async close(): Promise<void> {
    const connections = [...this.#connections.entries()];
    this.#connections.clear();
    await Promise.all(connections.map(([, connection]) => closeConnection(connection)));
  }

  async #acquire(key: string, start: () => Promise<MCPServer>): Promise<PooledConnection> {
    const existing = this.#connections.get(key);
    if (existing) {
      clearIdleTimer(existing);
      existing.inUse += 1;
      // An idle connection may have died while nobody used it (server exited, socket closed).
      if (existing.inUse === 1 && existing.used && !(await isHealthy(existing))) {
        existing.inUse -= 1;
        this.#discard(key, existing);
        return this.#acquire(key, start);
      }
      return existing;
    }
    const connection: PooledConnection = { server: start(), inUse: 1, used: false, idleTimer: undefined };
    this.#connections.set(key, connection);
    try {
      await connection.server;
    } catch (error) {
      if (this.#connections.get(key) === connection) this.#connections.delete(key);
      throw error;
    }
    return connection;
  }

  #release(key: string, connection: PooledConnection): void {
    connection.inUse -= 1;
    if (connection.inUse > 0 || this.#connections.get(key) !== connection) return;
    connection.idleTimer = setTimeout(() => {
      if (this.#connections.get(key) === connection && connection.inUse === 0) this.#discard(key, connection);
    }, this.#idleTimeoutMs);
    // An idle connection must not keep the process alive.
    connection.idleTimer.unref?.();
  }

  /** Out of the pool and closed: it is broken or idle, so no other call can be using it well. */
  #discard(key: string, connection: PooledConnection): void {
    if (this.#connections.get(key) === connection) this.#connections.delete(key);
    clearIdleTimer(connection);
    void closeConnection(connection);
  }
}

function clearIdleTimer(connection: PooledConnection): void {
  if (connection.idleTimer !== undefined) clearTimeout(connection.idleTimer);
  connection.idleTimer = undefined;
}

async function isHealthy(connection: PooledConnection): Promise<boolean> {
  try {
    const server = await connection.server;
    const ping = mcpPingOf(server);
    // A server class without an MCP client session: its list of tools is the cheapest round trip.
    if (ping) await ping({ timeout: HEALTH_CHECK_TIMEOUT_MS });
    else await server.listTools();
    return true;
  } catch {
    return false;
  }
}

async function closeConnection(connection: PooledConnection): Promise<void> {
  clearIdleTimer(connection);
  try {
    await (await connection.server).close();
  } catch {
    // Already gone, or it never started: nothing to close.
  }
}
