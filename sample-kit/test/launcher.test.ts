// The basic sample's worker and launchers as a reader runs them (real processes, the real openai
// client against a local OpenAI-compatible server): what they print when no worker is running, when a
// run fails, when the worker lacks the workflow, when Temporal is down, and what Ctrl-C on a worker does.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { getDefaultModel } from '@openai/agents-core';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import {
  type FakeOpenAIServer,
  openAIErrorBody,
  responsesApiText,
  type ScriptedHttpReply,
  startFakeOpenAIServer,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freshNamespace, type SampleProcess, sampleEnv, startProcess, startSample, tsxBin } from './processes.js';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const TASK_QUEUE = 'openai-agents-basic-task-queue';
const unregisteredWorkflowLauncher = fileURLToPath(
  new URL('./fixtures/start-unregistered-workflow.ts', import.meta.url),
);

describe('the basic worker and launchers', () => {
  let namespace: string;
  let fakeOpenAI: FakeOpenAIServer;
  /** What the local OpenAI server answers next; each test sets it. */
  let nextReply: ScriptedHttpReply = { json: responsesApiText('unused') };
  let env: Record<string, string>;
  let worker: SampleProcess | undefined;

  beforeAll(async () => {
    namespace = await freshNamespace(testEnv().client, 'samples-launcher');
    fakeOpenAI = await startFakeOpenAIServer(() => nextReply);
    env = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TEMPORAL_NAMESPACE: namespace,
      OPENAI_API_KEY: 'sk-test-local-server',
      OPENAI_BASE_URL: fakeOpenAI.baseURL,
    };
  });

  afterAll(async () => {
    worker?.kill();
    await fakeOpenAI?.close();
  });

  /** Starts hello-world with the model server answering `reply`, and waits until its model call has reached it. */
  async function launchWithModelCallInFlight(reply: ScriptedHttpReply) {
    nextReply = reply;
    const requestsBefore = fakeOpenAI.requests.length;
    const launcher = startSample('basic', 'src/run-hello-world.ts', env);
    for (let i = 0; i < 600 && fakeOpenAI.requests.length === requestsBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (fakeOpenAI.requests.length !== requestsBefore + 1) launcher.kill();
    assert.equal(fakeOpenAI.requests.length, requestsBefore + 1, 'the model call reached the server');
    return { launcher, requestsBefore };
  }

  it('says within seconds that no worker polls the task queue, names the command, and finishes once one starts', async () => {
    nextReply = { json: responsesApiText('Code that calls itself') };
    const launcher = startSample('basic', 'src/run-hello-world.ts', env);
    try {
      await launcher.waitForOutput('Waiting for a worker');
      const notice = launcher.output();
      assert.match(notice, new RegExp(`No worker is polling task queue ${TASK_QUEUE} on ${testEnv().env.address}`));
      assert.match(notice, /Start the worker in another terminal: pnpm --filter basic run worker/);

      worker = startSample('basic', 'src/worker.ts', env);
      await worker.waitForOutput('Ctrl-C stops it.');
      // One line, naming where it polls and which model it calls; no webpack module list.
      assert.deepEqual(worker.output().trim().split('\n'), [
        `basic worker: Temporal ${testEnv().env.address}, namespace ${namespace}, task queue ${TASK_QUEUE}, ` +
          `model: OpenAI at ${fakeOpenAI.baseURL}, default model ${getDefaultModel()}. Ctrl-C stops it.`,
      ]);

      assert.equal(await launcher.exited, 0, launcher.output());
      const output = launcher.output();
      assert.match(output, /A worker picked up the run\./);
      assert.match(output, /Code that calls itself/);
      const port = Number(testEnv().env.address.split(':').at(-1));
      assert.match(
        output,
        new RegExp(
          `See the run in the Temporal UI: http://localhost:${port + 1000}/namespaces/${namespace}/workflows/hello-world-\\d+/`,
        ),
      );
    } finally {
      launcher.kill();
    }
  });

  it('prints a failed run as one short block, and the cause chain only with --verbose', async () => {
    assert.ok(worker, 'the first test starts the worker');
    nextReply = {
      status: 401,
      json: openAIErrorBody('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'),
    };
    const launcher = startSample('basic', 'src/run-hello-world.ts', env);
    assert.equal(await launcher.exited, 1, launcher.output());
    const lines = launcher.output().trim().split('\n');
    assert.equal(
      lines[0],
      `The workflow failed in activity ${INVOKE_MODEL_ACTIVITY}: ModelInvocationError.Authentication`,
      launcher.output(),
    );
    assert.match(launcher.output(), /Incorrect API key provided/);
    assert.match(launcher.output(), /Fix: set a valid OPENAI_API_KEY for the worker/);
    assert.match(
      launcher.output(),
      new RegExp(`See the run: http://localhost:\\d+/namespaces/${namespace}/workflows/hello-world-`),
    );
    assert.ok(lines.length <= 8, `a short block, not:\n${launcher.output()}`);
    assert.ok(!/^\s+at /m.test(launcher.output()), 'no stack frames without --verbose');

    const verbose = startSample('basic', 'src/run-hello-world.ts', env, ['--verbose']);
    assert.equal(await verbose.exited, 1, verbose.output());
    assert.match(verbose.output(), /WorkflowFailedError: Workflow execution failed/);
    assert.match(verbose.output(), /ActivityFailure: Activity task failed/);
    assert.match(verbose.output(), /ApplicationFailure \(ModelInvocationError\.Authentication\)/);
  });

  it('a model call that keeps failing: each failed attempt is said once with its cause, and never "no worker"', async () => {
    assert.ok(worker, 'the first test starts the worker');
    nextReply = { status: 503, json: openAIErrorBody('The model server is overloaded', 'server_error') };
    const workerOutputBefore = worker.output().length;
    const launcher = startSample('basic', 'src/run-hello-world.ts', env);
    try {
      // Temporal's default policy waits 1, 2, 4, 8 s between attempts: past the 3 s after which a
      // task nobody polls is reported.
      await launcher.waitForOutput('attempt 4 failed');
      const output = launcher.output();
      assert.doesNotMatch(output, /No worker/);
      for (const attempt of [1, 2, 3, 4]) {
        assert.match(
          output,
          new RegExp(
            `^${INVOKE_MODEL_ACTIVITY}: attempt ${attempt} failed \\(ModelInvocationError\\.ServerError\\): Retryable model error 503: 503 The model server is overloaded$`,
            'm',
          ),
        );
      }
      assert.match(output, /Temporal retries it \(attempt \d in \d+ s, with no attempt limit; Ctrl-C stops waiting/);

      // The worker: one line per failed attempt, no stack and no tracing noise.
      const workerLines = worker.output().slice(workerOutputBefore);
      assert.match(
        workerLines,
        new RegExp(
          `^basic worker: ${INVOKE_MODEL_ACTIVITY} attempt 1 failed \\(ModelInvocationError\\.ServerError\\): Retryable model error 503: 503 The model server is overloaded; retried$`,
          'm',
        ),
      );
      assert.doesNotMatch(workerLines, /^\s+at /m, 'no stack frames without --verbose');
      assert.doesNotMatch(workerLines, /Tracing: request failed/);
    } finally {
      const { executions } = await testEnv().client.workflowService.listOpenWorkflowExecutions({ namespace });
      for (const { execution } of executions ?? []) {
        await testEnv().client.workflowService.terminateWorkflowExecution({ namespace, workflowExecution: execution });
      }
      await launcher.exited;
      launcher.kill();
    }
    assert.match(launcher.output(), /The workflow failed: TerminatedFailure/);
  });

  it('reports a workflow the worker does not have instead of waiting for it', async () => {
    assert.ok(worker, 'the first test starts the worker');
    const launcher = startProcess(tsxBin, [unregisteredWorkflowLauncher, TASK_QUEUE], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: sampleEnv(env),
    });
    assert.equal(await launcher.exited, 1, launcher.output());
    const output = launcher.output();
    assert.match(output, /The workflow's task keeps failing on the worker \(attempt \d+\), so the run cannot go on\./);
    assert.match(output, /workflowTheWorkerDoesNotHave/);
    assert.match(
      output,
      new RegExp(`Fix: the worker on ${TASK_QUEUE} has no workflow named workflowTheWorkerDoesNotHave`),
    );
    assert.match(output, /temporal workflow terminate --workflow-id workflow-the-worker-does-not-have-\d+/);
  });

  it('on Ctrl-C lets the in-flight model call finish and exits 0; the next worker completes the run without a retry', async () => {
    assert.ok(worker, 'the first test starts the worker');
    const stoppingWorker = worker;
    const { launcher, requestsBefore } = await launchWithModelCallInFlight({
      delayMs: 3_000,
      json: responsesApiText('Finished after Ctrl-C'),
    });
    try {
      stoppingWorker.interrupt();

      assert.equal(await stoppingWorker.exited, 0, stoppingWorker.output());
      assert.match(
        stoppingWorker.output(),
        /basic worker: stopping \(SIGINT\); letting 1 in-flight activity finish \(up to 20s\)\. Ctrl-C again to exit at once\./,
      );
      assert.match(stoppingWorker.output(), /basic worker stopped\.\n$/);
      const call = fakeOpenAI.requests[requestsBefore];
      assert.ok(call?.finishedAt !== undefined && !call.abortedByClient, 'the call was answered, not cut off');

      // The model call is done; what is left (the workflow's next task) waits for the next worker.
      await launcher.waitForOutput('Start the worker in another terminal: pnpm --filter basic run worker');
      worker = startSample('basic', 'src/worker.ts', env);
      assert.equal(await launcher.exited, 0, launcher.output());
      assert.match(launcher.output(), /A worker picked up the run\.\nFinished after Ctrl-C/);
      // The call ran once, to its end, on the stopping worker: no timeout, no second attempt.
      assert.equal(fakeOpenAI.requests.length, requestsBefore + 1);
      const workflowId = /workflows\/(hello-world-\d+)\//.exec(launcher.output())?.[1];
      assert.ok(workflowId, launcher.output());
      const { history } = await testEnv().client.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId },
      });
      const events = history?.events ?? [];
      const scheduled = events.find(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === INVOKE_MODEL_ACTIVITY,
      );
      // Sample workers heartbeat model calls, so one lost in a crash is retried after 5 s.
      assert.equal(Number(scheduled?.activityTaskScheduledEventAttributes?.heartbeatTimeout?.seconds), 5);
      assert.deepEqual(
        events
          .filter((event) => event.activityTaskStartedEventAttributes)
          .map((event) => event.activityTaskStartedEventAttributes?.attempt),
        [1],
      );
      assert.equal(events.filter((event) => event.activityTaskCompletedEventAttributes).length, 1);
      assert.equal(events.filter((event) => event.activityTaskTimedOutEventAttributes).length, 0);
    } finally {
      launcher.kill();
    }
  });

  it('a second Ctrl-C exits at once, without waiting for the in-flight model call', async () => {
    assert.ok(worker, 'the first test starts the worker');
    const stoppingWorker = worker;
    const { launcher, requestsBefore } = await launchWithModelCallInFlight({
      delayMs: 60_000,
      json: responsesApiText('never waited for'),
    });
    try {
      stoppingWorker.interrupt();
      await stoppingWorker.waitForOutput('Ctrl-C again to exit at once.');
      // A person's second press, not the same one relayed by pnpm or tsx.
      await new Promise((resolve) => setTimeout(resolve, 500));
      stoppingWorker.interrupt();
      assert.equal(await stoppingWorker.exited, 130, stoppingWorker.output());
      assert.match(
        stoppingWorker.output(),
        /basic worker: SIGINT again, exiting without waiting for in-flight activities\./,
      );
      const call = fakeOpenAI.requests[requestsBefore];
      assert.equal(call?.finishedAt === undefined || call.abortedByClient, true, 'the call was not waited for');
    } finally {
      launcher.kill();
      const { executions } = await testEnv().client.workflowService.listOpenWorkflowExecutions({ namespace });
      for (const { execution } of executions ?? []) {
        await testEnv().client.workflowService.terminateWorkflowExecution({ namespace, workflowExecution: execution });
      }
    }
  });
});

