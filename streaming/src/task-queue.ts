export const TASK_QUEUE = 'openai-agents-streaming-task-queue';
