// The sample's run with the offline answers and the real local sandbox client: the files change as the
// agent says, each sandbox operation is one activity with a summary, and the history replays.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INVOKE_MODEL_ACTIVITY } from 'openai-agents-temporal';
import { scheduledActivityTypes, useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { localSandboxProvider } from '../src/sandbox-provider';
import { localSandbox } from '../src/workflows';
import { STARTER_FILES } from '../src/workflows/local-sandbox';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const PROMPT = 'Count the items in inventory.csv, write the total to summary.md, and tick off the to-do items.';
const sandboxActivity = (operation: string) => `sandbox-local-${operation}`;

describe('local sandbox sample (offline model, real local sandbox)', () => {
  it('changes the files, one activity per sandbox operation, and the history replays', async () => {
    const { provider, baseDir } = localSandboxProvider();
    const { result, history } = await testEnv().runWorkflow(localSandbox, [PROMPT], {
      workflowsPath,
      modelProvider: offlineModelProvider(offlineAnswers),
      sandboxClientProviders: [provider],
    });

    assert.deepEqual(result.actions, [
      'exec_command: ls && cat inventory.csv todo.md',
      "exec_command: awk -F, 'NR > 1 { total += $2 } END { print total }' inventory.csv",
      'apply_patch: create_file summary.md',
      "exec_command: sed -i 's/^- \\[ \\]/- [x]/' todo.md && cat todo.md summary.md",
    ]);
    assert.equal(result.files['inventory.csv'], STARTER_FILES['inventory.csv']);
    assert.equal(result.files['summary.md'], '# Inventory\nTotal items: 42');
    assert.equal(
      result.files['todo.md'],
      '- [x] count the items in inventory.csv\n- [x] write the total to summary.md\n',
    );
    assert.match(result.answer, /Total items: 42/);

    // One activity per operation: create, each command and the edit between model calls, the reads, close.
    assert.deepEqual(scheduledActivityTypes(history), [
      sandboxActivity('create'),
      INVOKE_MODEL_ACTIVITY,
      sandboxActivity('exec-command'),
      INVOKE_MODEL_ACTIVITY,
      sandboxActivity('exec-command'),
      INVOKE_MODEL_ACTIVITY,
      sandboxActivity('edit'),
      INVOKE_MODEL_ACTIVITY,
      sandboxActivity('exec-command'),
      INVOKE_MODEL_ACTIVITY,
      sandboxActivity('list-dir'),
      sandboxActivity('read-file'),
      sandboxActivity('read-file'),
      sandboxActivity('read-file'),
      sandboxActivity('close'),
    ]);
    const summaries = (history.events ?? [])
      .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name?.startsWith('sandbox-'))
      .map((event) => event.userMetadata?.summary?.data);
    assert.ok(summaries.every(Boolean), 'every sandbox activity carries a summary');
    const summaryTexts = summaries.map((data) => JSON.parse(new TextDecoder().decode(data ?? new Uint8Array())));
    assert.ok(summaryTexts.includes('local: create file summary.md'), JSON.stringify(summaryTexts));
    assert.ok(summaryTexts.includes('local: exec "ls && cat inventory.csv todo.md"'), JSON.stringify(summaryTexts));

    // The session's folder was inside the sample's temporary folder, and closing the session removed it.
    assert.deepEqual(readdirSync(baseDir), []);
    assert.ok(existsSync(baseDir));
  });
});
