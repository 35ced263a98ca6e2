export const TASK_QUEUE = 'openai-agents-customer-service-task-queue';
