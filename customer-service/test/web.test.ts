// The web chat as a person uses it: a real headless Chromium (Debian's `chromium`, driven over CDP by
// playwright-core) on the page the real web server serves, the real worker in its own process with
// the offline answers, and the test run's dev server. The worker is SIGKILLed mid-answer; the web
// server is killed and started again on the same port, so the browser reconnects to the stream.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, copyFileSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type SampleProcess, startSample } from '../../sample-kit/test/processes';
import { FAQ_ANSWERS } from '../src/workflows/airline-agents';
import { endConversationSignal, MAX_MESSAGE_LENGTH } from '../src/workflows/customer-service';

const sampleDir = fileURLToPath(new URL('..', import.meta.url));
const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
// The model activity options src/worker.ts gives the plugin, so the replay schedules the same activities.
const WORKER_MODEL_PARAMS = { startToCloseTimeout: '60s', heartbeatTimeout: '5s' } as const;

/** Long enough for every wait below on a loaded 2-core machine; a wait, never an assertion on time. */
const WAIT_MS = 120_000;
const OFFLINE = '(offline model)';
const BAGS = 'How much baggage can I bring?';
const SEATS = 'How many seats are on the plane?';
const STILL_ANSWERING =
  'Not sent: The agents are still answering your previous message. Send this one when the answer is complete.';

/**
 * Debian's Chromium, or another Chromium or Chrome: CHROMIUM_PATH, else the first on PATH. The test
 * fails, and says what to install, when there is none: it never skips.
 */
