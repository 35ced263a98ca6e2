import { Agent, run } from '@openai/agents';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import { historyStatus, WorkflowSession, type WorkflowSessionState } from 'openai-agents-temporal/workflow';
import { setChatTurnHandler } from 'sample-kit/workflow';

export interface SessionChatReply {
  reply: string;
  /** This message's turn in the whole chat, from 1. */
  turn: number;
  /** Which run answered, from 1. */
  run: number;
}

/** What one run hands to the next; a new chat starts with `{}`. */
export interface SessionChatInput {
  /** The session a previous run exported. */
  session?: WorkflowSessionState;
  turns?: number;
  runs?: number;
  /** Continue as new after this many turns in a run, as well as when Temporal suggests it. */
  turnsPerRun?: number;
}

export interface SessionChatResult {
  turns: number;
  runs: number;
  /** Items in the session at the end: every message and answer of every run. */
  sessionItems: number;
}

export const sendSessionMessage = defineUpdate<SessionChatReply, [string]>('sendSessionMessage');
export const endSessionChat = defineSignal('endSessionChat');

/**
 * A chat whose memory is an agents-core session: `run(agent, message, { session })` reads the
 * conversation from it and adds the new items. The session is workflow state, so it costs no
 * activity; at continue-as-new it is exported into the next run's input and restored there.
 */
export async function sessionChat(input: SessionChatInput = {}): Promise<SessionChatResult> {
  const agent = new Agent({
    name: 'Session assistant',
    instructions: 'You are a friendly assistant. Answer in one or two sentences, using what was said before.',
  });
  const session = WorkflowSession.restore(input.session);
  const runNumber = (input.runs ?? 0) + 1;
  let turns = input.turns ?? 0;
  let turnsThisRun = 0;
  let ended = false;

  // Turns run one after another, in the order their Updates arrived (setChatTurnHandler).
  const takeTurn = async (message: string): Promise<SessionChatReply> => {
    const result = await run(agent, message, { session });
    turns += 1;
    turnsThisRun += 1;
    return { reply: result.finalOutput ?? '', turn: turns, run: runNumber };
  };
  setChatTurnHandler(sendSessionMessage, takeTurn, () => ended);
  setHandler(endSessionChat, () => {
    ended = true;
  });

  const runIsFull = () =>
    historyStatus().shouldContinueAsNew || (input.turnsPerRun !== undefined && turnsThisRun >= input.turnsPerRun);
  await condition(() => ended || runIsFull());
  await condition(allHandlersFinished);
  if (!ended) {
    return continueAsNew<typeof sessionChat>({
      session: session.exportState(),
      turns,
      runs: runNumber,
      ...(input.turnsPerRun === undefined ? {} : { turnsPerRun: input.turnsPerRun }),
    });
  }
  return { turns, runs: runNumber, sessionItems: session.length };
}
