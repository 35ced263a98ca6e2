// Workflows for the MCP tests: agents whose tools come from MCP servers on the worker, and direct calls.
import { Agent, MCPServerStdio, run } from '@openai/agents-core';
import { type ActivityOptions, ApplicationFailure, condition, defineSignal, setHandler } from '@temporalio/workflow';
import {
  mcpFailureType,
  type StatefulMCPServer,
  type StatefulMcpServerOptions,
  type StatelessMCPServer,
  type StatelessMcpServerOptions,
  statefulMcpServer,
  statelessMcpServer,
  withStatefulMcpServer,
} from '../../src/workflow/index.js';

const instructions = 'Use the tools to answer.';

/** One agent run per prompt, all with the same stateless server; returns each run's answer. */
export async function statelessAgent(prompts: string[], serverOptions: StatelessMcpServerOptions): Promise<string[]> {
  const agent = new Agent({
    name: 'MCP agent',
    instructions,
    mcpServers: [statelessMcpServer('TestServer', serverOptions)],
  });
  const answers: string[] = [];
  for (const prompt of prompts) answers.push((await run(agent, prompt)).finalOutput ?? '');
  return answers;
}

/** Two runs that share one stateful connection: the second can read what the first stored. */
export async function statefulAgent(prompts: string[], serverOptions: StatefulMcpServerOptions): Promise<string[]> {
  return withStatefulMcpServer('Notes', serverOptions, async (server) => {
    const agent = new Agent({ name: 'Notes agent', instructions, mcpServers: [server] });
    const answers: string[] = [];
    for (const prompt of prompts) answers.push((await run(agent, prompt)).finalOutput ?? '');
    return answers;
  });
}

/** The same two runs on a stateless server of the same kind: each call gets a fresh connection. */
export async function statelessNotesAgent(prompts: string[]): Promise<string[]> {
  return statelessAgent(prompts, {});
}

export async function prompts(): Promise<{ names: string[]; text: string }> {
  const server = statelessMcpServer('TestServer');
  const { prompts: listed } = await server.listPrompts();
  const prompt = await server.getPrompt('greeting', { name: 'Ada' });
  const [first] = prompt.messages;
  return {
    names: listed.map((p) => p.name),
    text: first?.content.type === 'text' ? String(first.content.text) : '',
  };
}

export interface DirectCall {
  server: string;
  kind: 'stateless' | 'stateful';
  tool?: string;
  prompt?: string;
  arguments?: Record<string, unknown>;
  activityOptions?: ActivityOptions;
}

/** Calls one tool (or gets one prompt) from workflow code; failures fail the workflow. */
export async function directCall(call: DirectCall): Promise<unknown> {
  const options = call.activityOptions ? { activityOptions: call.activityOptions } : {};
  const invoke = async (server: StatelessMCPServer | StatefulMCPServer) =>
    call.prompt
      ? server.getPrompt(call.prompt, call.arguments as Record<string, string>)
      : server.callTool(call.tool ?? 'add', call.arguments ?? {});
  if (call.kind === 'stateless') return invoke(statelessMcpServer(call.server, options));
  return withStatefulMcpServer(call.server, options, invoke);
}

/** A stateful server used without connect(). */
export async function statefulWithoutConnect(): Promise<unknown> {
  return statefulMcpServer('Notes').listTools();
}

/** agents-core's own MCP server class in workflow code, directly or through an agent. */
export async function mcpServerClassInWorkflow(throughAgent: boolean): Promise<string> {
  const server = new MCPServerStdio({ name: 'direct', command: 'node', args: ['server.js'] });
  if (!throughAgent) {
    await server.connect();
    return 'connected';
  }
  const agent = new Agent({ name: 'Direct MCP agent', instructions, mcpServers: [server] });
  return (await run(agent, 'hello')).finalOutput ?? '';
}

export const proceed = defineSignal('proceed');

/**
 * Stores a note on a stateful server, waits for the `proceed` signal, then reads it back. When the
 * worker holding the connection is gone by then, it reports the failure type instead.
 */
export async function noteAcrossWait(options: StatefulMcpServerOptions): Promise<{ recalled?: string; lost?: string }> {
  let proceeding = false;
  setHandler(proceed, () => {
    proceeding = true;
  });
  return withStatefulMcpServer('Notes', options, async (server) => {
    await server.callTool('remember', { key: 'color', value: 'teal' });
    await condition(() => proceeding);
    try {
      const [content] = await server.callTool('recall', { key: 'color' });
      return { recalled: content?.type === 'text' ? String(content.text) : '' };
    } catch (error) {
      const type = mcpFailureType(error);
      if (!type) throw error;
      return { lost: `${type}: ${error instanceof ApplicationFailure ? error.message : ''}` };
    }
  });
}
