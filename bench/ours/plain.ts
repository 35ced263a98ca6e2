import { proxyActivities } from '@temporalio/workflow';
import { ACTIVITY_TIMEOUT, type noop } from '../src/workload';

const activities = proxyActivities<{ noop: typeof noop }>({ startToCloseTimeout: ACTIVITY_TIMEOUT });

/** A plain workflow: `calls` bare activities in a row. */
export async function plain(calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await activities.noop();
}
