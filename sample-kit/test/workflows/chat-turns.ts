// A chat around setChatTurnHandler whose turns need no model: each turn logs its start and end, and
// waits for a `release` signal in between, so the test sees whether a turn starts before the last ends.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import { setChatTurnHandler } from '../../src/workflow.js';

export const say = defineUpdate<string, [string]>('say');
export const release = defineSignal('release');
/** Ends the chat: later messages are refused. */
export const finish = defineSignal('finish');
/** Ends the workflow, so the test can send a message after `finish` first. */
export const close = defineSignal('close');
export const turnLog = defineQuery<string[]>('turnLog');

export async function heldChat(): Promise<string[]> {
  const log: string[] = [];
  let releases = 0;
  let started = 0;
  let ended = false;
  let closed = false;
  setHandler(release, () => {
    releases += 1;
  });
  setHandler(finish, () => {
    ended = true;
  });
  setHandler(close, () => {
    closed = true;
  });
  setHandler(turnLog, () => log);
  setChatTurnHandler(
    say,
    async (message) => {
      const turn = started++;
      log.push(`start ${message}`);
      await condition(() => releases > turn);
      log.push(`end ${message}`);
      if (message === 'fail') throw ApplicationFailure.nonRetryable('this turn fails');
      return `reply to ${message}`;
    },
    () => ended,
  );
  await condition(() => closed);
  await condition(allHandlersFinished);
  return log;
}
