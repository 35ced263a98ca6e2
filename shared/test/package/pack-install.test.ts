// The plugin as a user gets it: `npm pack`ed, installed with npm from the tarball into a fresh app outside
// the workspace (peers and @openai/agents from the registry, at the versions this repo uses), compiled with tsc under
// nodenext, run with plain node against the test's Temporal server, and replayed. Then the wrong way:
// a symlink to this folder, whose bundle holds two copies of agents-core, must fail bundling at once.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';
import {
  openAIErrorBody,
  responsesApiText,
  scheduledActivityTypes,
  startFakeOpenAIServer,
  useAgentsTestEnvironment,
} from '../../src/testing/index.js';
import { duplicateCopiesMessage } from '../../src/worker/bundler.js';
import { agentsCoreWorkflowsSource, appSources, appTsconfig } from './app-files.js';

const sharedDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = join(sharedDir, '..');
const TEST_TIMEOUT_MS = 10 * 60_000;
const NPM_TIMEOUT_MS = 5 * 60_000;
const STEP_TIMEOUT_MS = 3 * 60_000;
const NPM_QUIET = ['--loglevel=error', '--no-audit', '--no-fund', '--no-update-notifier'];

const QUESTION = 'What is the weather in Tokyo?';
const TOOL_CALL_ID = 'call_weather_tokyo';
const FINAL_ANSWER = 'It is sunny in Tokyo, 24 °C.';
const API_KEY = 'sk-pack-test-local-server';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
}

interface RunningChild {
  child: ChildProcess;
  output: () => string;
  exit: Promise<ChildExit>;
}

/** Starts a child process with stdout and stderr captured together; past `timeoutMs` it gets SIGTERM, then SIGKILL. */
function startChild(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): RunningChild {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  }, options.timeoutMs);
  const exit = new Promise<ChildExit>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const settle = () => resolve({ code, signal, timedOut, output });
      // A grandchild may keep the pipes open; the output is complete enough shortly after the exit.
      child.once('close', settle);
      setTimeout(settle, 2_000).unref();
    });
  });
  return { child, output: () => output, exit };
}

function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ChildExit> {
  return startChild(command, args, options).exit;
}

function assertSucceeded(run: ChildExit, what: string): void {
  assert.equal(run.timedOut, false, `${what} timed out:\n${run.output}`);
  assert.equal(run.code, 0, `${what} exited with ${run.code ?? run.signal}:\n${run.output}`);
}

async function waitForOutput(running: RunningChild, text: string, timeoutMs: number): Promise<void> {
  let exited = false;
  void running.exit.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!running.output().includes(text)) {
    if (exited) throw new Error(`the process exited before printing "${text}":\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${running.output()}`);
    await sleep(200);
  }
}

/** A fresh folder in the OS temp folder, outside the workspace, removed after the tests. */
function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `openai-agents-temporal-${prefix}-`)));
  tempDirs.push(dir);
  assert.ok(!dir.startsWith(realpathSync(repoRoot) + sep), `${dir} is inside the workspace`);
  return dir;
}

