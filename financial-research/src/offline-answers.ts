/**
 * What the worker answers without OPENAI_API_KEY, so the sample runs end to end offline: each
 * agent's answers by name and turn. Every call still goes through the model activity. The writer
 * consults both analysts before it writes, as a real model would be asked to; the answers read the
 * query, the search terms and the analysts' summaries from the requests. No web is searched.
 */
import type { ModelRequest } from '@openai/agents-core';
import {
  type AgentScript,
  hostedToolResponses,
  structuredResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';
import { toolOutput, userTexts } from 'sample-kit';
import type * as workflows from './workflows';
import {
  type AnalysisSummary,
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
} from './workflows/agents';

const OFFLINE = '(offline model)';

/** The first user message: the prompt the workflow gave the agent. */
function prompt(request: ModelRequest): string {
  return userTexts(request)[0] ?? '';
}

/** The value after `label:` on its own line of the prompt, e.g. "Search term: ...". */
function field(request: ModelRequest, label: string): string {
  const text = prompt(request);
  return new RegExp(`^${label}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? text;
}

function searchTerms(request: ModelRequest): string[] {
  return [...prompt(request).matchAll(/^Search term: (.*)$/gm)].map((match) => match[1] ?? '');
}

const financialAgents: AgentScript = {
  [PLANNER_NAME]: (request) => {
    const query = field(request, 'Query');
    const plan: SearchPlan = {
      searches: [
        { query: 'latest quarterly earnings', reason: `The numbers behind: ${query}` },
        { query: 'analyst commentary', reason: 'How the market read the results.' },
        { query: 'industry outlook', reason: 'The background the company works in.' },
      ],
    };
    return structuredResponse(plan);
  },
  [SEARCHER_NAME]: (request) => {
    const term = field(request, 'Search term');
    return hostedToolResponses.webSearch(term, `${OFFLINE} Notes on "${term}": no web search ran.`);
  },
  [FUNDAMENTALS_NAME]: (request) => {
    const analysis: AnalysisSummary = {
      summary: `${OFFLINE} Fundamentals, from ${prompt(request).length} characters of notes: no figures to read offline.`,
    };
    return structuredResponse(analysis);
  },
  [RISK_NAME]: () => {
    const analysis: AnalysisSummary = { summary: `${OFFLINE} Risks: none assessed without a model.` };
    return structuredResponse(analysis);
  },
  [WRITER_NAME]: (request, { agentTurn }) => {
    // Turns 0 and 1 consult each analyst with the search terms as notes; turn 2 writes.
    const notes = searchTerms(request).join('; ');
    if (agentTurn === 0) return toolCallResponse(FUNDAMENTALS_TOOL, { input: notes });
    if (agentTurn === 1) return toolCallResponse(RISK_TOOL, { input: notes });
    const query = field(request, 'Original query');
    const report: FinancialReport = {
      shortSummary: `${OFFLINE} A report on "${query}" from ${searchTerms(request).length} searches.`,
      markdownReport: [
        `## ${query}`,
        '',
        '### Searches',
        '',
        ...searchTerms(request).map((term) => `- ${term}`),
        '',
        '### Fundamentals',
        '',
        toolOutput(request, FUNDAMENTALS_TOOL) ?? '',
        '',
        '### Risks',
        '',
        toolOutput(request, RISK_TOOL) ?? '',
      ].join('\n'),
      followUpQuestions: ['What would a real model find in the filings?'],
    };
    return structuredResponse(report);
  },
  [VERIFIER_NAME]: () => {
    const verification: Verification = { verified: false, issues: `${OFFLINE} Nothing was checked offline.` };
    return structuredResponse(verification);
  },
};

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  financialResearch: financialAgents,
};
