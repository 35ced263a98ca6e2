// The pool's retry rule, on servers that fail on cue: a call that finds a reused connection broken runs
// once more on a new connection (the idle health check passed, then the server died during the call);
// a new connection's failure, a second break and any other error are the caller's. The dev-server
// test in test/mcp/pool.test.ts covers a server that died while idle.
import assert from 'node:assert/strict';
import type { CallToolResultContent, MCPServer } from '@openai/agents-core';
import { describe, it } from 'vitest';
import { MCPConnectionPool } from '../../src/worker/mcp-pool.js';

class ConnectionLost extends Error {}

type Outcome = 'answer' | 'break' | 'fail';

/** A connection whose calls end as scripted, one outcome per call; its health check passes while open. */
class ScriptedServer implements MCPServer {
  cacheToolsList = false;
  closed = false;
  readonly #outcomes: Outcome[];
  constructor(
    readonly name: string,
    outcomes: Outcome[],
  ) {
    this.#outcomes = [...outcomes];
  }
  async connect() {}
  async close() {
    this.closed = true;
  }
  async listTools(): ReturnType<MCPServer['listTools']> {
    if (this.closed) throw new ConnectionLost('closed');
    return [];
  }
  async callTool(): Promise<CallToolResultContent> {
    const outcome = this.#outcomes.shift();
    if (outcome === 'break') throw new ConnectionLost(`${this.name}: the server went away during the call`);
    if (outcome === 'fail') throw new Error(`${this.name}: the tool failed`);
    if (outcome === 'answer') return [{ type: 'text', text: `answered by ${this.name}` }];
    throw new Error(`${this.name}: no outcome scripted for this call`);
  }
  async invalidateToolsCache() {}
}

/** A pool over servers made in turn from `scripts`, one script per connection it opens. */
function poolOf(...scripts: Outcome[][]) {
  const pool = new MCPConnectionPool();
  const started: ScriptedServer[] = [];
  const start = async () => {
    const outcomes = scripts[started.length];
    if (!outcomes) throw new Error(`connection ${started.length + 1} was not expected`);
    const server = new ScriptedServer(`server ${started.length + 1}`, outcomes);
    started.push(server);
    return server;
  };
  const call = () =>
    pool.use(
      'key',
      start,
      async (server) => {
        const [content] = await server.callTool('add', {});
        return content && 'text' in content ? content.text : '';
      },
      (error) => error instanceof ConnectionLost,
    );
  return { pool, started, call };
}

describe('MCPConnectionPool', () => {
  it('a reused connection that breaks during a call: the call runs again on a new one, the broken one is closed', async () => {
    const { pool, started, call } = poolOf(['answer', 'break'], ['answer']);
    assert.equal(await call(), 'answered by server 1');
    assert.equal(await call(), 'answered by server 2');
    assert.equal(started.length, 2);
    assert.equal(started[0]?.closed, true, 'the broken connection is closed');
    assert.equal(pool.size, 1, 'the new connection is pooled');
    await pool.close();
  });

  it('a new connection that breaks is not retried: the failure is the caller’s', async () => {
    const { pool, started, call } = poolOf(['break']);
    await assert.rejects(call(), ConnectionLost);
    assert.equal(started.length, 1, 'no second connection');
    assert.equal(pool.size, 0, 'the broken connection left the pool');
  });

  it('a retried call that breaks again fails, and neither connection stays', async () => {
    const { pool, started, call } = poolOf(['answer', 'break'], ['break']);
    await call();
    await assert.rejects(call(), /server 2: the server went away/);
    assert.equal(started.length, 2, 'one retry, not more');
    assert.equal(pool.size, 0);
  });

  it('a failure that is not a broken connection is not retried, and the connection is kept', async () => {
    const { pool, started, call } = poolOf(['answer', 'fail', 'answer']);
    await call();
    await assert.rejects(call(), /server 1: the tool failed/);
    assert.equal(await call(), 'answered by server 1');
    assert.equal(started.length, 1);
    await pool.close();
  });
});