function readPackageJson(dir: string): {
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
} {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/**
 * Builds the plugin into a staging copy of this folder (so the running suites' shared/dist is left alone)
 * and packs it with npm; `files` in package.json decides what ships. Returns the tarball's path.
 */
async function packPlugin(): Promise<string> {
  const stage = tempDir('stage');
  for (const entry of readdirSync(sharedDir)) {
    if (['node_modules', 'dist', '.test-results', '.turbo'].includes(entry)) continue;
    cpSync(join(sharedDir, entry), join(stage, entry), { recursive: true });
  }
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = await runChild(
    process.execPath,
    [tsc, '-p', join(sharedDir, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')],
    { cwd: sharedDir, timeoutMs: STEP_TIMEOUT_MS },
  );
  assertSucceeded(build, 'building the plugin');
  const tarballs = tempDir('tarballs');
  const pack = await runChild('npm', ['pack', '--json', '--pack-destination', tarballs, ...NPM_QUIET], {
    cwd: stage,
    timeoutMs: STEP_TIMEOUT_MS,
  });
  assertSucceeded(pack, 'npm pack');
  const [packed] = JSON.parse(pack.output.slice(pack.output.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  assert.ok(packed, `npm pack printed no package:\n${pack.output}`);
  const shipped = packed.files.map((file) => file.path);
  for (const entry of ['worker', 'workflow', 'testing']) {
    assert.ok(shipped.includes(`dist/${entry}/index.js`), `the tarball lacks dist/${entry}/index.js`);
    assert.ok(shipped.includes(`dist/${entry}/index.d.ts`), `the tarball lacks dist/${entry}/index.d.ts`);
  }
  assert.ok(shipped.includes('README.md'), 'the tarball lacks README.md');
  const unexpected = shipped.filter((path) => /^(test|replay|bin|node_modules)\//.test(path));
  assert.deepEqual(unexpected, [], 'the tarball ships files that are not part of the package');
  // The package knows nothing of the repository it is developed in: its scripts, its bootstrap's cache, its samples.
  const repoTooling =
    /scripts\/|bootstrap|temporal-agents-samples|AGENTS_SAMPLES_CACHE|pnpm temporal|sample-kit|src\/samples/;
  const knowsTheRepo = shipped.filter((path) => repoTooling.test(readFileSync(join(stage, path), 'utf8')));
  assert.deepEqual(knowsTheRepo, [], 'files in the tarball refer to the repository tooling');
  return join(tarballs, packed.filename);
}

/**
 * A new npm project that depends on the plugin (`pluginSpec`, as in package.json) and on its peers at
 * the versions this repo uses, with the app's sources; installed with npm and compiled with tsc.
 */
async function createApp(prefix: string, pluginSpec: string, sources = appSources): Promise<string> {
  const app = tempDir(prefix);
  const plugin = readPackageJson(sharedDir);
  const root = readPackageJson(repoRoot);
  const repoVersion = (name: string, versions: Record<string, string>): string => {
    const version = versions[name];
    assert.ok(version, `no version of ${name} in this repo's package.json`);
    return version;
  };
  const dependencies: Record<string, string> = { 'openai-agents-temporal': pluginSpec };
  // Every peer, @temporalio/testing included (the app's replay script uses the testing kit); zod for the tool's schema.
  for (const name of [...Object.keys(plugin.peerDependencies), 'zod']) {
    dependencies[name] = repoVersion(name, plugin.devDependencies);
  }
  const devDependencies = {
    typescript: repoVersion('typescript', root.devDependencies),
    '@types/node': repoVersion('@types/node', root.devDependencies),
  };
  const packageJson = { name: 'weather-agent-app', private: true, type: 'module', dependencies, devDependencies };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(join(app, 'tsconfig.json'), `${JSON.stringify(appTsconfig, null, 2)}\n`);
  mkdirSync(join(app, 'src'));
  for (const [path, source] of Object.entries(sources)) writeFileSync(join(app, path), source);
  const install = await runChild('npm', ['install', '--include=dev', ...NPM_QUIET], {
    cwd: app,
    timeoutMs: NPM_TIMEOUT_MS,
  });
  assertSucceeded(install, 'npm install');
  const compile = await runChild(
    process.execPath,
    [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    {
      cwd: app,
      timeoutMs: STEP_TIMEOUT_MS,
    },
  );
  assertSucceeded(compile, 'tsc (strict, nodenext)');
  assert.equal(compile.output.trim(), '', 'tsc reported diagnostics');
  return app;
}

/** A Responses API body whose output is one call of the app's get_weather tool. */
const weatherToolCall = {
  id: 'resp_tool_call',
  object: 'response',
  created_at: 1_700_000_000,
  status: 'completed',
  model: 'gpt-test',
  output: [
    {
      type: 'function_call',
      id: 'fc_weather_tokyo',
      call_id: TOOL_CALL_ID,
      name: 'get_weather',
      arguments: JSON.stringify({ city: 'Tokyo' }),
      status: 'completed',
    },
  ],
  usage: {
    input_tokens: 20,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 5,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 25,
  },
};

describe('the plugin packed and installed with npm in a project outside the workspace', () => {
  it(
    'typechecks under nodenext, runs an agent with an activity tool on plain node through the default OpenAI provider, and replays',
    async () => {
      const tarball = await packPlugin();
      const app = await createApp('app', `file:${tarball}`);
      const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');

      // The plugin's own declarations, checked too (the app skips library checks, as most projects do).
      const libCheck = await runChild(
        process.execPath,
        [tsc, '-p', 'tsconfig.json', '--noEmit', '--skipLibCheck', 'false', '--listFiles'],
        { cwd: app, timeoutMs: STEP_TIMEOUT_MS },
      );
      assert.equal(libCheck.timedOut, false, libCheck.output);
      const lines = libCheck.output.split('\n');
      const pluginDeclarations = realpathSync(join(app, 'node_modules', 'openai-agents-temporal', 'dist'));
      assert.ok(
        lines.some((line) => line.startsWith(pluginDeclarations) && line.endsWith('.d.ts')),
        `tsc did not load the plugin's declarations:\n${libCheck.output}`,
      );
      const ownErrors = lines.filter((line) => /^(src|node_modules\/openai-agents-temporal)\/.*error TS/.test(line));
      assert.deepEqual(ownErrors, [], 'type errors in the app or in the plugin’s declarations');

      const address = testEnv().env.address;
      const taskQueue = `pack-test-${Date.now().toString(36)}`;
      const workflowId = `${taskQueue}-weather`;
      const server = await startFakeOpenAIServer((_request, index) => {
        if (index === 0) return { json: weatherToolCall };
        if (index === 1) return { json: responsesApiText(FINAL_ANSWER) };
        return { status: 400, json: openAIErrorBody('the test scripted two model calls only') };
      });
      const worker = startChild(process.execPath, ['dist/worker.js'], {
        cwd: app,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: address,
          TASK_QUEUE: taskQueue,
          OPENAI_API_KEY: API_KEY,
          OPENAI_BASE_URL: server.baseURL,
        },
        timeoutMs: TEST_TIMEOUT_MS,
      });
      const clientEnv = { ...process.env, TEMPORAL_ADDRESS: address, TASK_QUEUE: taskQueue };
      try {
        await waitForOutput(worker, 'worker ready', STEP_TIMEOUT_MS);
        const launcher = await runChild(process.execPath, ['dist/launcher.js', workflowId, QUESTION], {
          cwd: app,
          env: clientEnv,
          timeoutMs: STEP_TIMEOUT_MS,
        });
        assertSucceeded(launcher, `the launcher (worker output:\n${worker.output()})`);
        assert.equal(launcher.output.trim().split('\n').at(-1), FINAL_ANSWER);
      } finally {
        worker.child.kill('SIGTERM');
        await server.close();
      }
      const stopped = await worker.exit;
      assert.equal(stopped.code, 0, `the worker did not stop cleanly on SIGTERM:\n${stopped.output}`);

      // Exactly two model calls, through the real openai client: the tool call round, then the final answer.
      const [first, second, ...extra] = server.requests;
      assert.deepEqual(extra, [], 'more model calls than scripted');
      assert.ok(first && second, `expected two model calls, got ${server.requests.length}`);
      for (const request of [first, second]) {
        assert.equal(`${request.method} ${request.path}`, 'POST /v1/responses');
        assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
      }
      const firstBody = first.body as { input: unknown; tools: { type: string; name?: string }[] };
      assert.deepEqual(firstBody.input, [{ role: 'user', content: QUESTION }]);
      // The function tool, and the hosted tool the workflow built with @openai/agents' webSearchTool().
      assert.deepEqual(
        firstBody.tools.map((tool) => tool.name ?? tool.type),
        ['get_weather', 'web_search'],
      );
      // No trace export to the console: the plugin's default, as @openai/agents', sends traces to OpenAI
      // with an OpenAI key only (this key is the local server's), and prints none.
      assert.ok(!stopped.output.includes('[Exporter]'), `the worker printed spans:\n${stopped.output}`);
      const secondInput = (second.body as { input: Record<string, unknown>[] }).input;
      assert.deepEqual(
        secondInput.map((item) => item.type ?? item.role),
        ['user', 'function_call', 'function_call_output'],
      );
      assert.equal(secondInput[1]?.call_id, TOOL_CALL_ID);
      assert.equal(secondInput[2]?.call_id, TOOL_CALL_ID);
      assert.equal(secondInput[2]?.output, 'Tokyo: sunny, 24 °C', 'the activity’s result did not reach the model');

      // Model call, tool activity, model call; the app's modelParams reached the packed plugin's bundle.
      const history = await testEnv().client.workflow.getHandle(workflowId).fetchHistory();
      assert.deepEqual(scheduledActivityTypes(history), [INVOKE_MODEL_ACTIVITY, 'getWeather', INVOKE_MODEL_ACTIVITY]);
      for (const event of history.events ?? []) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (scheduled?.activityType?.name !== INVOKE_MODEL_ACTIVITY) continue;
        assert.equal(Number(scheduled.startToCloseTimeout?.seconds), 45);
        assert.equal(scheduled.retryPolicy?.maximumAttempts, 3);
      }

      const replay = await runChild(process.execPath, ['dist/replay.js', workflowId], {
        cwd: app,
        env: clientEnv,
        timeoutMs: STEP_TIMEOUT_MS,
      });
      assertSucceeded(replay, 'the replay');
      assert.ok(replay.output.includes(`replayed ${workflowId}`), replay.output);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'installed as a symlink to this folder (two copies of agents-core), the worker fails at bundling and names both copies',
    async () => {
      assert.ok(
        existsSync(join(sharedDir, 'dist', 'worker', 'index.js')),
        'the linked plugin runs from shared/dist: run `pnpm run build` in shared/ first',
      );
      // Its workflow imports agents-core itself: the app's copy. (`@openai/agents` imports alone would not
      // make two copies: the plugin maps them to its workflow-safe form, on the plugin's own agents-core.)
      const app = await createApp('linked-app', `file:${sharedDir}`, {
        ...appSources,
        'src/workflows.ts': agentsCoreWorkflowsSource,
      });
      assert.ok(lstatSync(join(app, 'node_modules', 'openai-agents-temporal')).isSymbolicLink());

      const worker = startChild(process.execPath, ['dist/worker.js'], {
        cwd: app,
        env: { ...process.env, TEMPORAL_ADDRESS: testEnv().env.address, TASK_QUEUE: `pack-test-linked-${Date.now()}` },
        timeoutMs: STEP_TIMEOUT_MS,
      });
      // A worker that gets past bundling would poll with a broken bundle until killed: stop it at once.
      const started = await Promise.race([
        waitForOutput(worker, 'worker ready', STEP_TIMEOUT_MS).then(
          () => true,
          () => false,
        ),
        worker.exit.then(() => false),
      ]);
      if (started) worker.child.kill('SIGTERM');
      const exited = await worker.exit;
      assert.equal(started, false, `the worker started polling with two copies of agents-core:\n${exited.output}`);
      assert.equal(exited.timedOut, false, `the worker did not fail on its own:\n${exited.output}`);
      assert.notEqual(exited.code, 0, exited.output);
      const appCopy = realpathSync(join(app, 'node_modules', '@openai', 'agents-core'));
      const pluginCopy = realpathSync(join(sharedDir, 'node_modules', '@openai', 'agents-core'));
      assert.notEqual(appCopy, pluginCopy);
      const messages = [
        duplicateCopiesMessage('@openai/agents-core', [appCopy, pluginCopy]),
        duplicateCopiesMessage('@openai/agents-core', [pluginCopy, appCopy]),
      ];
      assert.ok(
        messages.some((message) => exited.output.includes(message)),
        `the worker's output does not name both copies:\n${exited.output}`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
