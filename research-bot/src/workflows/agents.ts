/**
 * The three research agents: a planner that turns a query into web searches, a search agent that
 * runs one search with OpenAI's hosted web search tool and summarises it, and a writer that turns
 * the summaries into a report. Planner and writer answer with structured output (zod).
 */
import { Agent, webSearchTool } from '@openai/agents';
import { z } from 'zod';

export const PLANNER_NAME = 'PlannerAgent';
export const SEARCHER_NAME = 'Search agent';
export const WRITER_NAME = 'WriterAgent';

export const SearchItem = z.object({
  reason: z.string().describe('Why this search helps answer the query.'),
  query: z.string().describe('The term to search the web for.'),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchPlan = z.object({
  searches: z.array(SearchItem).describe('The web searches that together answer the query.'),
});
export type SearchPlan = z.infer<typeof SearchPlan>;

export const ResearchReport = z.object({
  shortSummary: z.string().describe('The findings in two or three sentences.'),
  markdownReport: z.string().describe('The full report, in markdown.'),
  followUpQuestions: z.array(z.string()).describe('Questions worth researching next.'),
});
export type ResearchReport = z.infer<typeof ResearchReport>;

/** Fresh agents for each run. */
export function createResearchAgents() {
  const planner = new Agent({
    name: PLANNER_NAME,
    instructions:
      'You plan web research. Given a query, choose between 5 and 20 web searches that together would ' +
      'answer it well. For each, give the search term and the reason it helps.',
    outputType: SearchPlan,
  });

  const searcher = new Agent({
    name: SEARCHER_NAME,
    instructions:
      'You are a research assistant. Search the web for the term you are given, then summarise what you ' +
      'found in two or three short paragraphs, under 300 words. Keep the facts, figures and names; drop ' +
      'filler and style. The summary is read by someone writing a report, not by the end user.',
    tools: [webSearchTool()],
    // Every answer must come from a search, never from the model's memory alone.
    modelSettings: { toolChoice: 'required' },
  });

  const writer = new Agent({
    name: WRITER_NAME,
    instructions:
      'You are a senior researcher writing a report for a research query. You get the query and ' +
      'summaries of web searches made for it. Outline the report first, then write it in markdown: ' +
      'detailed and well structured, 5 to 10 pages, at least 1000 words. Also give a short summary ' +
      'and a few follow-up questions.',
    outputType: ResearchReport,
  });

  return { planner, searcher, writer };
}
