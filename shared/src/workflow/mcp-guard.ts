/**
 * Workflow interceptor module the plugin adds to every bundle: agents-core's MCP server classes
 * (MCPServerStdio, MCPServerSSE, MCPServerStreamableHttp) cannot do I/O in the workflow sandbox, where
 * they fail with a plain "Method not implemented." error, which Temporal retries as a workflow task
 * forever. Here their first call fails the workflow instead, with a message that names the provider to use.
 */
import { ApplicationFailure, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { guardMcpServerClasses } from '../common/agents-core-adapter.js';
import { MCPFailureTypes } from '../common/mcp.js';

export function mcpServerClassInWorkflowMessage(className: string): string {
  return (
    `${className} cannot run in workflow code: a workflow cannot start processes or open connections. Create it ` +
    'on the worker instead, in a provider: new OpenAIAgentsPlugin({ mcpServerProviders: [new ' +
    `StatelessMCPServerProvider('MyServer', () => new ${className}({ ... }))] }) (or StatefulMCPServerProvider ` +
    'for one connection per workflow run), both from "openai-agents-temporal". In the workflow, put ' +
    'statelessMcpServer(\'MyServer\') (or statefulMcpServer) from "openai-agents-temporal/workflow" in the ' +
    "agent's mcpServers."
  );
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  guardMcpServerClasses((className) =>
    ApplicationFailure.nonRetryable(mcpServerClassInWorkflowMessage(className), MCPFailureTypes.serverClassInWorkflow),
  );
  return {};
};
