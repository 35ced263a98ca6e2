// Workflows for the sandbox tests: an agent that runs the commands its scripted model gives it in a
// sandbox on the worker, a session whose sandbox is gone, a provider name no worker has, and a run
// paused for approval that goes on in the next run from its state, sandbox session included.
import { RunState, run, tool } from '@openai/agents-core';
import { Manifest, SandboxAgent } from '@openai/agents-core/sandbox';
import { ApplicationFailure, continueAsNew } from '@temporalio/workflow';
import { z } from 'zod';
import {
  sandboxFailureType,
  type TemporalSandboxClientOptions,
  TemporalSandboxSession,
  temporalSandboxCapabilities,
  temporalSandboxClient,
} from '../../src/workflow/index.js';

const agent = () =>
  new SandboxAgent({
    name: 'Sandbox Tester',
    instructions: 'Run the commands.',
    capabilities: temporalSandboxCapabilities(),
  });

const manifest = () => new Manifest({ entries: { 'hello.txt': { type: 'file', content: 'hello\n' } } });

/** Runs the agent in a sandbox of provider `name` the runner creates and closes; returns the final output. */
export async function sandboxAgent(name: string, options: TemporalSandboxClientOptions = {}): Promise<string> {
  const client = temporalSandboxClient(name, options);
  const result = await run(agent(), 'Go.', { sandbox: { client, manifest: manifest() } });
  return String(result.finalOutput);
}

/** The same, catching a sandbox failure: returns its type and message. */
export async function sandboxAgentCatching(name: string): Promise<{ type?: string; message: string }> {
  try {
    return { message: await sandboxAgent(name) };
  } catch (error) {
    const type = sandboxFailureType(error);
    if (!type) throw error;
    return { type, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A session whose sandbox is gone: the state of a real session, with its folder swapped for one that
 * does not exist and an id no worker holds, as after the machine that held it died. The agent's first
 * command meets it; the workflow catches the typed failure and starts over in a new sandbox.
 */
export async function lostSandbox(name: string): Promise<{ type?: string; message: string; startedOver: string }> {
  const client = temporalSandboxClient(name);
  const real = await client.create({ manifest: manifest() });
  await real.close();
  const record = real.state.temporalSandbox;
  const gone = new TemporalSandboxSession(client, {
    ...record,
    sessionId: `${record.sessionId}-gone`,
    providerState: { ...record.providerState, workspaceRootPath: `${record.providerState.workspaceRootPath}-gone` },
  });
  try {
    await run(agent(), 'Go.', { sandbox: { client, session: gone } });
    throw ApplicationFailure.nonRetryable('the run went on without its sandbox');
  } catch (error) {
    const type = sandboxFailureType(error);
    if (!type) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { type, message, startedOver: await sandboxAgent(name) };
  }
}

/** Reads one file through the session, after writing it with a command. */
export async function readBack(name: string, command: string, path: string): Promise<string> {
  const client = temporalSandboxClient(name);
  const session = await client.create({ manifest: manifest() });
  try {
    await session.execCommand({ cmd: command });
    const content = await session.readFile({ path });
    return typeof content === 'string' ? content : `${content.length} bytes`;
  } finally {
    await session.close();
  }
}

/** The tester with a tool that needs approval: a run pauses on it with its sandbox session open. */
const publishingAgent = () =>
  new SandboxAgent({
    name: 'Sandbox Tester',
    instructions: 'Run the commands; publish when asked.',
    capabilities: temporalSandboxCapabilities(),
    tools: [
      tool({
        name: 'publish',
        description: 'Publish the workspace.',
        parameters: z.object({}),
        needsApproval: true,
        execute: async () => 'published',
      }),
    ],
  });

/**
 * A run that pauses for approval, waits across continue-as-new (its serialised RunState is all the
 * next run gets), then is approved and goes on in the same sandbox session.
 */
export async function pausedSandboxRun(name: string, paused?: string): Promise<string> {
  const agent = publishingAgent();
  const client = temporalSandboxClient(name);
  if (paused === undefined) {
    const first = await run(agent, 'Go.', { sandbox: { client, manifest: manifest() } });
    if (first.interruptions.length === 0) throw ApplicationFailure.nonRetryable('the run did not pause');
    return continueAsNew<typeof pausedSandboxRun>(name, first.state.toString());
  }
  const state = await RunState.fromString(agent, paused);
  for (const item of state.getInterruptions()) state.approve(item);
  const result = await run(agent, state, { sandbox: { client } });
  return String(result.finalOutput);
}
