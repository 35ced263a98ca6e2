// The sandbox provider with the real local Unix client: what the model is told when a command fails,
// prints too much or tries to leave the workspace, and the typed failures a workflow can catch when
// no worker has the provider or the session's sandbox is gone.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnixLocalSandboxClient } from '@openai/agents-core/sandbox/local';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SandboxFailureTypes } from '../../src/common/sandbox.js';
import {
  ScriptedModelProvider,
  scheduledActivityTypes,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import {
  confineCommandsToWorkspace,
  SandboxClientProvider,
  type SandboxClientProviderOptions,
} from '../../src/worker/index.js';
import { lastToolOutput } from '../tool-output.js';
import { lostSandbox, pausedSandboxRun, readBack, sandboxAgent, sandboxAgentCatching } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

function localProvider(options: SandboxClientProviderOptions = {}) {
  const baseDir = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  const client = new UnixLocalSandboxClient({ workspaceBaseDir: baseDir, snapshot: { type: 'noop' } });
  return {
    baseDir,
    provider: new SandboxClientProvider('local', client, { commandGuard: confineCommandsToWorkspace, ...options }),
  };
}

/** A model that runs each command in turn, then answers "done". */
function commandsModel(commands: string[]) {
  return new ScriptedModelProvider({
    'Sandbox Tester': (_request, { agentTurn }) =>
      agentTurn < commands.length
        ? toolCallResponse('exec_command', { cmd: commands[agentTurn] }, `call_${agentTurn}`)
        : textResponse('done'),
  });
}

/** What the model was told after each command. */
function toldAfterEachCommand(model: ScriptedModelProvider): string[] {
  return model.calls.slice(1).map((call) => lastToolOutput(call.request, 'exec_command'));
}

describe('sandbox operations the model is told about', () => {
  it('a failing command: the model gets its exit code and output; the run goes on', async () => {
    const { provider } = localProvider();
    const model = commandsModel(['cat missing.txt', 'cat hello.txt']);
    const { result, history } = await testEnv().runWorkflow(sandboxAgent, ['local'], {
      workflowsPath,
      modelProvider: model,
      sandboxClientProviders: [provider],
    });
    assert.equal(result, 'done');
    const [failed, read] = toldAfterEachCommand(model);
    assert.match(failed ?? '', /Process exited with code 1/);
    assert.match(failed ?? '', /missing\.txt: No such file or directory/);
    assert.match(read ?? '', /Output:\nhello/);
    assert.deepEqual(
      scheduledActivityTypes(history).filter((type) => type.startsWith('sandbox-')),
      ['sandbox-local-create', 'sandbox-local-exec-command', 'sandbox-local-exec-command', 'sandbox-local-close'],
    );
  });

  it('output over the limit for one result is cut, and the model is told how much', async () => {
    const { provider } = localProvider({ maxOutputBytes: 64 * 1024 });
    const model = commandsModel(['yes 0123456789 | head -c 3000000']);
    const { result } = await testEnv().runWorkflow(sandboxAgent, ['local'], {
      workflowsPath,
      modelProvider: model,
      sandboxClientProviders: [provider],
    });
    assert.equal(result, 'done');
    const [told] = toldAfterEachCommand(model);
    assert.match(told ?? '', /\[output cut: showing the first \d+ of \d+ bytes to stay under Temporal's payload limit/);
    assert.ok((told ?? '').length < 70 * 1024, `the model got ${told?.length} characters`);
  });

  it('a command that tries to leave the workspace is refused before it runs', async () => {
    const { provider, baseDir } = localProvider();
    const escapes = ['cd .. && touch escaped.txt', `touch ${join(baseDir, 'escaped.txt')}`, 'cd && touch escaped.txt'];
    const model = commandsModel([...escapes, 'touch inside.txt && ls']);
    const { result } = await testEnv().runWorkflow(sandboxAgent, ['local'], {
      workflowsPath,
      modelProvider: model,
      sandboxClientProviders: [provider],
    });
    assert.equal(result, 'done');
    const told = toldAfterEachCommand(model);
    for (const [index, attempt] of escapes.entries()) {
      assert.match(told[index] ?? '', /^Command refused and not run: /, attempt);
    }
    assert.match(told[3] ?? '', /inside\.txt/);
    assert.deepEqual(readdirSync(baseDir), [], 'nothing was created next to the workspace');
  });

  it('a command whose activity times out is not run again: the model is told its outcome is unknown', async () => {
    const { provider } = localProvider();
    const model = commandsModel(['sleep 3 && echo ran >> side-effects.log', 'cat side-effects.log']);
    const { result, history } = await testEnv().runWorkflow(
      sandboxAgent,
      ['local', { activityOptions: { startToCloseTimeout: '1s' } }],
      { workflowsPath, modelProvider: model, sandboxClientProviders: [provider] },
    );
    assert.equal(result, 'done');
    const [timedOut] = toldAfterEachCommand(model);
    assert.match(timedOut ?? '', /may or may not have run: its activity failed \(START_TO_CLOSE timeout\)/);
    assert.match(timedOut ?? '', /Check the workspace before running the command again: sleep 3/);
    // One attempt: the timed-out command's activity was scheduled once and never retried.
    const execIds = new Set(
      (history.events ?? [])
        .filter(
          (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'sandbox-local-exec-command',
        )
        .map((event) => String(event.eventId)),
    );
    const execAttempts = (history.events ?? [])
      .filter((event) => execIds.has(String(event.activityTaskStartedEventAttributes?.scheduledEventId)))
      .map((event) => event.activityTaskStartedEventAttributes?.attempt);
    assert.deepEqual(execAttempts, [1, 1]);
    assert.equal(scheduledActivityTypes(history).filter((type) => type === 'sandbox-local-exec-command').length, 2);
  });

  it('a file too large for one activity result fails with SandboxResultTooLarge', async () => {
    const { provider } = localProvider({ maxResultBytes: 1024 });
    const { error } = await testEnv().runFailingWorkflow(
      readBack,
      ['local', 'yes | head -c 5000 > big.txt', 'big.txt'],
      {
        workflowsPath,
        modelProvider: commandsModel([]),
        sandboxClientProviders: [provider],
      },
    );
    const failure = error.cause;
    assert.ok(failure instanceof ApplicationFailure, `got ${failure}`);
    assert.equal(failure.type, SandboxFailureTypes.resultTooLarge);
    assert.match(failure.message, /big\.txt is 5000 bytes, over the 1024-byte limit/);
  });
});

describe('sandbox failures the workflow catches', () => {
  it('an unknown provider name: SandboxUnknownProvider, naming the provider to register', async () => {
    const { provider } = localProvider();
    const { result } = await testEnv().runWorkflow(sandboxAgentCatching, ['nowhere'], {
      workflowsPath,
      modelProvider: commandsModel(['ls']),
      sandboxClientProviders: [provider],
    });
    assert.equal(result.type, SandboxFailureTypes.unknownProvider);
    assert.match(result.message, /No worker has a sandbox client named "nowhere"/);
    assert.match(result.message, /SandboxClientProvider\('nowhere', client\)/);
  });

  it('a run paused for approval goes on after continue-as-new from its RunState, in the same sandbox session', async () => {
    const { provider } = localProvider();
    const model = new ScriptedModelProvider({
      'Sandbox Tester': (_request, { agentTurn }) =>
        [
          toolCallResponse('exec_command', { cmd: 'echo kept > note.txt' }, 'call_write'),
          toolCallResponse('publish', {}, 'call_publish'),
          toolCallResponse('exec_command', { cmd: 'cat note.txt' }, 'call_read'),
        ][agentTurn] ?? textResponse('done'),
    });
    const { result, history } = await testEnv().runWorkflow(pausedSandboxRun, ['local'], {
      workflowsPath,
      modelProvider: model,
      sandboxClientProviders: [provider],
    });
    assert.equal(result, 'done');
    const lastRequest = model.calls.at(-1)?.request;
    assert.ok(lastRequest);
    assert.equal(lastToolOutput(lastRequest, 'publish'), 'published');
    // The file the first run wrote is there: the next run resumed its session, not a new sandbox.
    assert.match(lastToolOutput(lastRequest, 'exec_command'), /Output:\nkept/);
    assert.deepEqual(
      scheduledActivityTypes(history).filter((type) => type.startsWith('sandbox-')),
      ['sandbox-local-resume', 'sandbox-local-exec-command', 'sandbox-local-close'],
      'the continued run creates no session: it resumes the paused one from the state, runs its command there, closes it',
    );
  });

  it('a session whose sandbox is gone: SandboxSessionLost ends the run; the workflow starts over in a new sandbox', async () => {
    const { provider } = localProvider();
    const model = commandsModel(['ls', 'cat hello.txt']);
    const { result, history } = await testEnv().runWorkflow(lostSandbox, ['local'], {
      workflowsPath,
      modelProvider: model,
      sandboxClientProviders: [provider],
    });
    assert.equal(result.type, SandboxFailureTypes.sessionLost);
    assert.match(result.message, /could not be resumed on this worker/);
    // The lost run asked the model once (its command ended the run); the new run's command worked.
    assert.equal(model.calls.length, 3);
    assert.equal(result.startedOver, 'done');
    const lastRequest = model.calls[2]?.request;
    assert.ok(lastRequest);
    assert.match(lastToolOutput(lastRequest, 'exec_command'), /Output:\nhello/);
    assert.equal(scheduledActivityTypes(history).filter((type) => type === 'sandbox-local-exec-command').length, 2);
  });
});
