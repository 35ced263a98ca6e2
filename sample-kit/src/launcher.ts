/**
 * What a sample launcher adds to the plain `client.workflow.start` + `handle.result()` a user
 * copies: while it waits, it tells within seconds when no worker picks the run up (and which command
 * starts one), reports a workflow task that keeps failing instead of waiting forever, and prints a
 * failed run as one short block.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type QueryDefinition, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import { connectClient, temporalConnectConfig, workflowUiUrl } from './connection.js';
import { isVerbose, workerCommand } from './env.js';
import { describeWorkflowFailure, describeWorkflowTaskFailure, fixFor } from './failures.js';
import { exitAfterFailure, launcherTerminal } from './terminal.js';

export interface WatchOptions {
  /**
   * What to do about a failure type, in this sample's words, over the general advice: e.g.
   * `{ 'OpenAIAgents.MCPServerStartFailed': 'start the server: pnpm --filter mcp run serve-tools' }`.
   * Printed as the failure block's "Fix:" line, and under a failed attempt that is retried.
   */
  fixes?: Record<string, string> | undefined;
}

type PendingActivity = NonNullable<Awaited<ReturnType<WorkflowHandle['describe']>>['raw']['pendingActivities']>[number];

/** How long a task may wait for a worker before the launcher says that none is picking it up. */
const NO_WORKER_AFTER_MS = 3_000;
const WATCH_INTERVAL_MS = 1_000;

// Values of temporal.api.enums.v1 enums, as the describe response carries them.
const PENDING_WORKFLOW_TASK_SCHEDULED = 1;
const PENDING_ACTIVITY_SCHEDULED = 1;
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;
// Workflow task failures the server causes in normal operation; they say nothing about the code.
const BENIGN_WORKFLOW_TASK_FAILURE_CAUSES = new Set([
  1 /* UNHANDLED_COMMAND */, 13 /* RESET_STICKY_TASK_QUEUE */, 17 /* FORCE_CLOSE_COMMAND */,
  18 /* FAILOVER_CLOSE_COMMAND */,
]);

/** Each started run's watcher, until its result is in. */
const watchers = new WeakMap<object, RunWatcher>();

/**
 * Watches a started run from now on: says when no worker picks it up, and reports a workflow task
 * that keeps failing. For a launcher that sends updates or signals before it waits for the result.
 */
export function watchRun<H extends WorkflowHandle>(handle: H, options: WatchOptions = {}): H {
  const watching = watchers.get(handle);
  if (watching) {
    if (options.fixes) watching.fixes = { ...watching.fixes, ...options.fixes };
  } else {
    const watcher = new RunWatcher(handle, workflowUiUrl(handle), isVerbose(), options.fixes ?? {});
    watchers.set(handle, watcher);
    void watcher.watch();
  }
  return handle;
}

/**
 * `handle.result()`, watching the run meanwhile (see watchRun). On failure it prints one short block
 * (failure type, message, what to fix, UI link; the cause chain with --verbose) and exits 1.
 */
export async function waitForResult<H extends WorkflowHandle>(
  handle: H,
  options: WatchOptions = {},
): Promise<Awaited<ReturnType<H['result']>>> {
  const verbose = isVerbose();
  const uiUrl = workflowUiUrl(handle);
  watchRun(handle, options);
  const watcher = watchers.get(handle) as RunWatcher;
  const stopWaiting = () => {
    launcherTerminal.line(`\nStopped waiting. The run goes on without this launcher: ${uiUrl}`);
    process.exit(130);
  };
  process.once('SIGINT', stopWaiting);
  try {
    return (await handle.result()) as Awaited<ReturnType<H['result']>>;
  } catch (error) {
    watcher.stop();
    if (error instanceof WorkflowFailedError) {
      launcherTerminal.line(describeWorkflowFailure(error, { uiUrl, verbose, fixes: watcher.fixes }), 'stderr');
      exitAfterFailure();
    }
    throw error;
  } finally {
    watcher.stop();
    watchers.delete(handle);
    process.off('SIGINT', stopWaiting);
  }
}

/** Polls the run's pending tasks while the launcher waits, and speaks when something is stuck. */
class RunWatcher {
  #stopped = false;
  #wakeUp: (() => void) | undefined;
  #saidNoWorker = false;
  #lastProgressLine = '';
  #lastProgressPrintedAt = 0;
  /** `<activityId>:<attempt>` of each failed attempt already reported. */
  readonly #reportedFailures = new Set<string>();
  /** When each pending task was first seen waiting for a worker (by the launcher's clock). */
  readonly #waitingSince = new Map<string, number>();

  /** The run's task queue and workflow type, from its latest describe. */
  options = { taskQueue: '', workflowType: '' };

  constructor(
    readonly handle: WorkflowHandle,
    readonly uiUrl: string,
    readonly verbose: boolean,
    public fixes: Record<string, string>,
  ) {}

