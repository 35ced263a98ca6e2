// mcpFailureType on the errors a workflow catches: a failure from an MCP activity, and what run()
// throws when one of the agent's MCP tools failed (agents-core's ToolCallError keeps it in `.error`).
import assert from 'node:assert/strict';
import { ToolCallError } from '@openai/agents-core';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, it } from 'vitest';
import { MCPFailureTypes } from '../../src/common/mcp.js';
import { mcpFailureType } from '../../src/workflow/mcp-servers.js';

const lostSession = () =>
  ApplicationFailure.create({
    message: 'The dedicated worker of stateful MCP server "Notes" is gone.',
    type: MCPFailureTypes.dedicatedWorkerFailure,
    nonRetryable: true,
  });

const activityFailure = (cause: Error) =>
  new ActivityFailure(
    'Activity task failed',
    'Notes-stateful-call-tool',
    '3',
    RetryState.NON_RETRYABLE_FAILURE,
    'worker',
    cause,
  );

describe('mcpFailureType', () => {
  it('finds the type through the cause chain', () => {
    assert.equal(mcpFailureType(activityFailure(lostSession())), MCPFailureTypes.dedicatedWorkerFailure);
  });

  it('finds the type in a ToolCallError from run(), which keeps the failure in .error', () => {
    const fromRun = new ToolCallError('Error running tool recall', activityFailure(lostSession()));
    assert.equal(mcpFailureType(fromRun), MCPFailureTypes.dedicatedWorkerFailure);
  });

  it('is undefined for other failures, and for an error that refers to itself', () => {
    const other = new ToolCallError('Error running tool add', ApplicationFailure.create({ type: 'Other' }));
    assert.equal(mcpFailureType(other), undefined);
    const loop = new Error('loop');
    loop.cause = loop;
    assert.equal(mcpFailureType(loop), undefined);
  });
});
