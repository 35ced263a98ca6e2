// The financial research agent on a real Temporal dev server, with a scripted model on the worker:
// parallel searches, a writer that consults two analyst agents as tools, a verifier, progress that
// is visible while the run goes on, and the report saved to a file by an activity.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import {
  hostedToolResponses,
  modelCallAgents,
  modelCallSpans,
  ScriptedModelProvider,
  scheduledActivityTypes,
  structuredResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider, toolOutput, userTexts } from 'sample-kit';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { createReportActivities } from '../src/activities';
import { offlineAnswers } from '../src/offline-answers';
import { financialResearch } from '../src/workflows';
import {
  type FinancialReport,
  FUNDAMENTALS_NAME,
  FUNDAMENTALS_TOOL,
  PLANNER_NAME,
  RISK_NAME,
  RISK_TOOL,
  SEARCHER_NAME,
  type SearchPlan,
  VERIFIER_NAME,
  type Verification,
  WRITER_NAME,
} from '../src/workflows/agents';
import { financialProgressQuery } from '../src/workflows/financial-research';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

const QUERY = 'How did Acme Corp do last quarter?';
const PLAN: SearchPlan = {
  searches: [
    { query: 'Acme earnings', reason: 'The numbers.' },
    { query: 'Acme analyst notes', reason: 'The reaction.' },
    { query: 'Acme supply chain', reason: 'The risks.' },
  ],
};
const TERMS = PLAN.searches.map(({ query }) => query) as [string, string, string];
const REPORT: FinancialReport = {
  shortSummary: 'Acme grew.',
  markdownReport: '## Acme\n\nRevenue up; margins up; supply chain is the risk.',
  followUpQuestions: ['Will margins hold?'],
};
const VERIFICATION: Verification = { verified: true, issues: '' };
const FUNDAMENTALS_SUMMARY = 'Revenue grew 12% and margins widened.';
const RISK_SUMMARY = 'One supplier makes most of the chips.';
const NOTES = 'Acme earnings and supply chain notes';
const notesOf = (term: string) => `Notes on ${term}.`;

const reportActivities = async () => createReportActivities(await mkdtemp(join(tmpdir(), 'financial-reports-')));

/** The search term in a search agent's request. */
function searchTerm(request: ModelRequest): string {
  const term = /^Search term: (.*)$/m.exec(userTexts(request).join('\n'))?.[1];
  assert.ok(term, 'the search agent is told its search term');
  return term;
}

/** The writer consults the fundamentals analyst, then the risk analyst, then writes. */
const consultingWriter = (_request: ModelRequest, { agentTurn }: { agentTurn: number }) => {
  if (agentTurn === 0) return toolCallResponse(FUNDAMENTALS_TOOL, { input: NOTES });
  if (agentTurn === 1) return toolCallResponse(RISK_TOOL, { input: NOTES });
  return structuredResponse(REPORT);
};

function callsOf(model: ScriptedModelProvider, agent: string) {
  return model.calls.filter((call) => call.agentName === agent);
}

/** The user messages of each call the agent made. */
function promptsOf(model: ScriptedModelProvider, agent: string): string[][] {
  return callsOf(model, agent).map((call) => userTexts(call.request));
}

/**
 * Where a scripted answer stops until the test lets it go: `reached` settles when the answer gets
 * there, and the answer waits for `release()`.
 */
const checkpoints = new Map<
  string,
  { reached: Promise<void>; reachedThenHeld: () => Promise<void>; release: () => void }
>();
function checkpoint(key: string) {
  let found = checkpoints.get(key);
  if (!found) {
    let arrive = () => {};
    let release = () => {};
    const reached = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    found = {
      reached,
      reachedThenHeld: () => {
        arrive();
        return released;
      },
      release,
    };
    checkpoints.set(key, found);
  }
  return found;
}

