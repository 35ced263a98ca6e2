/**
 * What the worker answers without OPENAI_API_KEY, so both samples run end to end offline. The
 * scripted model streams its text in word-sized deltas like a real one; `withStreamPacing` spaces
 * them out so the launcher visibly prints the answer as it comes.
 */
import { type AgentScript, textResponse, toolCallResponse, withStreamPacing } from 'openai-agents-temporal/testing';
import { toolOutput } from 'sample-kit';
import type * as workflows from './workflows';

const OFFLINE = '(offline model)';

export const JOKES = [
  'I told my computer I needed a break, so it went to sleep.',
  'The retry policy and I have a lot in common: we both keep trying.',
  'Why did the workflow cross the road? It was scheduled to.',
  'My activity timed out, so it went to its room to think about what it did.',
  'I would tell you a UDP joke, but you might not get it.',
  'A history walks into a bar. The bartender says: haven’t I seen you here before? Replay.',
  'Why do programmers prefer dark mode? Because light attracts bugs.',
  'There are 10 kinds of people: those who read binary and those who do not.',
  'My heartbeat timeout is short, which is why I keep checking in.',
  'I asked the worker how it was doing. It said it was polling well.',
];

/** The first `count` jokes as a numbered list. */
export function numberedJokes(count: number): string {
  return JOKES.slice(0, count)
    .map((joke, index) => `${index + 1}. ${joke}`)
    .join('\n');
}

/** Per workflow of this folder (the type makes sure every one has answers), per agent and turn. */
export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  streamText: {
    Joker: withStreamPacing(textResponse(`Here are five jokes:\n${numberedJokes(5)}\n${OFFLINE}`), {
      chunkDelayMs: 40,
    }),
  },
  streamItems: {
    Joker: (request, { agentTurn }) => {
      if (agentTurn === 0) return toolCallResponse('how_many_jokes', {});
      const count = Math.min(Number(toolOutput(request, 'how_many_jokes')), JOKES.length);
      return textResponse(`${numberedJokes(count)}\n${OFFLINE}`);
    },
  },
};
