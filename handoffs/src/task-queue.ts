export const TASK_QUEUE = 'openai-agents-handoffs-task-queue';