describe('financial research', () => {
  it('searches in parallel, consults both analysts, verifies, saves the report, and shows progress throughout', async () => {
    // The test holds the searches and the verifier back, and lets them go when it has looked.
    const model = new ScriptedModelProvider({
      [PLANNER_NAME]: structuredResponse(PLAN),
      [SEARCHER_NAME]: async (request) => {
        const term = searchTerm(request);
        await checkpoint(term).reachedThenHeld();
        return hostedToolResponses.webSearch(term, notesOf(term));
      },
      [WRITER_NAME]: consultingWriter,
      [FUNDAMENTALS_NAME]: structuredResponse({ summary: FUNDAMENTALS_SUMMARY }),
      [RISK_NAME]: structuredResponse({ summary: RISK_SUMMARY }),
      [VERIFIER_NAME]: async () => {
        await checkpoint(VERIFIER_NAME).reachedThenHeld();
        return structuredResponse(VERIFICATION);
      },
    });
    const activities = await reportActivities();
    const workflowId = `financial-research-${randomUUID()}`;

    const result = await testEnv().withWorker(
      { workflowsPath, modelProvider: model, activities },
      async (taskQueue) => {
        const handle = await testEnv().client.workflow.start(financialResearch, {
          taskQueue,
          workflowId,
          args: [QUERY],
        });
        const progress = () => handle.query(financialProgressQuery);

        // All three searches are in flight together, and the progress says so.
        await Promise.all(TERMS.map((term) => checkpoint(term).reached));
        const searching = await progress();
        assert.equal(searching.stage, 'searching');
        assert.deepEqual(
          searching.searches.map((search) => search.status),
          ['running', 'running', 'running'],
        );
        checkpoint(TERMS[1]).release();
        await vi.waitFor(
          async () =>
            assert.deepEqual(
              (await progress()).searches.map((search) => search.status),
              ['running', 'done', 'running'],
            ),
          { timeout: 30_000, interval: 50 },
        );
        checkpoint(TERMS[0]).release();
        checkpoint(TERMS[2]).release();

        // While the verifier is held back, the progress shows the report written with both analysts.
        await checkpoint(VERIFIER_NAME).reached;
        const verifying = await progress();
        assert.equal(verifying.stage, 'verifying');
        assert.deepEqual(verifying.analyses, [
          { tool: FUNDAMENTALS_TOOL, status: 'done' },
          { tool: RISK_TOOL, status: 'done' },
        ]);
        checkpoint(VERIFIER_NAME).release();

        const finished = await handle.result();
        assert.equal((await progress()).stage, 'done');
        return finished;
      },
    );

    assert.deepEqual(result.report, REPORT);
    assert.deepEqual(result.verification, VERIFICATION);

    // The writer got the search results; each analyst got the notes the writer passed, and the
    // writer got back only the analyst's summary text, not its structured output.
    const writerCalls = callsOf(model, WRITER_NAME);
    assert.equal(writerCalls.length, 3);
    const writerPrompt = promptsOf(model, WRITER_NAME)[0]?.join('\n') ?? '';
    assert.match(writerPrompt, new RegExp(`Original query: ${QUERY}`));
    for (const term of TERMS) assert.ok(writerPrompt.includes(notesOf(term)), `the writer sees ${term}`);
    assert.deepEqual(promptsOf(model, FUNDAMENTALS_NAME), [[NOTES]]);
    assert.deepEqual(promptsOf(model, RISK_NAME), [[NOTES]]);
    const [firstTurn, secondTurn, thirdTurn] = writerCalls.map((call) => call.request);
    assert.ok(firstTurn && secondTurn && thirdTurn);
    assert.equal(toolOutput(secondTurn, FUNDAMENTALS_TOOL), FUNDAMENTALS_SUMMARY);
    assert.equal(toolOutput(thirdTurn, RISK_TOOL), RISK_SUMMARY);
    assert.deepEqual(
      firstTurn.tools.map((tool) => tool.name),
      [FUNDAMENTALS_TOOL, RISK_TOOL],
    );
    // The verifier checked the report's markdown.
    assert.deepEqual(promptsOf(model, VERIFIER_NAME), [[REPORT.markdownReport]]);

    // The saveReport activity wrote the report, its questions and the verdict to a file.
    assert.equal(result.savedTo.endsWith(`${workflowId}.md`), true);
    const saved = await readFile(result.savedTo, 'utf8');
    assert.match(saved, new RegExp(`^# Financial research: ${QUERY.replace('?', '\\?')}`));
    for (const part of [REPORT.markdownReport, '- Will margins hold?', '## Verification', 'Verified.']) {
      assert.ok(saved.includes(part), `the file holds ${part}`);
    }

    const history = await testEnv().replayAndKeepHistory(workflowsPath, workflowId);
    // Every model call is an activity, the analysts' too; the file is written last, by its own activity.
    assert.deepEqual(modelCallAgents(history), [
      PLANNER_NAME,
      SEARCHER_NAME,
      SEARCHER_NAME,
      SEARCHER_NAME,
      WRITER_NAME,
      FUNDAMENTALS_NAME,
      WRITER_NAME,
      RISK_NAME,
      WRITER_NAME,
      VERIFIER_NAME,
    ]);
    assert.equal(scheduledActivityTypes(history).at(-1), 'saveReport');
    // Every search activity was scheduled before any of them completed.
    const searches = modelCallSpans(history).filter((span) => span.agent === SEARCHER_NAME);
    const lastScheduled = Math.max(...searches.map((span) => span.scheduledAt));
    const firstCompleted = Math.min(...searches.map((span) => span.completedAt));
    assert.ok(lastScheduled < firstCompleted, `searches overlap: ${JSON.stringify(searches)}`);
  });

  it('runs end to end on the worker’s offline answers', async () => {
    const { result } = await testEnv().runWorkflow(financialResearch, [QUERY], {
      workflowsPath,
      modelProvider: offlineModelProvider(offlineAnswers),
      activities: await reportActivities(),
    });
    // The offline writer consulted both analysts and put their summaries in the report.
    assert.match(result.report.markdownReport, /### Fundamentals\n\n\(offline model\) Fundamentals/);
    assert.match(result.report.markdownReport, /### Risks\n\n\(offline model\) Risks/);
    assert.equal(result.verification.verified, false);
    assert.ok((await readFile(result.savedTo, 'utf8')).includes(result.report.markdownReport));
  });
});
