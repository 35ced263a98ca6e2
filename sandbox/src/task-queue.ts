export const TASK_QUEUE = 'openai-agents-sandbox-task-queue';
