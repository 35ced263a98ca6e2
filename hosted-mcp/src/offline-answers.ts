/**
 * What the worker answers without OPENAI_API_KEY. A hosted MCP tool runs on OpenAI's side, inside the
 * model call, so offline the whole exchange with the MCP server is scripted here: the tool list, the
 * call (or the approval request) and its result come back as the model's output items, as the
 * Responses API returns them.
 */
import type { AgentOutputItem, ModelRequest } from '@openai/agents-core';
import { modelResponse, textResponse } from 'openai-agents-temporal/testing';
import type { OfflineAnswers } from 'sample-kit';

const OFFLINE = '(offline model: the MCP server’s part is scripted)';
const SERVER_LABEL = 'gitmcp';
const TOOL = 'fetch_codex_documentation';
const DOCUMENTATION =
  'Codex CLI is a coding agent that runs on your computer. Most of it lives in codex-rs/, a Rust workspace; ' +
  'the npm package is a small launcher.';

function hostedItem(name: string, id: string, providerData: Record<string, unknown>, output?: string): AgentOutputItem {
  const item: AgentOutputItem = {
    type: 'hosted_tool_call',
    id,
    name,
    status: 'completed',
    providerData: { type: name, id, server_label: SERVER_LABEL, ...providerData },
  };
  if (output !== undefined) item.output = output;
  return item;
}

/** The MCP server's tools, as the model lists them before using the server. */
export const listToolsItem = hostedItem('mcp_list_tools', 'mcpl_offline_1', {
  tools: [
    {
      name: TOOL,
      description: 'Fetch the documentation of the openai/codex repository.',
      input_schema: { type: 'object', properties: {} },
    },
  ],
});

export const mcpCallItem = hostedItem('mcp_call', 'mcp_offline_1', { name: TOOL, arguments: '{}' }, DOCUMENTATION);

/** The model asks to call the tool; the run stops until the call is approved or rejected. */
export const approvalRequestItem = hostedItem('mcp_approval_request', 'mcpr_offline_1', {
  name: TOOL,
  arguments: '{}',
});

const answer = `The documentation says the repository is mostly Rust (codex-rs/), with a small npm launcher. ${OFFLINE}`;

/** The approval response the runner sent back after the decision, if there is one. */
function approvalResponse(request: ModelRequest): { approve?: boolean; reason?: string } | undefined {
  const items = typeof request.input === 'string' ? [] : request.input;
  const response = items.findLast((item) => item.type === 'hosted_tool_call' && item.name === 'mcp_approval_response');
  return response?.type === 'hosted_tool_call'
    ? (response.providerData as { approve?: boolean; reason?: string })
    : undefined;
}

export const offlineAnswers: OfflineAnswers = {
  simpleHostedMcp: { Assistant: modelResponse(listToolsItem, mcpCallItem, ...textResponse(answer).output) },
  approvalHostedMcp: {
    Assistant: (request, { agentTurn }) => {
      if (agentTurn === 0) return modelResponse(listToolsItem, approvalRequestItem);
      const decision = approvalResponse(request);
      if (decision?.approve) return modelResponse(mcpCallItem, ...textResponse(answer).output);
      return textResponse(
        `I was not allowed to call ${TOOL} on the ${SERVER_LABEL} server` +
          `${decision?.reason ? ` (${decision.reason})` : ''}, so I cannot say which language the repository ` +
          `is written in. ${OFFLINE}`,
      );
    },
  },
};
