import type { Client } from '@temporalio/client';
import { TASK_QUEUE } from './task-queue';
import { customerService } from './workflows/customer-service';

/**
 * Starts the conversation, or attaches to the running one and leaves it as it is. The handle has no
 * run id, so it follows the conversation across continue-as-new.
 */
export async function startOrAttach(client: Client, conversationId: string) {
  await client.workflow.start(customerService, {
    taskQueue: TASK_QUEUE,
    workflowId: conversationId,
    args: [{}],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return client.workflow.getHandle<typeof customerService>(conversationId);
}
