// The sample worker's log: one line per failed activity attempt, and one line per Temporal outage
// instead of every retry the SDK's client logs (with its colour codes).
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { describe, it } from 'vitest';
import { sampleWorkerLogger } from '../src/worker.js';

function logged(verbose = false) {
  const lines: string[] = [];
  return { lines, logger: sampleWorkerLogger('basic', verbose, (line) => lines.push(line)) };
}

const retryWarning = {
  target: 'temporalio_client::retry',
  error: '\x1b[31mstatus: Unavailable, message: "tcp connect error"\x1b[0m',
};

describe('sampleWorkerLogger', () => {
  it('says a Temporal outage once, in plain text, however many retries the client logs', () => {
    const { lines, logger } = logged();
    for (let i = 0; i < 25; i++) logger.warn('gRPC call poll_workflow_task_queue retried', retryWarning);
    assert.deepEqual(lines, [
      'basic worker: the Temporal server is unreachable (status: Unavailable, message: "tcp connect error"); ' +
        'the worker keeps retrying. --verbose shows each retry.',
    ]);
  });

  it('makes a failed activity attempt one line, without the stack', () => {
    const { lines, logger } = logged();
    const error = ApplicationFailure.create({ message: 'Retryable model error 503: overloaded\nmore', type: 'X' });
    logger.warn('Activity failed', { error, activityType: 'OpenAIAgents.invokeModel', attempt: 3 });
    assert.deepEqual(lines, [
      'basic worker: OpenAIAgents.invokeModel attempt 3 failed (X): Retryable model error 503: overloaded; retried',
    ]);
  });

  it('makes a failed workflow one line with its innermost typed failure', () => {
    const { lines, logger } = logged();
    const cause = ApplicationFailure.create({ message: 'Non-retryable model error 401: bad key', type: 'Auth' });
    const error = new Error('Activity task failed', { cause });
    logger.warn('Workflow failed', { error, workflowType: 'helloWorld', workflowId: 'hello-world-1' });
    assert.deepEqual(lines, [
      'basic worker: workflow helloWorld hello-world-1 failed (Auth): Non-retryable model error 401: bad key',
    ]);
  });
});
