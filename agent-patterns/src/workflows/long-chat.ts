import { Agent, type AgentInputItem, run } from '@openai/agents';
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
  NEW_CONVERSATION_ID,
  type ReplayWork,
} from 'openai-agents-temporal/workflow';
import { setChatTurnHandler } from 'sample-kit/workflow';

/** The transcript keeps the chat's latest lines (the whole conversation stays with the plugin). */
export const TRANSCRIPT_LINES = 200;

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
  /** The run's replay work when it ended (`HistoryStatus.replayWork.units`). */
  replayWork: number;
}

/** What one run hands to the next; a new chat starts with `{}`. */
export interface LongChatInput {
  /**
   * The conversation so far, held by the plugin: the last turn's `result.lastResponseId`. A short
   * string however long the chat, so continue-as-new carries it at no cost.
   */
  previousResponseId?: string;
  /** The chat's latest lines, for the transcript. */
  recentLines?: ChatLine[];
  turns?: number;
  continuedRuns?: ContinuedRun[];
  /**
   * Continue as new at these as well as when Temporal suggests it. Default: 80% of Temporal's limits,
   * and the plugin's replay budget (a fresh worker must be able to replay the run in time).
   */
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
/** End the chat: the workflow finishes its turns in progress and returns the transcript. */
export const endChat = defineSignal('endChat');
/** The chat's latest lines (up to {@link TRANSCRIPT_LINES}), across runs. */
export const transcript = defineQuery<ChatLine[]>('transcript');

export interface ChatStatus {
  turns: number;
  run: number;
  /** What a worker that takes this run over must replay (see `historyStatus()`). */
  replayWork: ReplayWork;
}
/** Where the chat stands: turns, run, and this run's replay work. */
export const chatStatus = defineQuery<ChatStatus>('chatStatus');

/**
 * A chat that can go on for as long as the user writes. Each message is an Update that runs one
 * agent turn. The plugin holds the conversation (`NEW_CONVERSATION_ID`, then each result's
 * `lastResponseId`), so a turn hands the runner only the new message and costs the workflow the same
 * at turn 1,000 as at turn 10, while the model still gets the whole conversation. Each turn still adds
 * to the run's history and to its replay work, so when `historyStatus()` says so (the plugin's replay
 * budget, Temporal's suggestion, or a threshold) the run waits for its turns in progress and continues
 * as new, carrying the conversation's id; the next run picks up where it stopped. Clients address the
 * workflow by id, so their next Update reaches the new run.
 */
export async function longChat(input: LongChatInput = {}): Promise<LongChatResult> {
  const agent = new Agent({
    name: 'Chat assistant',
    instructions: 'You are a friendly assistant in a long conversation. Answer in one or two sentences.',
  });
  let previousResponseId = input.previousResponseId ?? NEW_CONVERSATION_ID;
  let recentLines = input.recentLines ?? [];
  let turns = input.turns ?? 0;
  const continuedRuns = input.continuedRuns ?? [];
  const runNumber = continuedRuns.length + 1;
  let status: HistoryStatus | undefined;
  let ended = false;

  // Turns run one after another, in the order their Updates arrived (setChatTurnHandler).
  const takeTurn = async (message: string): Promise<ChatReply> => {
    // Only the new message: the plugin adds the conversation before it on the worker.
    const result = await run(agent, message, { previousResponseId });
    previousResponseId = result.lastResponseId ?? previousResponseId;
    recentLines = [...recentLines, ...transcriptOf(result.history)].slice(-TRANSCRIPT_LINES);
    turns += 1;
    status = historyStatus(input.thresholds);
    return { reply: result.finalOutput ?? '', turn: turns, run: runNumber };
  };

  setChatTurnHandler(sendMessage, takeTurn, () => ended);
  setHandler(endChat, () => {
    ended = true;
  });
  setHandler(transcript, () => recentLines);
  setHandler(chatStatus, () => ({ turns, run: runNumber, replayWork: historyStatus().replayWork }));

  await condition(() => ended || status?.shouldContinueAsNew === true);
  // Never leave an Update unanswered: the turns in progress finish in this run.
  await condition(allHandlersFinished);
  if (!ended && status) {
    const { reasons, historyBytes, historyEvents, replayWork } = status;
    continuedRuns.push({ run: runNumber, turns, reasons, historyBytes, historyEvents, replayWork: replayWork.units });
    return continueAsNew<typeof longChat>({
      previousResponseId,
      recentLines,
      turns,
      continuedRuns,
      thresholds: input.thresholds,
    });
  }
  return { turns, runs: runNumber, continuedRuns, transcript: recentLines };
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
