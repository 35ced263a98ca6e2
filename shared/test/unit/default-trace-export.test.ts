// The worker's default trace export: none printed to the console (agents-core's own default prints every span),
// OpenAI's exporter only with an OpenAI key, never with a key meant for another server.
import assert from 'node:assert/strict';
import { getGlobalTraceProvider, setTracingDisabled, withCustomSpan, withTrace } from '@openai/agents-core';
import { afterEach, describe, it, vi } from 'vitest';
import { exportsTracesToOpenAI } from '../../src/worker/tracing.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  setTracingDisabled(true); // agents-core's own setting under NODE_ENV=test
});

describe('the default trace export of a process that loads the plugin', () => {
  it('prints no span to the console', async () => {
    const printed: string[] = [];
    // As in an app: agents-core traces, and exports, unless NODE_ENV is test.
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('OPENAI_API_KEY', '');
    setTracingDisabled(false);
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    await withTrace('quiet app', async () => {
      await withCustomSpan(async () => 'done', { data: { name: 'step', data: {} } });
    });
    await getGlobalTraceProvider().forceFlush();
    assert.deepEqual(
      printed.filter((line) => line.includes('[Exporter]')),
      [],
    );
    assert.equal(getGlobalTraceProvider().createTrace({ name: 'probe' }).constructor.name, 'Trace', 'tracing is on');
  });

  it('goes to OpenAI with an OpenAI key, as @openai/agents does', () => {
    assert.equal(exportsTracesToOpenAI({ OPENAI_API_KEY: 'sk-test' }), true);
    assert.equal(
      exportsTracesToOpenAI({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://api.openai.com/v1' }),
      true,
    );
  });

  it('goes nowhere without a key, or with a key for another server', () => {
    assert.equal(exportsTracesToOpenAI({}), false);
    assert.equal(exportsTracesToOpenAI({ OPENAI_API_KEY: '' }), false);
    assert.equal(
      exportsTracesToOpenAI({ OPENAI_API_KEY: 'sk-local', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }),
      false,
    );
    assert.equal(exportsTracesToOpenAI({ OPENAI_API_KEY: 'sk-local', OPENAI_BASE_URL: 'not a url' }), false);
  });
});
