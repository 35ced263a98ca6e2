import { Agent, hostedMcpTool, type RunToolApprovalItem, run } from '@openai/agents';
import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { DEFAULT_MCP_SERVER_URL } from './simple';

/** A call the model wants to make on the MCP server, waiting for a decision. */
export interface PendingApproval {
  id: string;
  serverLabel: string;
  toolName: string;
  arguments: string;
}

export interface ApprovalDecision {
  id: string;
  approve: boolean;
  /** Told to the model when the call is rejected. */
  reason?: string;
}

/** The calls waiting for a decision (empty while the agent runs). */
export const pendingApprovals = defineQuery<PendingApproval[]>('pendingApprovals');
/** Approves or rejects one pending call; a decision for an unknown id is rejected before it reaches the history. */
export const decideApproval = defineUpdate<string, [ApprovalDecision]>('decideApproval');

function describeApproval(item: RunToolApprovalItem): PendingApproval {
  const data = (item.rawItem.providerData ?? {}) as Record<string, unknown>;
  return {
    id: String(data.id ?? ''),
    serverLabel: String(data.server_label ?? ''),
    toolName: String(data.name ?? item.name ?? ''),
    arguments: String(data.arguments ?? ''),
  };
}

/**
 * A hosted MCP tool that needs approval for every call. The run stops at the model's first call;
 * the workflow waits, durably, for a decision sent from outside as an Update (the launcher asks a
 * person), then resumes the run from its state with the call approved or rejected.
 */
export async function approvalHostedMcp(
  question: string,
  serverUrl = DEFAULT_MCP_SERVER_URL,
): Promise<{ answer: string; decisions: ApprovalDecision[] }> {
  const agent = new Agent({
    name: 'Assistant',
    tools: [hostedMcpTool({ serverLabel: 'gitmcp', serverUrl, requireApproval: 'always' })],
  });
  let waiting: RunToolApprovalItem[] = [];
  const decisions = new Map<string, ApprovalDecision>();
  setHandler(pendingApprovals, () => waiting.map(describeApproval).filter((approval) => !decisions.has(approval.id)));
  setHandler(
    decideApproval,
    (decision) => {
      decisions.set(decision.id, decision);
      return decision.approve ? `approved ${decision.id}` : `rejected ${decision.id}`;
    },
    {
      validator: (decision) => {
        if (!waiting.some((item) => describeApproval(item).id === decision.id)) {
          throw new Error(`No call ${decision.id} is waiting for approval.`);
        }
        if (decisions.has(decision.id)) throw new Error(`Call ${decision.id} is decided already.`);
      },
    },
  );

  let result = await run(agent, question);
  while (result.interruptions.length > 0) {
    waiting = result.interruptions;
    await condition(() => waiting.every((item) => decisions.has(describeApproval(item).id)));
    for (const item of waiting) {
      const decision = decisions.get(describeApproval(item).id);
      if (decision?.approve) result.state.approve(item);
      else result.state.reject(item, decision?.reason ? { message: decision.reason } : {});
    }
    waiting = [];
    result = await run(agent, result.state);
  }
  return { answer: result.finalOutput ?? '', decisions: [...decisions.values()] };
}
