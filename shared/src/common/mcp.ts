/**
 * What the workflow side and the worker side of MCP support share: activity names, activity inputs and
 * results (plain JSON), and failure types. Sandbox-safe: types and strings only.
 */
import type { CallToolResult, MCPServer } from '@openai/agents-core';

/** One tool as `tools/list` describes it (agents-core's MCPTool, which its entry does not export). */
export type MCPTool = Awaited<ReturnType<MCPServer['listTools']>>[number];

/** `<name>-stateless`: the provider's and the workflow-side server's name, as in Python's plugin. */
export function statelessServerName(name: string): string {
  return `${name}-stateless`;
}

/** `<name>-stateful` */
export function statefulServerName(name: string): string {
  return `${name}-stateful`;
}

/** The task queue of one run's dedicated worker, which holds that run's connection: `<name>-stateful@<runId>`. */
export function statefulTaskQueue(name: string, runId: string): string {
  return `${statefulServerName(name)}@${runId}`;
}

export type MCPOperation = 'list-tools' | 'call-tool' | 'list-prompts' | 'get-prompt';

/** The activity of one operation: `<name>-stateless-call-tool`, `<name>-stateful-list-tools`, ... */
export function mcpActivityName(serverName: string, operation: MCPOperation | 'server-session' | 'close'): string {
  return `${serverName}-${operation}`;
}

export const MCP_OPERATIONS: readonly MCPOperation[] = ['list-tools', 'call-tool', 'list-prompts', 'get-prompt'];

/** Failure types of MCP activities and workflow-side servers; `ApplicationFailure.type` carries them. */
export const MCPFailureTypes = {
  /**
   * A stateful server's dedicated worker or its connection is gone (worker crashed, session ended, the
   * MCP connection closed). The server's state is lost; handle this type to recover in workflow code.
   * Same string as Python's plugin.
   */
  dedicatedWorkerFailure: 'DedicatedWorkerFailure',
  /** The worker has no provider for this server name. */
  unknownServer: 'OpenAIAgents.MCPUnknownServer',
  /** The provider's factory threw, or the server did not start or accept the connection. */
  serverStartFailed: 'OpenAIAgents.MCPServerStartFailed',
  /** The server has no tool by this name. */
  toolNotFound: 'OpenAIAgents.MCPToolNotFound',
  /** The server has no prompt by this name. */
  promptNotFound: 'OpenAIAgents.MCPPromptNotFound',
  /** A call got no answer in time: the MCP client's request timeout, or the activity's start-to-close timeout. */
  timeout: 'OpenAIAgents.MCPTimeout',
  /** The server's class gives no access to MCP prompts. */
  promptsUnsupported: 'OpenAIAgents.MCPPromptsUnsupported',
  /** A stateful server used before `connect()` or after `close()`. */
  notConnected: 'OpenAIAgents.MCPNotConnected',
  /** An MCP server class (MCPServerStdio, ...) used directly in workflow code, where it cannot do I/O. */
  serverClassInWorkflow: 'OpenAIAgents.MCPServerClassInWorkflow',
} as const;

/** Every activity input may carry the workflow's factory argument, which the provider passes to its factory. */
export interface MCPFactoryInput {
  factoryArgument?: unknown;
}

export interface MCPCallToolInput extends MCPFactoryInput {
  toolName: string;
  arguments: Record<string, unknown> | null;
  meta?: Record<string, unknown> | null;
}

export interface MCPGetPromptInput extends MCPFactoryInput {
  name: string;
  arguments?: Record<string, string>;
}

/** One prompt argument, as MCP's `prompts/list` describes it. */
export interface MCPPromptArgument {
  name: string;
  description?: string;
  required?: boolean;
  [key: string]: unknown;
}

export interface MCPPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: MCPPromptArgument[];
  [key: string]: unknown;
}

export interface MCPListPromptsResult {
  prompts: MCPPrompt[];
  nextCursor?: string;
  [key: string]: unknown;
}

/** A prompt message's content: `{ type: 'text', text }`, or an image, audio or resource block. */
export type MCPPromptContent =
  | { type: 'text'; text: string; [key: string]: unknown }
  | { type: string; [key: string]: unknown };

export interface MCPPromptMessage {
  role: 'user' | 'assistant';
  content: MCPPromptContent;
  [key: string]: unknown;
}

export interface MCPGetPromptResult {
  description?: string;
  messages: MCPPromptMessage[];
  [key: string]: unknown;
}

/** The activities of one server: the same shape for stateless and stateful (minus the factory argument). */
export interface MCPOperationActivities {
  listTools(input: MCPFactoryInput): Promise<MCPTool[]>;
  callTool(input: MCPCallToolInput): Promise<CallToolResult>;
  listPrompts(input: MCPFactoryInput): Promise<MCPListPromptsResult>;
  getPrompt(input: MCPGetPromptInput): Promise<MCPGetPromptResult>;
}

/** Input of a stateful server's session activity. */
export type MCPSessionInput = MCPFactoryInput;
