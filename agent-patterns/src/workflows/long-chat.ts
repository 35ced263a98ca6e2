import { Agent, type AgentInputItem, run, user } from '@openai/agents';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import {
  type ContinueAsNewReason,
  type HistoryStatus,
  type HistoryThresholds,
  historyStatus,
} from 'openai-agents-temporal/workflow';

export interface ChatReply {
  reply: string;
  /** This message's turn in the whole chat, from 1, across every run. */
  turn: number;
  /** Which run of the chat answered, from 1: one more than the times it has continued as new. */
  run: number;
}

export interface ChatLine {
  role: 'user' | 'assistant';
  text: string;
}

/** A run that ended by continuing as new, and why. */
export interface ContinuedRun {
  run: number;
  /** Turns in the chat when this run ended. */
  turns: number;
  reasons: ContinueAsNewReason[];
  historyBytes: number;
  historyEvents: number;
}

/** What one run hands to the next; a new chat starts with `{}`. */
export interface LongChatInput {
  /** The conversation so far, as the agent sees it (the last turn's `result.history`). */
  conversation?: AgentInputItem[];
  turns?: number;
  continuedRuns?: ContinuedRun[];
  /** Continue as new at these as well as when Temporal suggests it. Default: 80% of Temporal's limits. */
  thresholds?: HistoryThresholds;
}

export interface LongChatResult {
  turns: number;
  runs: number;
  continuedRuns: ContinuedRun[];
  transcript: ChatLine[];
}

/** Send a message; the update returns the agent's reply once the turn is done. */
export const sendMessage = defineUpdate<ChatReply, [string]>('sendMessage');
/** End the chat: the workflow finishes its turns in progress and returns the whole transcript. */
export const endChat = defineSignal('endChat');
/** The chat so far, across every run. */
export const transcript = defineQuery<ChatLine[]>('transcript');

/**
 * A chat that can go on for as long as the user writes. Each message is an Update that runs one
 * agent turn on the whole conversation. Each turn adds the conversation to the history once more,
 * so when Temporal suggests continue-as-new (or a threshold is passed) the run waits for its turns in
 * progress and continues as new, carrying the conversation; the next run picks up where it stopped.
 * Clients address the workflow by id, so their next Update reaches the new run.
 */
export async function longChat(input: LongChatInput = {}): Promise<LongChatResult> {
  const agent = new Agent({
    name: 'Chat assistant',
    instructions: 'You are a friendly assistant in a long conversation. Answer in one or two sentences.',
  });
  let conversation = input.conversation ?? [];
  let turns = input.turns ?? 0;
  const continuedRuns = input.continuedRuns ?? [];
  const runNumber = continuedRuns.length + 1;
  let status: HistoryStatus | undefined;
  let ended = false;

  // Turns run one after another, in the order their Updates arrived.
  let previousTurn: Promise<unknown> = Promise.resolve();
  const takeTurn = async (message: string): Promise<ChatReply> => {
    const result = await run(agent, [...conversation, user(message)]);
    conversation = result.history;
    turns += 1;
    status = historyStatus(input.thresholds);
    return { reply: result.finalOutput ?? '', turn: turns, run: runNumber };
  };

  setHandler(
    sendMessage,
    (message) => {
      const turn = previousTurn.then(() => takeTurn(message));
      previousTurn = turn.catch(() => undefined);
      return turn;
    },
    {
      validator: (message) => {
        if (typeof message !== 'string' || message.trim() === '') throw new Error('Send a non-empty message.');
        if (ended) throw new Error('This chat has ended.');
      },
    },
  );
  setHandler(endChat, () => {
    ended = true;
  });
  setHandler(transcript, () => transcriptOf(conversation));

  await condition(() => ended || status?.shouldContinueAsNew === true);
  // Never leave an Update unanswered: the turns in progress finish in this run.
  await condition(allHandlersFinished);
  if (!ended && status) {
    const { reasons, historyBytes, historyEvents } = status;
    continuedRuns.push({ run: runNumber, turns, reasons, historyBytes, historyEvents });
    return continueAsNew<typeof longChat>({ conversation, turns, continuedRuns, thresholds: input.thresholds });
  }
  return { turns, runs: runNumber, continuedRuns, transcript: transcriptOf(conversation) };
}

/** The user's and the assistant's messages, in order. */
function transcriptOf(conversation: AgentInputItem[]): ChatLine[] {
  return conversation.flatMap((item): ChatLine[] => {
    if (item.type !== undefined && item.type !== 'message') return [];
    if (!('role' in item) || (item.role !== 'user' && item.role !== 'assistant')) return [];
    const { content } = item;
    const text =
      typeof content === 'string' ? content : content.map((part) => ('text' in part ? part.text : '')).join('');
    return [{ role: item.role, text }];
  });
}
