// Hosted MCP tools: the MCP server runs on OpenAI's side, so its items (tool list, call, approval
// request) come back in the model activity's result and go out again in the next request. They must
// cross the activity boundary unchanged; an approval comes from outside the workflow as an Update.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { AgentInputItem } from '@openai/agents-core';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { approvalRequestItem, listToolsItem, offlineAnswers } from '../src/offline-answers';
import { approvalHostedMcp, decideApproval, pendingApprovals } from '../src/workflows/approval';
import { DEFAULT_MCP_SERVER_URL, simpleHostedMcp } from '../src/workflows/simple';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const QUESTION = 'Which language is this repo written in?';

/** The hosted tool items of a request's input, as they were sent to the model. */
function hostedItems(input: string | AgentInputItem[] | undefined) {
  return (typeof input === 'string' || !input ? [] : input).filter((item) => item.type === 'hosted_tool_call');
}

describe('hosted MCP tool without approval', () => {
  it('the tool reaches the model as configured, and the answer comes back from the model activity', async () => {
    const modelProvider = offlineModelProvider(offlineAnswers);
    const { result, history } = await testEnv().runWorkflow(simpleHostedMcp, [QUESTION], {
      workflowsPath,
      modelProvider,
    });
    assert.match(result, /mostly Rust/);
    assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY], 'no activity but the model call');
    const [tool] = modelProvider.calls[0]?.request.tools ?? [];
    assert.deepEqual(tool, {
      type: 'hosted_tool',
      name: 'hosted_mcp',
      providerData: {
        type: 'mcp',
        server_label: 'gitmcp',
        server_url: DEFAULT_MCP_SERVER_URL,
        require_approval: 'never',
      },
    });
  });
});

describe('hosted MCP tool that needs approval', () => {
  for (const approve of [true, false]) {
    it(`${approve ? 'approved' : 'rejected'} from outside by an Update; the items cross the activity boundary unchanged`, async () => {
      const modelProvider = offlineModelProvider(offlineAnswers);
      const workflowId = `approval-${approve}-${Date.now()}`;
      const reason = 'Not today.';
      const result = await testEnv().withWorker({ workflowsPath, modelProvider }, async (taskQueue) => {
        const handle = await testEnv().client.workflow.start(approvalHostedMcp, {
          taskQueue,
          workflowId,
          args: [QUESTION],
        });
        let pending = await handle.query(pendingApprovals);
        while (pending.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          pending = await handle.query(pendingApprovals);
        }
        // What the workflow asks about is the model's approval request, as the model activity returned it.
        const requested = approvalRequestItem.providerData as Record<string, string>;
        assert.deepEqual(pending, [
          {
            id: requested.id,
            serverLabel: requested.server_label,
            toolName: requested.name,
            arguments: requested.arguments,
          },
        ]);
        // A decision about a call that is not waiting is refused, and changes nothing.
        await assert.rejects(
          handle.executeUpdate(decideApproval, { args: [{ id: 'mcpr_unknown', approve: true }] }),
          (error: unknown) =>
            error instanceof WorkflowUpdateFailedError && /No call mcpr_unknown/.test(String(error.cause)),
        );
        assert.equal((await handle.query(pendingApprovals)).length, 1);
        await handle.executeUpdate(decideApproval, {
          args: [{ id: requested.id ?? '', approve, ...(approve ? {} : { reason }) }],
        });
        return handle.result();
      });

      assert.deepEqual(result.decisions, [{ id: 'mcpr_offline_1', approve, ...(approve ? {} : { reason }) }]);
      if (approve) assert.match(result.answer, /mostly Rust/);
      else assert.match(result.answer, /I was not allowed to call fetch_codex_documentation .*\(Not today\.\)/);

      // The second model call carries the first call's items back unchanged, plus the decision.
      assert.equal(modelProvider.calls.length, 2);
      const resent = hostedItems(modelProvider.calls[1]?.request.input);
      const byName = (name: string) => resent.find((item) => item.type === 'hosted_tool_call' && item.name === name);
      assert.deepEqual(byName('mcp_list_tools'), listToolsItem);
      assert.deepEqual(byName('mcp_approval_request'), approvalRequestItem);
      const response = byName('mcp_approval_response');
      assert.deepEqual(response?.type === 'hosted_tool_call' ? response.providerData : undefined, {
        approve,
        approval_request_id: 'mcpr_offline_1',
        ...(approve ? {} : { reason }),
      });

      const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
      assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, INVOKE_MODEL_ACTIVITY]);
    });
  }
});
