export const TASK_QUEUE = 'openai-agents-tools-task-queue';