describe('a sample worker with SAMPLES_MODEL_MAX_ATTEMPTS', () => {
  it('stops retrying a failing model call after that many attempts, and the launcher prints the failure', async () => {
    const namespace = await freshNamespace(testEnv().client, 'samples-bounded');
    const fakeOpenAI = await startFakeOpenAIServer(() => ({
      status: 503,
      json: openAIErrorBody('The model server is overloaded', 'server_error'),
    }));
    const env = {
      TEMPORAL_ADDRESS: testEnv().env.address,
      TEMPORAL_NAMESPACE: namespace,
      OPENAI_API_KEY: 'sk-test-local-server',
      OPENAI_BASE_URL: fakeOpenAI.baseURL,
      SAMPLES_MODEL_MAX_ATTEMPTS: '2',
    };
    const worker = startSample('basic', 'src/worker.ts', env);
    try {
      await worker.waitForOutput('Ctrl-C stops it.');
      assert.match(worker.output(), /model calls: at most 2 attempts\. Ctrl-C stops it\./);
      const launcher = startSample('basic', 'src/run-hello-world.ts', env);
      assert.equal(await launcher.exited, 1, launcher.output());
      const output = launcher.output();
      assert.match(output, /attempt 1 failed \(ModelInvocationError\.ServerError\)/);
      assert.match(output, /at most 2 attempts/);
      assert.match(
        output,
        new RegExp(`The workflow failed in activity ${INVOKE_MODEL_ACTIVITY}: ModelInvocationError\\.ServerError`),
      );
      assert.match(output, /Fix: the model server kept failing for every attempt the retry policy allows/);
      assert.equal(fakeOpenAI.requests.length, 2);
    } finally {
      worker.kill();
      await fakeOpenAI.close();
    }
  });

  it('refuses a value that is not a number of attempts, saying what to fix', async () => {
    const worker = startSample('basic', 'src/worker.ts', {
      TEMPORAL_ADDRESS: testEnv().env.address,
      SAMPLES_MODEL_MAX_ATTEMPTS: 'three',
    });
    assert.equal(await worker.exited, 1, worker.output());
    assert.match(
      worker.output(),
      /^SAMPLES_MODEL_MAX_ATTEMPTS must be a whole number of attempts, 1 or more \(got "three"\)/,
    );
  });
});

