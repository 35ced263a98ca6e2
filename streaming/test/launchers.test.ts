// The launchers as a reader runs them (`pnpm --filter streaming run stream-text`), against a worker in
// this process on the sample's task queue: what they print, and when.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { ScriptedModelProvider, textResponse, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import { offlineAnswers } from '../src/offline-answers';
import { TASK_QUEUE } from '../src/task-queue';

const sampleDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** A launcher in its own process, with this environment less any Temporal or OpenAI settings, plus the test server. */
function launch(script: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|OPENAI_)/.test(name)));
  const child = spawn(tsx, [script], {
    cwd: sampleDir,
    env: { ...env, TEMPORAL_ADDRESS: testEnv().env.address },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      for (const listener of listeners) listener();
    });
  }
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    output: () => output,
    exited,
    /** Resolves once the output includes `text`; rejects if the launcher exits first. */
    printed: (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) resolve();
        };
        listeners.add(check);
        check();
        void exited.then(() => reject(new Error(`the launcher exited without printing ${text}:\n${output}`)));
      }),
  };
}

describe('launchers', () => {
  it('stream-text prints the answer while the model writes it, then the result', async () => {
    const answer = 'Why did the scarecrow win an award? He was outstanding in his field.';
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let deltas = 0;
    // After three words the model waits until the test has seen the launcher print them.
    const model = new ScriptedModelProvider(
      { Joker: textResponse(answer) },
      {
        streaming: {
          beforeEvent: async (event) => {
            if (event.type === 'output_text_delta' && ++deltas === 4) {
              await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 20_000))]);
            }
          },
        },
      },
    );
    const worker = { workflowsPath, activities, modelProvider: model, taskQueue: TASK_QUEUE };
    const { printedWhileWaiting, output, code } = await testEnv().withWorker(worker, async () => {
      const launcher = launch('src/run-stream-text.ts');
      await launcher.printed('Why did the ');
      const printedWhileWaiting = launcher.output();
      release();
      const code = await launcher.exited;
      return { printedWhileWaiting, output: launcher.output(), code };
    });
    assert.equal(code, 0, output);
    assert.equal(deltas, answer.split(' ').length);
    assert.doesNotMatch(printedWhileWaiting, /Result/);
    assert.ok(
      output.startsWith(`${answer}\n\nResult (the workflow saw the same ${deltas} text deltas):\n${answer}\n`),
      output,
    );
    assert.match(output, /See the run in the Temporal UI: http/);
  });

  it('stream-text: a status line that comes mid-stream goes on its own line, and the stream goes on on the next', async () => {
    const answer = 'Why did the scarecrow win an award? He was outstanding in his field.';
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failedOnce = false;
    let deltas = 0;
    // The first attempt fails after three words; the second stops after three words until the test
    // has seen the launcher's report of the first failure.
    const model = new ScriptedModelProvider(
      { Joker: textResponse(answer) },
      {
        streaming: {
          beforeEvent: async (event) => {
            if (event.type !== 'output_text_delta' || ++deltas !== 4) return;
            if (!failedOnce) {
              failedOnce = true;
              deltas = 0;
              throw new Error('the model server went away mid-answer');
            }
            await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 20_000))]);
          },
        },
      },
    );
    const worker = { workflowsPath, activities, modelProvider: model, taskQueue: TASK_QUEUE };
    const { output, code } = await testEnv().withWorker(worker, async () => {
      const launcher = launch('src/run-stream-text.ts');
      await launcher.printed('attempt 1 failed');
      release();
      const code = await launcher.exited;
      return { output: launcher.output(), code };
    });
    assert.equal(code, 0, output);
    const lines = output.split('\n');
    const at = lines.findIndex((line) => line.includes('attempt 1 failed'));
    // The status is a line of its own, after the words streamed so far ("Why did the ")...
    assert.equal(
      lines[at],
      `${INVOKE_MODEL_ACTIVITY}: attempt 1 failed (Error): the model server went away mid-answer`,
      output,
    );
    assert.equal(lines[at - 1], 'Why did the ', output);
    // ...as is every status line, and the stream goes on at the start of a line after them.
    for (const line of lines.filter((text) => text.includes(`${INVOKE_MODEL_ACTIVITY}:`))) {
      assert.ok(line.startsWith(`${INVOKE_MODEL_ACTIVITY}:`), `a status line inside streamed text: ${line}`);
    }
    assert.ok(
      lines.some((line) => line.startsWith('Why did the scarecrow') || line.startsWith('scarecrow')),
      output,
    );
    assert.match(output, /He was outstanding in his field\.\n\nResult/, output);
  });

  it('stream-items prints the play-by-play with the offline answers', async () => {
    const worker = {
      workflowsPath,
      activities,
      modelProvider: offlineModelProvider(offlineAnswers),
      taskQueue: TASK_QUEUE,
    };
    const { output, code } = await testEnv().withWorker(worker, async () => {
      const launcher = launch('src/run-stream-items.ts');
      const code = await launcher.exited;
      return { output: launcher.output(), code };
    });
    assert.equal(code, 0, output);
    const match =
      /^\[agent\] Joker\n\[tool call\] how_many_jokes\(\{\}\)\n\[tool output\] (\d+)\n\[message\]\n((?: {2}.*\n)+)\nDone: 1 message\(s\)\./.exec(
        output,
      );
    assert.ok(match, output);
    const jokeLines = (match[2] ?? '').split('\n').filter((line) => /^ {2}\d+\. /.test(line));
    assert.equal(jokeLines.length, Number(match[1]));
  });
});
