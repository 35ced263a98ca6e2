// What the reliability tests read from a finished run: activity attempts, and the model activity's failure.
import assert from 'node:assert/strict';
import type { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { INVOKE_MODEL_ACTIVITY } from '../../src/common/names.js';

/** Activity attempts in a history: each activity's started event carries its last attempt number. */
export function attemptsIn(history: History): number {
  return (history.events ?? []).reduce((sum, e) => sum + (e.activityTaskStartedEventAttributes?.attempt ?? 0), 0);
}

/** The model activity's own failure inside a failed run. */
export function modelFailure(error: WorkflowFailedError): ApplicationFailure {
  assert.ok(error.cause instanceof ActivityFailure, `expected an activity failure, got ${error.cause}`);
  assert.equal(error.cause.activityType, INVOKE_MODEL_ACTIVITY);
  assert.ok(
    error.cause.cause instanceof ApplicationFailure,
    `expected an ApplicationFailure, got ${error.cause.cause}`,
  );
  return error.cause.cause;
}
