/**
 * What the worker answers without OPENAI_API_KEY, so the sample runs end to end offline: each
 * agent's answer, per agent name. Every call still goes through the model activity. The answers
 * read the query and search terms from the request, so any query gets a plan, searches and a
 * report of the right shape; no web is searched.
 */
import type { ModelRequest } from '@openai/agents-core';
import { type AgentScript, hostedToolResponses, structuredResponse } from 'openai-agents-temporal/testing';
import { userTexts } from 'sample-kit';
import type * as workflows from './workflows';
import { PLANNER_NAME, type ResearchReport, SEARCHER_NAME, type SearchPlan, WRITER_NAME } from './workflows/agents';

const OFFLINE = '(offline model)';

/** The value after `label:` on its own line of the latest user message, e.g. "Search term: ...". */
function field(request: ModelRequest, label: string): string {
  const text = userTexts(request).at(-1) ?? '';
  return new RegExp(`^${label}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? text;
}

const researchAgents: AgentScript = {
  [PLANNER_NAME]: (request) => {
    const query = field(request, 'Query');
    const plan: SearchPlan = {
      searches: [
        { query: `${query} overview`, reason: 'The background a reader needs first.' },
        { query: `${query} recent news`, reason: 'What changed lately.' },
        { query: `${query} expert recommendations`, reason: 'What people who know the subject advise.' },
      ],
    };
    return structuredResponse(plan);
  },
  [SEARCHER_NAME]: (request) => {
    const term = field(request, 'Search term');
    return hostedToolResponses.webSearch(
      term,
      `${OFFLINE} Summary for "${term}": no web search ran, so this stands in for what one would find.`,
    );
  },
  [WRITER_NAME]: (request) => {
    const text = userTexts(request).at(-1) ?? '';
    const query = field(request, 'Original query');
    const terms = [...text.matchAll(/^\[\d+\] Search term: (.*)$/gm)].map((match) => match[1] ?? '');
    const report: ResearchReport = {
      shortSummary: `${OFFLINE} A report on "${query}" from ${terms.length} searches.`,
      markdownReport: [
        `# ${query}`,
        '',
        `${OFFLINE} This report is written without a model. It lists the searches it would draw on:`,
        '',
        ...terms.map((term) => `- ${term}`),
      ].join('\n'),
      followUpQuestions: [`What would a real model add about "${query}"?`],
    };
    return structuredResponse(report);
  },
};

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  researchBot: researchAgents,
};
