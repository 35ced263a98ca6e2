export const TASK_QUEUE = 'openai-agents-patterns-task-queue';
