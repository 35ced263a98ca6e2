/**
 * The financial research agents: a planner, a web search agent, two analysts the writer consults as
 * tools, the writer, and a verifier that audits the report. All but the search agent answer with
 * structured output (zod).
 */
import { Agent, webSearchTool } from '@openai/agents';
import { z } from 'zod';

export const PLANNER_NAME = 'FinancialPlannerAgent';
export const SEARCHER_NAME = 'FinancialSearchAgent';
export const FUNDAMENTALS_NAME = 'FundamentalsAnalystAgent';
export const RISK_NAME = 'RiskAnalystAgent';
export const WRITER_NAME = 'FinancialWriterAgent';
export const VERIFIER_NAME = 'VerificationAgent';

/** The names the writer calls the analysts by. */
export const FUNDAMENTALS_TOOL = 'fundamentals_analysis';
export const RISK_TOOL = 'risk_analysis';

export const SearchItem = z.object({
  reason: z.string().describe('Why this search matters for the analysis.'),
  query: z.string().describe('The term to search the web for.'),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchPlan = z.object({
  searches: z.array(SearchItem).describe('The web searches to run.'),
});
export type SearchPlan = z.infer<typeof SearchPlan>;

export const AnalysisSummary = z.object({
  summary: z.string().describe('A short analysis, one or two paragraphs.'),
});
export type AnalysisSummary = z.infer<typeof AnalysisSummary>;

export const FinancialReport = z.object({
  shortSummary: z.string().describe('The key findings in two or three sentences.'),
  markdownReport: z.string().describe('The full report, in markdown.'),
  followUpQuestions: z.array(z.string()).describe('Questions for further research.'),
});
export type FinancialReport = z.infer<typeof FinancialReport>;

export const Verification = z.object({
  verified: z.boolean().describe('True when the report is consistent and its claims are supported.'),
  issues: z.string().describe('What is wrong or unsupported, if anything.'),
});
export type Verification = z.infer<typeof Verification>;

/** Fresh agents for each run. */
export function createFinancialAgents() {
  const planner = new Agent({
    name: PLANNER_NAME,
    instructions:
      'You are a financial research planner. Given a request about a company or market, choose between 5 ' +
      'and 15 web searches that cover it: recent news, earnings calls and filings, analyst commentary and ' +
      'the industry background. For each, give the search term and why it matters.',
    outputType: SearchPlan,
  });

  const searcher = new Agent({
    name: SEARCHER_NAME,
    instructions:
      'You are a research assistant for financial analysis. Search the web for the term you are given and ' +
      'summarise what you find in at most 300 words. Keep the numbers, the events and the quotes that ' +
      'matter; leave out everything else.',
    tools: [webSearchTool()],
    modelSettings: { toolChoice: 'required' },
  });

  const fundamentals = new Agent({
    name: FUNDAMENTALS_NAME,
    instructions:
      "You are a financial analyst who reads a company's fundamentals: revenue, profit, margins and growth. " +
      'Given web research notes, write a short analysis of the key numbers and trends. Use only what the ' +
      'notes support.',
    outputType: AnalysisSummary,
  });

  const risk = new Agent({
    name: RISK_NAME,
    instructions:
      "You are a risk analyst. Given web research notes, point out the risks to the company's outlook: " +
      'competition, regulation, supply chain, slowing growth. Keep it short and use only what the notes ' +
      'support.',
    outputType: AnalysisSummary,
  });

  const writer = new Agent({
    name: WRITER_NAME,
    instructions:
      'You are a senior financial analyst. You get the original request and the results of web searches ' +
      'made for it. Write a long, well structured markdown report, with a short summary and follow-up ' +
      'questions. Consult the fundamentals_analysis and risk_analysis tools for specialist views, and ' +
      'weave what they say into the report.',
    outputType: FinancialReport,
  });

  const verifier = new Agent({
    name: VERIFIER_NAME,
    instructions:
      'You are a meticulous auditor. You get a financial analysis report. Check that it is internally ' +
      'consistent, that its claims are sourced, and that it makes no unsupported assertions. Say whether ' +
      'it passes, and list the issues you found.',
    outputType: Verification,
  });

  return { planner, searcher, fundamentals, risk, writer, verifier };
}
