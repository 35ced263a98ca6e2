// The sandbox's stack-trace limit (workflowStackTraceLimit): applied in the sandbox, and what is left
// to debug with at the default: a failed workflow's stack, and Temporal's stack-trace query.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_WORKFLOW_STACK_TRACE_LIMIT } from '../src/common/stack-trace-limit.js';
import {
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../src/testing/index.js';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';
import * as workflows from './workflows/stack-traces.js';

const workflowsPath = fileURLToPath(new URL('./workflows/stack-traces.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** A source-mapped frame at the line of the workflows file that holds `code`. */
function frameAt(code: string): RegExp {
  const line =
    readFileSync(workflowsPath, 'utf8')
      .split('\n')
      .findIndex((text) => text.includes(code)) + 1;
  assert.ok(line > 0, `no line with ${code}`);
  return new RegExp(`workflows/stack-traces\\.ts:${line}:\\d+\\)`);
}

describe('stack traces in workflows', () => {
  it('the sandbox captures the default number of frames, or the worker’s workflowStackTraceLimit', async () => {
    const byDefault = await testEnv().runWorkflow(workflows.sandboxStackFrames, [], { workflowsPath });
    assert.deepEqual(byDefault.result, {
      limit: DEFAULT_WORKFLOW_STACK_TRACE_LIMIT,
      frames: DEFAULT_WORKFLOW_STACK_TRACE_LIMIT,
    });
    const full = await testEnv().runWorkflow(workflows.sandboxStackFrames, [], {
      workflowsPath,
      workflowStackTraceLimit: Number.POSITIVE_INFINITY,
    });
    assert.equal(full.result.limit, null); // Infinity, which the workflow's JSON result carries as null
    assert.ok(full.result.frames > 20, `${full.result.frames} frames with no limit`);
  });

  it('a failed workflow’s stack names the function that threw and its callers, in the workflow’s source', async () => {
    const model = new ScriptedModelProvider([textResponse('Order noted.')]);
    const { error } = await testEnv().runFailingWorkflow(workflows.failsAfterAgentRun, ['12a'], {
      workflowsPath,
      modelProvider: model,
    });
    assert.ok(error instanceof WorkflowFailedError);
    const stack = error.cause?.stack ?? '';
    assert.match(error.cause?.message ?? '', /order 12a is not a valid order number/);
    // The throw, and the calls in its caller and in the workflow function.
    for (const line of [
      'throw ApplicationFailure.nonRetryable(',
      'rejectOrderNumber(order);',
      'checkOrderNumber(order);',
    ]) {
      assert.match(stack, frameAt(line), stack);
    }
  });

  // The bench's fast mode (2 frames): one frame of the tool's own code is still there.
  it.each([
    ['the default', undefined],
    ['2 frames', 2],
  ])('with %s, the stack-trace query shows where an agent run waits, down to the tool', async (_, limit) => {
    const model = new ScriptedModelProvider([toolCallResponse('request_approval', {}), textResponse('Approved.')]);
    const worker = { workflowsPath, modelProvider: model, workflowStackTraceLimit: limit };
    const result = await testEnv().withWorker(worker, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(workflows.toolWaitsForRelease, {
        taskQueue,
        workflowId: `stack-trace-query-${limit ?? 'default'}-${Date.now()}`,
        args: ['Please approve'],
      });
      while (!(await handle.query(workflows.waitingQuery))) {
        // The run reaches the tool after the first model call; each query waits for the current task.
      }
      const stacks = await handle.query<string>('__stack_trace');
      assert.match(stacks, frameAt('await condition(() => released);'), stacks);
      await handle.signal(workflows.releaseSignal);
      return handle.result();
    });
    assert.equal(result, 'Approved.');
  });

  it('a limit that is not a frame count is refused with what to set', () => {
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      assert.throws(
        () => new OpenAIAgentsPlugin({ workflowStackTraceLimit: bad }),
        /workflowStackTraceLimit must be a whole number of frames, 1 or more \(or Infinity\)/,
      );
    }
  });
});
