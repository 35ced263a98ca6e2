import { Agent, run } from '@openai/agents';
import { withStatefulMcpServer } from 'openai-agents-temporal/workflow';

export interface ScratchpadNote {
  id: string;
  text: string;
  tags: string[];
}

/** Research notes on summarizing email with AI, kept in the memory server as entities. */
export const SEED_NOTES: ScratchpadNote[] = [
  {
    id: 'scratchpad/ai-sum/001',
    text: 'Summaries of long email threads save readers several minutes per thread.',
    tags: ['ai-summarization', 'email', 'productivity'],
  },
  {
    id: 'scratchpad/ai-sum/002',
    text: 'Readers trust a summary more when each bullet points back to the message it came from.',
    tags: ['ai-summarization', 'email', 'trust'],
  },
  {
    id: 'scratchpad/ai-sum/003',
    text: 'Summaries sometimes drop action items that sit deep in a reply.',
    tags: ['ai-summarization', 'email', 'risk'],
  },
  {
    id: 'scratchpad/ai-sum/004',
    text: 'Meeting transcripts compress well when decisions and owners come first.',
    tags: ['ai-summarization', 'meetings'],
  },
  {
    id: 'scratchpad/ai-sum/005',
    text: 'Summaries of legal email need a person to check them before they are forwarded.',
    tags: ['ai-summarization', 'email', 'risk', 'legal'],
  },
];

export const MITIGATION = 'mitigation: ask the summarizer to list action items in a section of their own';

export const SCRATCHPAD_STEPS = {
  write:
    'Store each of these notes in memory as an entity of type "note": use the id as the name, and add the ' +
    `text and a "tags: ..." line as observations. Then confirm what you stored.\n${JSON.stringify(SEED_NOTES, null, 2)}`,
  query: 'Find the notes tagged both ai-summarization and email. List their ids.',
  synthesis:
    'Write a brief on summarizing email with AI in at most 5 bullets, using only the notes you recall from ' +
    'memory. Cite each bullet as (Note: id).',
  updates:
    `Add the observation "${MITIGATION}" to note scratchpad/ai-sum/003, delete note scratchpad/ai-sum/005, ` +
    'then list the notes tagged risk with their observations.',
};

/**
 * A research scratchpad on the npm memory MCP server, through the stateful provider: one connection
 * (and so one memory) for the whole run. Four steps build on each other: write notes, query them,
 * write a brief from what is recalled, then update and delete notes and list what is left.
 */
export async function memoryResearchScratchpad(): Promise<string> {
  return withStatefulMcpServer('MemoryServer', {}, async (memory) => {
    const agent = new Agent({
      name: 'Research Scratchpad Agent',
      instructions:
        'Use the Memory MCP tools to persist, query, update and delete notes. Keep ids short and consistent. ' +
        "A synthesis relies only on recalled notes and cites them as '(Note: id)'. Keep a brief to 5 bullets.",
      modelSettings: { toolChoice: 'required' },
      mcpServers: [memory],
    });
    const sections: string[] = [];
    let previousResponseId: string | undefined;
    for (const [title, step] of [
      ['WRITE CONFIRMATIONS', SCRATCHPAD_STEPS.write],
      ['QUERY RESULTS', SCRATCHPAD_STEPS.query],
      ['SYNTHESIS', SCRATCHPAD_STEPS.synthesis],
      ['UPDATES', SCRATCHPAD_STEPS.updates],
    ] as const) {
      const result = await run(agent, step, previousResponseId ? { previousResponseId } : {});
      previousResponseId = result.lastResponseId;
      sections.push(`${title}\n${result.finalOutput ?? ''}`);
    }
    return sections.join('\n\n');
  });
}