describe('with Temporal down', () => {
  const down = { TEMPORAL_ADDRESS: '127.0.0.1:9' };

  it('the launcher names the address and the fix at once', async () => {
    const launcher = startSample('basic', 'src/run-hello-world.ts', down);
    assert.equal(await launcher.exited, 1, launcher.output());
    assert.match(
      launcher.output(),
      /^Cannot reach Temporal at 127\.0\.0\.1:9 \(namespace default\): connection refused/,
    );
    assert.match(launcher.output(), /Fix: start the dev server in another terminal with `pnpm temporal`/);
  });

  it('so does the worker', async () => {
    const worker = startSample('basic', 'src/worker.ts', down);
    assert.equal(await worker.exited, 1, worker.output());
    assert.match(worker.output(), /^Cannot reach Temporal at 127\.0\.0\.1:9 \(namespace default\): connection refused/);
    assert.match(worker.output(), /`pnpm temporal`/);
  });
});

describe("a launcher's number argument", () => {
  it('is refused before the launcher connects, naming what was given, in both lifecycle launchers', async () => {
    const cases: [script: string, given: string][] = [
      ['src/run-lifecycle.ts', 'fifty'],
      ['src/run-agent-lifecycle.ts', '-3'],
    ];
    for (const [script, given] of cases) {
      // Temporal is not there: a launcher that parsed nothing would fail on the connection instead.
      const launcher = startSample('basic', script, { TEMPORAL_ADDRESS: '127.0.0.1:9' }, [given]);
      assert.equal(await launcher.exited, 1, launcher.output());
      assert.equal(launcher.output().trim(), `The max number must be a whole number of 0 or more, not "${given}".`);
    }
  });
});
