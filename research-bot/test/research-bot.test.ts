// The research bot on a real Temporal dev server, with a scripted model on the worker: the searches
// run in parallel and are collected as they finish, progress is visible while the run goes on, and
// the writer's structured report is the result.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import {
  hostedToolResponses,
  modelCallAgents,
  modelCallSpans,
  ScriptedModelProvider,
  structuredResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider, userTexts } from 'sample-kit';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { researchBot } from '../src/workflows';
import {
  PLANNER_NAME,
  type ResearchReport,
  SEARCHER_NAME,
  type SearchPlan,
  WRITER_NAME,
} from '../src/workflows/agents';
import { researchProgressQuery } from '../src/workflows/research-bot';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const QUERY = 'Surfing spots in Portugal';
const PLAN: SearchPlan = {
  searches: [
    { query: 'Peniche waves', reason: 'The best-known break.' },
    { query: 'Ericeira reserve', reason: 'A world surfing reserve.' },
    { query: 'Algarve winter swell', reason: 'The south coast in winter.' },
  ],
};
const REPORT: ResearchReport = {
  shortSummary: 'Portugal has surf all year.',
  markdownReport: '# Surfing in Portugal\n\nPeniche, Ericeira and the Algarve.',
  followUpQuestions: ['Where to rent boards?'],
};
const summaryOf = (term: string) => `Summary of ${term}.`;

/** The search term in a search agent's request. */
function searchTerm(request: ModelRequest): string {
  const term = /^Search term: (.*)$/m.exec(userTexts(request).join('\n'))?.[1];
  assert.ok(term, 'the search agent is told its search term');
  return term;
}

/** What the writer was given: the query and the summaries, as one text. */
function writerInput(model: ScriptedModelProvider): string {
  const calls = model.calls.filter((call) => call.agentName === WRITER_NAME);
  assert.equal(calls.length, 1, 'the writer runs once');
  return JSON.stringify(calls[0]?.request.input);
}

