/**
 * Workflow-side pieces samples share (`sample-kit/workflow`): a chat's serialised turns and the
 * research samples' parallel searches. Only what a workflow bundle may hold, so nothing from Node or
 * the other sample-kit modules.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, isCancellation, setCurrentDetails, setHandler } from '@temporalio/workflow';

/**
 * Answers each `update` (one chat message) with `takeTurn`, one turn at a time in the order the
 * Updates arrived: a turn starts once the one before it has ended, failed or not, so two turns never
 * run the agent on the same conversation at once. The validator refuses an empty message, and every
 * message once `hasEnded()`, before the Update enters the history.
 */
export function setChatTurnHandler<TReply>(
  update: UpdateDefinition<TReply, [string]>,
  takeTurn: (message: string) => Promise<TReply>,
  hasEnded: () => boolean,
): void {
  let previousTurn: Promise<unknown> = Promise.resolve();
  setHandler(
    update,
    (message) => {
      const turn = previousTurn.then(() => takeTurn(message));
      previousTurn = turn.catch(() => undefined);
      return turn;
    },
    {
      validator: (message) => {
        if (typeof message !== 'string' || message.trim() === '') throw new Error('Send a non-empty message.');
        if (hasEnded()) throw new Error('This chat has ended.');
      },
    },
  );
}

export type SearchStatus = 'running' | 'done' | 'failed';

/**
 * Runs every planned search at once (`search` is one agent run, so their model activities are in
 * flight together) and returns what they give in the order they finish, marking each search's status
 * as it ends. A failed search is marked `failed` and left out: the report is written from the others.
 * Cancellation is not caught. With no result at all, fails with the non-retryable `NoSearchResults`.
 */
export async function runPlannedSearches<TSearch extends { status: SearchStatus }, TResult>(
  searches: TSearch[],
  search: (planned: TSearch) => Promise<TResult>,
): Promise<TResult[]> {
  const results: TResult[] = [];
  await Promise.all(
    searches.map(async (planned) => {
      try {
        results.push(await search(planned));
        planned.status = 'done';
      } catch (error) {
        if (isCancellation(error)) throw error;
        planned.status = 'failed';
      }
      const finished = searches.filter((each) => each.status !== 'running').length;
      setCurrentDetails(`Searches finished: ${finished} of ${searches.length}`);
    }),
  );
  if (results.length === 0) {
    throw ApplicationFailure.nonRetryable(
      searches.length === 0
        ? 'The planner planned no searches, so there is nothing to write a report from.'
        : `All ${searches.length} searches failed, so there is nothing to write a report from.`,
      'NoSearchResults',
    );
  }
  return results;
}
