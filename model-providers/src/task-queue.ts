export const TASK_QUEUE = 'openai-agents-model-providers-task-queue';