describe('research bot', () => {
  it('runs the searches in parallel, shows progress while they run, and collects them as they finish', async () => {
    // The test holds every search back and lets them go one by one, in an order of its choosing.
    const releases = new Map<string, () => void>();
    const released = new Map(
      PLAN.searches.map(({ query }) => [query, new Promise<void>((resolve) => releases.set(query, resolve))]),
    );
    let allSearchesStarted: () => void = () => {};
    const searchesStarted = new Promise<void>((resolve) => {
      allSearchesStarted = resolve;
    });
    const startedTerms: string[] = [];
    const model = new ScriptedModelProvider({
      [PLANNER_NAME]: structuredResponse(PLAN),
      [SEARCHER_NAME]: async (request) => {
        const term = searchTerm(request);
        startedTerms.push(term);
        if (startedTerms.length === PLAN.searches.length) allSearchesStarted();
        await released.get(term);
        return hostedToolResponses.webSearch(term, summaryOf(term));
      },
      [WRITER_NAME]: structuredResponse(REPORT),
    });
    const [first, second, third] = PLAN.searches.map(({ query }) => query) as [string, string, string];
    const workflowId = `research-bot-${randomUUID()}`;

    const result = await testEnv().withWorker({ workflowsPath, modelProvider: model }, async (taskQueue) => {
      const handle = await testEnv().client.workflow.start(researchBot, { taskQueue, workflowId, args: [QUERY] });
      const statuses = async () =>
        (await handle.query(researchProgressQuery)).searches.map(({ query, status }) => `${query}: ${status}`);

      // Every search's model call is in flight at once, before any of them has answered.
      await searchesStarted;
      assert.deepEqual(new Set(startedTerms), new Set([first, second, third]));
      const searching = await handle.query(researchProgressQuery);
      assert.equal(searching.stage, 'searching');
      assert.deepEqual(
        searching.searches,
        PLAN.searches.map((search) => ({ ...search, status: 'running' })),
      );

      // Let the last planned search finish first, then the first, then the second.
      releases.get(third)?.();
      await vi.waitFor(
        async () => assert.deepEqual(await statuses(), [`${first}: running`, `${second}: running`, `${third}: done`]),
        { timeout: 30_000, interval: 50 },
      );
      assert.equal((await handle.query(researchProgressQuery)).stage, 'searching');
      releases.get(first)?.();
      await vi.waitFor(
        async () => assert.deepEqual(await statuses(), [`${first}: done`, `${second}: running`, `${third}: done`]),
        { timeout: 30_000, interval: 50 },
      );
      assert.equal(model.calls.filter((call) => call.agentName === WRITER_NAME).length, 0, 'no writing yet');
      releases.get(second)?.();

      const report = await handle.result();
      const finished = await handle.query(researchProgressQuery);
      assert.equal(finished.stage, 'done');
      assert.ok(finished.searches.every((search) => search.status === 'done'));
      return report;
    });

    assert.deepEqual(result, REPORT);
    // The writer got the summaries in the order the searches finished.
    const input = writerInput(model);
    assert.match(input, new RegExp(`Original query: ${QUERY}`));
    const positions = [third, first, second].map((term) => input.indexOf(summaryOf(term)));
    assert.ok(
      positions.every((position, index) => position > (positions[index - 1] ?? -1)),
      `summaries in finishing order: ${input}`,
    );

    // From the history: each search is its own model activity, and every search was scheduled
    // before any search completed, so their intervals overlap.
    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    const spans = modelCallSpans(history);
    assert.deepEqual(
      spans.map((span) => span.agent),
      [PLANNER_NAME, SEARCHER_NAME, SEARCHER_NAME, SEARCHER_NAME, WRITER_NAME],
    );
    const searches = spans.filter((span) => span.agent === SEARCHER_NAME);
    const lastScheduled = Math.max(...searches.map((span) => span.scheduledAt));
    const firstCompleted = Math.min(...searches.map((span) => span.completedAt));
    assert.ok(lastScheduled < firstCompleted, `searches overlap: ${JSON.stringify(searches)}`);
  });

  it('plans with a structured plan, searches with the hosted web search tool, and skips a failed search', async () => {
    const [first, second, third] = PLAN.searches.map(({ query }) => query) as [string, string, string];
    const model = new ScriptedModelProvider({
      [PLANNER_NAME]: structuredResponse(PLAN),
      [SEARCHER_NAME]: (request) => {
        const term = searchTerm(request);
        if (term === second) throw ApplicationFailure.nonRetryable('search engine down', 'SearchFailed');
        return hostedToolResponses.webSearch(term, summaryOf(term));
      },
      [WRITER_NAME]: structuredResponse(REPORT),
    });
    const { result, history } = await testEnv().runWorkflow(researchBot, [QUERY], {
      workflowsPath,
      modelProvider: model,
    });
    assert.deepEqual(result, REPORT);

    const [plannerCall] = model.calls;
    assert.equal(plannerCall?.agentName, PLANNER_NAME);
    assert.match(JSON.stringify(plannerCall?.request.input), new RegExp(`Query: ${QUERY}`));
    const planSchema = plannerCall?.request.outputType;
    assert.ok(typeof planSchema === 'object' && 'searches' in (planSchema.schema.properties ?? {}));

    const searchCalls = model.calls.filter((call) => call.agentName === SEARCHER_NAME);
    assert.deepEqual(new Set(searchCalls.map((call) => searchTerm(call.request))), new Set([first, second, third]));
    for (const { request } of searchCalls) {
      assert.equal(request.modelSettings.toolChoice, 'required');
      assert.ok(request.tools.some((tool) => tool.type === 'hosted_tool' && tool.name === 'web_search'));
    }

    // The failed search is left out; the report is written from the other two.
    const input = writerInput(model);
    assert.ok(input.includes(summaryOf(first)) && input.includes(summaryOf(third)));
    assert.ok(!input.includes(summaryOf(second)));
    assert.deepEqual(modelCallAgents(history), [
      PLANNER_NAME,
      SEARCHER_NAME,
      SEARCHER_NAME,
      SEARCHER_NAME,
      WRITER_NAME,
    ]);
  });

  it('runs end to end on the worker’s offline answers', async () => {
    const { result } = await testEnv().runWorkflow(researchBot, [QUERY], {
      workflowsPath,
      modelProvider: offlineModelProvider(offlineAnswers),
    });
    assert.match(result.markdownReport, new RegExp(`# ${QUERY}`));
    for (const term of ['overview', 'recent news', 'expert recommendations']) {
      assert.match(result.markdownReport, new RegExp(`- ${QUERY} ${term}`));
    }
    assert.equal(result.followUpQuestions.length, 1);
  });
});