  /** Stops watching; a run that was waiting for a worker is said to have been picked up, since it ended. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#wakeUp?.();
    this.clearProgress();
    if (this.#saidNoWorker) {
      this.#saidNoWorker = false;
      launcherTerminal.line('A worker picked up the run.');
    }
  }

  async watch(): Promise<void> {
    while (!this.#stopped) {
      await new Promise<void>((resolve) => {
        // Unref'd: watching never keeps a finished launcher alive.
        const timer = setTimeout(resolve, WATCH_INTERVAL_MS).unref();
        this.#wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.#stopped) return;
      try {
        await this.#check();
      } catch {
        // A failed look (e.g. the run just closed) is not worth reporting; result() reports the outcome.
      }
    }
  }

  async #check(): Promise<void> {
    const { raw, taskQueue, type } = await this.handle.describe();
    if (this.#stopped) return;
    this.options = { taskQueue, workflowType: type };
    const now = Date.now();
    const task = raw.pendingWorkflowTask;
    if (task && (task.attempt ?? 1) >= 2) await this.#reportFailingWorkflowTask(task.attempt ?? 2);

    const waiting: { key: string; what: string; queueType: number; since: number }[] = [];
    if (task?.state === PENDING_WORKFLOW_TASK_SCHEDULED) {
      waiting.push({ key: 'workflow-task', what: 'the workflow', queueType: TASK_QUEUE_TYPE_WORKFLOW, since: 0 });
    }
    for (const activity of raw.pendingActivities ?? []) {
      if (activity.state !== PENDING_ACTIVITY_SCHEDULED) continue;
      // An activity in retry backoff is SCHEDULED too, but it waits for its next attempt's time, not for a worker.
      const nextAttemptAt = optionalTsToMs(activity.nextAttemptScheduleTime) ?? 0;
      if (nextAttemptAt > now) continue;
      const name = activity.activityType?.name ?? 'an activity';
      waiting.push({
        key: `activity-${activity.activityId}-attempt-${activity.attempt ?? 1}`,
        what: name,
        queueType: TASK_QUEUE_TYPE_ACTIVITY,
        since: nextAttemptAt,
      });
    }
    for (const key of this.#waitingSince.keys()) {
      if (!waiting.some((item) => item.key === key)) this.#waitingSince.delete(key);
    }
    for (const item of waiting) if (!this.#waitingSince.has(item.key)) this.#waitingSince.set(item.key, now);
    const longest = waiting
      .map((item) => ({ ...item, since: Math.max(item.since, this.#waitingSince.get(item.key) ?? now) }))
      .sort((a, b) => a.since - b.since)[0];

    if (longest && now - longest.since >= NO_WORKER_AFTER_MS) {
      if (!this.#saidNoWorker) {
        this.#saidNoWorker = true;
        this.#say(await this.#noWorkerMessage(longest.queueType));
      }
      this.#progress(`Waiting for a worker to run ${longest.what}... ${Math.round((now - longest.since) / 1000)} s`);
      return;
    }
    if (this.#saidNoWorker) {
      this.#saidNoWorker = false;
      this.#say('A worker picked up the run.');
    }
    const retrying = (raw.pendingActivities ?? []).find(
      (activity) => (activity.attempt ?? 1) >= 2 && activity.lastFailure,
    );
    if (retrying) {
      this.#reportRetry(retrying, now);
      return;
    }
    this.clearProgress();
  }

  /**
   * An activity that failed and is retried: each failed attempt once, on a line of its own that stays
   * (type and message), then a progress line with the next attempt's time and the policy's limit.
   */
  #reportRetry(activity: PendingActivity, now: number): void {
    const name = activity.activityType?.name ?? 'an activity';
    const attempt = activity.attempt ?? 2;
    const failure = activity.lastFailure;
    const failedAttempt = `${activity.activityId}:${attempt - 1}`;
    if (!this.#reportedFailures.has(failedAttempt)) {
      this.#reportedFailures.add(failedAttempt);
      const type = failure?.applicationFailureInfo?.type;
      this.#say(
        `${name}: attempt ${attempt - 1} failed${type ? ` (${type})` : ''}: ${firstLine(failure?.message ?? '')}`,
      );
      // The advice once per failure type, not under every attempt.
      const fix = type ? fixFor(type, this.fixes) : undefined;
      if (fix && type && !this.#reportedFailures.has(type)) {
        this.#reportedFailures.add(type);
        launcherTerminal.line(`  Fix: ${fix}`);
      }
    }
    const maximum = activity.maximumAttempts ?? 0;
    const limit =
      maximum > 0 ? `, at most ${maximum} attempts` : ', with no attempt limit; Ctrl-C stops waiting, not the run';
    const nextAttemptAt = optionalTsToMs(activity.nextAttemptScheduleTime) ?? 0;
    if (activity.state === PENDING_ACTIVITY_SCHEDULED && nextAttemptAt > now) {
      const seconds = Math.ceil((nextAttemptAt - now) / 1000);
      this.#progress(`${name}: Temporal retries it (attempt ${attempt} in ${seconds} s${limit})...`);
    } else {
      this.#progress(`${name}: attempt ${attempt} running${limit}...`);
    }
  }

  /** A line that stays: after the progress line is cleared, and on a line of its own. */
  #say(text: string): void {
    launcherTerminal.line(text);
  }

  async #noWorkerMessage(queueType: number): Promise<string> {
    const config = temporalConnectConfig();
    const client = await connectClient();
    let pollers = 0;
    try {
      const response = await client.workflowService.describeTaskQueue({
        namespace: config.namespace,
        taskQueue: { name: this.options.taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType: queueType,
      });
      pollers = response.pollers?.length ?? 0;
    } catch {
      // Without the poller list the message below still holds.
    }
    const headline =
      pollers === 0
        ? `No worker is polling task queue ${this.options.taskQueue} on ${config.address}, so the run is waiting.`
        : `No worker has picked up the run from task queue ${this.options.taskQueue} yet (the last poller may have stopped).`;
    return `${headline}\n  Start the worker in another terminal: ${workerCommand()}`;
  }

  async #reportFailingWorkflowTask(attempt: number): Promise<void> {
    const history = await this.handle.fetchHistory();
    const failed = [...(history.events ?? [])].reverse().find((event) => event.workflowTaskFailedEventAttributes);
    const attributes = failed?.workflowTaskFailedEventAttributes;
    if (!attributes || BENIGN_WORKFLOW_TASK_FAILURE_CAUSES.has(Number(attributes.cause ?? 0))) return;
    this.stop();
    launcherTerminal.line(
      describeWorkflowTaskFailure({
        workflowType: this.options.workflowType,
        workflowId: this.handle.workflowId,
        taskQueue: this.options.taskQueue,
        attempt,
        message: attributes.failure?.message ?? 'the worker gave no message',
        stack: attributes.failure?.stackTrace ?? undefined,
        uiUrl: this.uiUrl,
        workerCommand: workerCommand(),
        verbose: this.verbose,
      }),
      'stderr',
    );
    exitAfterFailure();
  }

  /** One line that rewrites itself on a terminal; elsewhere a new line when it says something new, or every 15 s. */
  #progress(line: string): void {
    if (process.stdout.isTTY) {
      launcherTerminal.progress(line);
      return;
    }
    const gist = line.replace(/\d+ s\b/g, '');
    const now = Date.now();
    if (gist !== this.#lastProgressLine || now - this.#lastProgressPrintedAt >= 15_000) {
      launcherTerminal.line(line);
      this.#lastProgressLine = gist;
      this.#lastProgressPrintedAt = now;
    }
  }

  /** Removes the progress line from a terminal, so what follows starts on a clean line. */
  clearProgress(): void {
    launcherTerminal.clearProgress();
    this.#lastProgressLine = '';
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * waitForResult, while showing the run's progress: `show` gets the workflow's answer to `progressQuery`
 * every `intervalMs` until the run ends, and once more after, so the last steps are shown too.
 */
export async function waitForResultShowingProgress<H extends WorkflowHandle, P>(
  handle: H,
  progressQuery: QueryDefinition<P>,
  show: (progress: P) => void,
  intervalMs = 500,
): Promise<Awaited<ReturnType<H['result']>>> {
  let running = true;
  const outcome = waitForResult(handle).finally(() => {
    running = false;
  });
  const settled = outcome.then(
    () => undefined,
    () => undefined,
  );
  while (running) {
    show(await handle.query(progressQuery));
    await Promise.race([settled, sleep(intervalMs)]);
  }
  show(await handle.query(progressQuery));
  return outcome;
}

/** Prints each line once, by key, however often a progress poll shows it. */
export class LinesPrintedOnce {
  readonly #printed = new Set<string>();

  print(key: string, line: string): void {
    if (this.#printed.has(key)) return;
    this.#printed.add(key);
    launcherTerminal.line(line);
  }

  /** How many keys printed so far start with `prefix`. */
  count(prefix: string): number {
    return [...this.#printed].filter((key) => key.startsWith(prefix)).length;
  }
}

/**
 * A research launcher's line for each search that has ended, numbered in the order they end:
 * `  [2/3] search done: <query>` (or `FAILED`). Safe to call on every progress poll.
 */
export function printFinishedSearches(
  lines: LinesPrintedOnce,
  searches: readonly { query: string; status: 'running' | 'done' | 'failed' }[],
): void {
  for (const [index, search] of searches.entries()) {
    if (search.status === 'running') continue;
    const finished = lines.count('search:') + 1;
    const mark = search.status === 'done' ? 'done' : 'FAILED';
    lines.print(`search:${index}`, `  [${finished}/${searches.length}] search ${mark}: ${search.query}`);
  }
}