function findChromium(): string {
  const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? '').split(delimiter).flatMap((dir) => names.map((name) => join(dir, name)));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there; try the next.
    }
  }
  throw new Error(
    `The web chat test drives a real Chromium and found none (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable` : `looked for ${names.join(', ')} on PATH`}). ` +
      'Install it: `apt-get install chromium` on Debian or Ubuntu (`bash scripts/test` and `bash scripts/bootstrap.sh` ' +
      'do that when run as root with apt), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

let browser: Browser;
let worker: SampleProcess;
let server: SampleProcess;
let serverUrl: string;
const processEnv = () => ({ TEMPORAL_ADDRESS: testEnv().env.address });

function startWorker(): Promise<SampleProcess> {
  const started = startSample('customer-service', 'src/worker.ts', processEnv());
  return started.waitForOutput(/customer-service worker: .*Ctrl-C stops it/, WAIT_MS).then(() => started);
}

async function startServer(port = 0): Promise<{ process: SampleProcess; url: string }> {
  const started = startSample('customer-service', 'src/web/server.ts', processEnv(), ['--port', String(port)]);
  const printed = /web chat: (http:\/\/\S+\/) /;
  await started.waitForOutput(printed, WAIT_MS);
  return { process: started, url: printed.exec(started.output())?.[1] ?? '' };
}

beforeAll(async () => {
  const executablePath = findChromium();
  [worker, { process: server, url: serverUrl }, browser] = await Promise.all([
    startWorker(),
    startServer(),
    // Playwright gives each launch a fresh profile (--user-data-dir) and deletes it on close.
    chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  ]);
}, WAIT_MS);

afterAll(async () => {
  await browser?.close();
  for (const started of [server, worker]) {
    started?.kill();
    await started?.exited;
  }
});

/** A page on a new conversation, with every text the answer being written showed recorded. */
async function openConversation(conversationId = `web-test-${randomUUID()}`): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 820, height: 1000 } });
  await page.goto(`${serverUrl}?conversation=${conversationId}`);
  await page.waitForSelector('#status:text("ready")', { timeout: WAIT_MS });
  await recordDraftTexts(page);
  return page;
}

/** Records each text an answer in progress shows, as the DOM changes: how the page saw the text grow. */
async function recordDraftTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { draftTexts: seen });
    const log = document.querySelector('#log');
    if (!log) throw new Error('The page has no #log.');
    new MutationObserver(() => {
      for (const text of document.querySelectorAll('.message.agent.draft .text')) {
        const shown = text.textContent ?? '';
        if (shown && seen.at(-1) !== shown) seen.push(shown);
      }
    }).observe(log, { subtree: true, childList: true, characterData: true });
  });
}

function draftTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { draftTexts: string[] }).draftTexts);
}

/** Each block of the conversation: its classes and its text as shown. */
function shownConversation(page: Page): Promise<{ kind: string; text: string }[]> {
  return page.$$eval('#log > *', (blocks) =>
    blocks.map((block) => ({
      kind: [...block.classList].join(' '),
      // biome-ignore lint/performance/useDomNodeTextContent: the text as a person sees it, each block on its own line
      text: (block as HTMLElement).innerText,
    })),
  );
}

async function send(page: Page, text: string): Promise<void> {
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
}

/** Waits for a block of this kind whose text includes `text`. */
async function waitForBlock(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('web chat', () => {
  it('shows the answer as it is written, a tool card and a handoff line; a reload shows the same conversation', async () => {
    const page = await openConversation();
    await send(page, BAGS);
    const answer = `${OFFLINE} ${FAQ_ANSWERS.bags}`;
    await waitForBlock(page, '.message.agent:not(.draft)', answer);

    assert.deepEqual(await shownConversation(page), [
      { kind: 'message user', text: BAGS },
      { kind: 'handoff', text: 'FAQ Agent is now handling this' },
      {
        kind: 'tool-card',
        text: `FAQ Agent calls faq_lookup_tool\n{\n  "question": "${BAGS}"\n}\n→ ${FAQ_ANSWERS.bags}`,
      },
      { kind: 'message agent', text: `FAQ Agent\n${answer}` },
    ]);
    // The text grew on the page before the answer was complete: each text shown is a start of the answer.
    const grew = await draftTexts(page);
    for (const [index, shown] of grew.entries()) {
      assert.ok(answer.startsWith(shown), `not a start of the answer: ${shown}`);
      assert.ok(index === 0 || shown.length > (grew[index - 1]?.length ?? 0), 'the text shrank');
    }
    const partial = grew.filter((shown) => shown.length < answer.length);
    assert.ok(partial.length >= 3, `the page showed the answer in ${grew.length} steps: ${JSON.stringify(grew)}`);
    assert.equal(await page.textContent('#status'), 'ready');

    const before = await shownConversation(page);
    await page.reload();
    await page.waitForSelector('#status:text("ready")', { timeout: WAIT_MS });
    assert.deepEqual(await shownConversation(page), before);
    await page.close();
  });

  it('refuses an empty message and one over the limit with the terminal chat’s reasons; the message stays in the box', async () => {
    const page = await openConversation();
    await send(page, '');
    await waitForBlock(page, '.notice', 'Not sent: The message is empty. Type something to send.');
    const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    await send(page, tooLong);
    await waitForBlock(page, '.notice', 'Not sent: The message is 1001 characters long; the limit is 1000.');
    assert.equal(await page.inputValue('#message'), tooLong);
    // Nothing reached the conversation: it is still empty after a reload.
    await page.reload();
    await page.waitForSelector('#status:text("ready")', { timeout: WAIT_MS });
    assert.deepEqual(await shownConversation(page), []);
    await page.close();
  });

  it('a worker killed mid-answer: another one retries the call, the page shows the seam and the whole answer', async () => {
    const conversationId = `web-test-${randomUUID()}`;
    const page = await openConversation(conversationId);
    await send(page, SEATS);
    // The FAQ agent is writing its answer: kill the worker while it does.
    await page.waitForFunction(
      (minimum) => {
        const draft = document.querySelector('.message.agent.draft .text')?.textContent ?? '';
        return draft.split(/\s+/).filter(Boolean).length >= minimum;
      },
      4,
      { timeout: WAIT_MS },
    );
    worker.kill();
    await worker.exited;
    const answer = `${OFFLINE} ${FAQ_ANSWERS.seats}`;

    // The web server goes too, and comes back on the same port: the browser reconnects to the
    // stream and says the last entry it saw (Last-Event-ID), so nothing is shown twice.
    const { port } = new URL(serverUrl);
    server.kill();
    await server.exited;
    ({ process: server } = await startServer(Number(port)));

    // Sent while the answer is still to come: the validator refuses it once a worker is back.
    await send(page, 'Thanks');
    worker = await startWorker();
    await waitForBlock(page, '.notice', STILL_ANSWERING);
    assert.equal(await page.inputValue('#message'), 'Thanks');
    await waitForBlock(page, '.message.agent:not(.draft)', answer);

    const shown = await shownConversation(page);
    // What the lost attempt wrote stays, struck through: a start of the answer, cut off.
    const partial = shown.find((block) => block.kind === 'message agent abandoned')?.text.replace(/^FAQ Agent\n/, '');
    assert.ok(
      partial && answer.startsWith(partial) && wordsIn(partial) < wordsIn(answer),
      `not mid-answer: ${partial}`,
    );
    // The validator refused it while the turn was in progress; where the notice lands among the lines
    // depends on when the client's update poll returns (it may come after the answer), so only its
    // presence is checked, and the rest must be exactly the conversation.
    const refusal = shown.findIndex((block) => block.text === STILL_ANSWERING);
    assert.ok(refusal >= 0, JSON.stringify(shown));
    assert.deepEqual(shown.toSpliced(refusal, 1), [
      { kind: 'message user', text: SEATS },
      { kind: 'handoff', text: 'FAQ Agent is now handling this' },
      {
        kind: 'tool-card',
        text: `FAQ Agent calls faq_lookup_tool\n{\n  "question": "${SEATS}"\n}\n→ ${FAQ_ANSWERS.seats}`,
      },
      { kind: 'message agent abandoned', text: `FAQ Agent\n${partial}` },
      { kind: 'seam', text: 'The model call was retried (attempt 2): the answer starts again' },
      { kind: 'message agent', text: `FAQ Agent\n${answer}` },
    ]);
    // Nothing was lost: the refused message is still in the box, and goes once the answer is complete.
    await page.press('#message', 'Enter');
    await waitForBlock(page, '.message.agent:not(.draft)', `${OFFLINE} You're welcome! Anything else?`);
    assert.equal(await page.inputValue('#message'), '');
    assert.deepEqual((await shownConversation(page)).slice(-3), [
      { kind: 'message user', text: 'Thanks' },
      { kind: 'handoff', text: 'Triage Agent is now handling this' },
      { kind: 'message agent', text: `Triage Agent\n${OFFLINE} You're welcome! Anything else?` },
    ]);
    const screenshot = join(sampleDir, '.test-results', 'web-chat.png');
    mkdirSync(join(sampleDir, '.test-results'), { recursive: true });
    await page.screenshot({ path: screenshot });
    // The README's picture: `UPDATE_SCREENSHOT=1 pnpm --filter customer-service test -- web` takes it again.
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(screenshot, join(sampleDir, 'docs', 'web-chat.png'));

    await page.close();

    // Temporal ran the model call twice: the second attempt is the one the page shows.
    const conversation = testEnv().client.workflow.getHandle(conversationId);
    await conversation.signal(endConversationSignal);
    await conversation.result();
    const history = await testEnv().replayAndKeepHistory(workflowsPath, conversationId, WORKER_MODEL_PARAMS);
    assert.ok(history.events?.some((event) => event.activityTaskStartedEventAttributes?.attempt === 2));
  }, 300_000);
});
