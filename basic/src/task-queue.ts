export const TASK_QUEUE = 'openai-agents-basic-task-queue';
