/**
 * What the worker answers without OPENAI_API_KEY, so every sample runs end to end offline: for each
 * workflow, each agent's answer per turn. The tool calls still go to the real MCP servers; each answer
 * after a tool call is made from what the server returned.
 */
import { join } from 'node:path';
import type { ModelRequest } from '@openai/agents-core';
import { type AgentScript, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';
import type { OfflineAnswers } from 'sample-kit';
import { SAMPLE_FILES } from './mcp-servers';
import { MITIGATION, type ScratchpadNote, SEED_NOTES } from './workflows/memory-research-scratchpad';

const OFFLINE = '(offline model)';

/**
 * The text an MCP tool returned, as the model sees it in its request (the newest call of that tool).
 * With a previous response id the request holds the tool's result but not the call, so look for the result.
 */
export function mcpToolText(request: ModelRequest, toolName: string): string {
  const items = typeof request.input === 'string' ? [] : request.input;
  const result = items.findLast((item) => item.type === 'function_call_result' && item.name === toolName);
  if (result?.type !== 'function_call_result') return '';
  const parts = Array.isArray(result.output) ? result.output : [result.output];
  return parts.map((part) => (typeof part === 'string' ? part : 'text' in part ? String(part.text) : '')).join('\n');
}

/** Turn by turn: a tool call (or a text answer) made from the request. */
function turns(...steps: ((request: ModelRequest) => ReturnType<typeof textResponse>)[]): AgentScript[string] {
  return (request, { agentTurn }) => {
    const step = steps[agentTurn];
    if (!step) return textResponse(`${OFFLINE} I have no answer for turn ${agentTurn + 1}.`);
    return step(request);
  };
}

const filesystem: AgentScript = {
  'Filesystem Assistant': turns(
    // "Read the files and list them."
    () => toolCallResponse('list_allowed_directories', {}),
    (request) => {
      const [directory = SAMPLE_FILES] = mcpToolText(request, 'list_allowed_directories')
        .split('\n')
        .filter((line) => line.startsWith('/'));
      return toolCallResponse('list_directory', { path: directory });
    },
    (request) => {
      const files = mcpToolText(request, 'list_directory')
        .split('\n')
        .filter((line) => line.startsWith('[FILE]'))
        .map((line) => `- ${line.replace('[FILE] ', '')}`);
      return textResponse(`The folder holds ${files.length} files:\n${files.join('\n')}\n${OFFLINE}`);
    },
    // "What is my #1 favorite book?"
    () => toolCallResponse('read_text_file', { path: join(SAMPLE_FILES, 'favorite_books.txt') }),
    (request) => {
      const [first = ''] = mcpToolText(request, 'read_text_file').split('\n');
      return textResponse(`Your #1 favorite book is ${first.replace(/^1\.\s*/, '')}. ${OFFLINE}`);
    },
    // "Look at my favorite songs. Suggest one new song that I might like."
    () => toolCallResponse('read_text_file', { path: join(SAMPLE_FILES, 'favorite_songs.txt') }),
    (request) => {
      const songs = mcpToolText(request, 'read_text_file').split('\n').filter(Boolean);
      return textResponse(
        `You listed ${songs.length} songs, starting with ${songs[0]?.replace(/^1\.\s*/, '')}. A quiet, ` +
          `atmospheric pick to try: "Skinny Love" by Bon Iver. ${OFFLINE}`,
      );
    },
  ),
};

type MemoryEntity = { name: string; observations: string[] };

/** The notes a memory tool returned, as JSON: a list of entities (create_entities) or a graph (search_nodes). */
function notesIn(text: string): MemoryEntity[] {
  try {
    const parsed = JSON.parse(text) as MemoryEntity[] | { entities?: MemoryEntity[] };
    return Array.isArray(parsed) ? parsed : (parsed.entities ?? []);
  } catch {
    return [];
  }
}

const hasTags = (observations: string[], ...tags: string[]) => {
  const line = observations.find((observation) => observation.startsWith('tags: ')) ?? '';
  const noteTags = line.replace('tags: ', '').split(', ');
  return tags.every((tag) => noteTags.includes(tag));
};

const asEntity = (note: ScratchpadNote) => ({
  name: note.id,
  entityType: 'note',
  observations: [note.text, `tags: ${note.tags.join(', ')}`],
});

const memoryResearchScratchpad: AgentScript = {
  'Research Scratchpad Agent': turns(
    // 1. Write the notes.
    () => toolCallResponse('create_entities', { entities: SEED_NOTES.map(asEntity) }),
    (request) => {
      const stored = notesIn(mcpToolText(request, 'create_entities')).map((note) => note.name);
      return textResponse(`Stored ${stored.length} notes: ${stored.join(', ')}. ${OFFLINE}`);
    },
    // 2. Query by two tags: search for one, keep the notes that also have the other.
    () => toolCallResponse('search_nodes', { query: 'email' }),
    (request) => {
      const found = notesIn(mcpToolText(request, 'search_nodes')).filter((note) =>
        hasTags(note.observations, 'ai-summarization', 'email'),
      );
      return textResponse(
        `Tagged ai-summarization and email: ${found.map((note) => note.name).join(', ')}. ${OFFLINE}`,
      );
    },
    // 3. A brief from what memory gives back, with citations.
    () => toolCallResponse('search_nodes', { query: 'ai-summarization' }),
    (request) => {
      const bullets = notesIn(mcpToolText(request, 'search_nodes'))
        .filter((note) => hasTags(note.observations, 'email'))
        .slice(0, 5)
        .map((note) => `- ${note.observations[0]} (Note: ${note.name})`);
      return textResponse(`${bullets.join('\n')}\n${OFFLINE}`);
    },
    // 4. Update one note, delete another, list what is tagged risk now.
    () =>
      toolCallResponse('add_observations', {
        observations: [{ entityName: 'scratchpad/ai-sum/003', contents: [MITIGATION] }],
      }),
    () => toolCallResponse('delete_entities', { entityNames: ['scratchpad/ai-sum/005'] }),
    () => toolCallResponse('search_nodes', { query: 'risk' }),
    (request) => {
      const risks = notesIn(mcpToolText(request, 'search_nodes'))
        .filter((note) => hasTags(note.observations, 'risk'))
        .map((note) => `- ${note.name}: ${note.observations.join(' | ')}`);
      return textResponse(
        `Updated scratchpad/ai-sum/003 and deleted scratchpad/ai-sum/005. Notes tagged risk now:\n` +
          `${risks.join('\n')}\n${OFFLINE}`,
      );
    },
  ),
};

const promptServer: AgentScript = {
  // The offline model cannot review code; it shows that its instructions came from the prompt server.
  'Code Reviewer Agent': (request) =>
    textResponse(
      `${OFFLINE} My instructions came from the MCP prompt server: "${request.systemInstructions?.split('.')[0]}." ` +
        'Finding: `os.system(f"echo Hello {user_input}")` passes user input to a shell, so input such as ' +
        '`; rm -rf ~` runs as a command (command injection, severe). Fix: `print(f"Hello {user_input}")`, or ' +
        '`subprocess.run(["echo", "Hello", user_input])` without a shell. Verdict: do not merge.',
    ),
};

/** Add, then the weather, then the secret word: one tool call and one answer per question. */
const toolsServerAgent = turns(
  () => toolCallResponse('add', { a: 7, b: 22 }),
  (request) => textResponse(`7 + 22 = ${mcpToolText(request, 'add')}. ${OFFLINE}`),
  () => toolCallResponse('get_current_weather', { city: 'Tokyo' }),
  (request) => textResponse(`The weather now: ${mcpToolText(request, 'get_current_weather')}. ${OFFLINE}`),
  () => toolCallResponse('get_secret_word', {}),
  (request) => textResponse(`The secret word is ${mcpToolText(request, 'get_secret_word')}. ${OFFLINE}`),
);

export const offlineAnswers: OfflineAnswers = {
  filesystem,
  memoryResearchScratchpad,
  promptServer,
  sse: { 'SSE Assistant': toolsServerAgent },
  streamableHttp: { 'Streamable HTTP Assistant': toolsServerAgent },
};
