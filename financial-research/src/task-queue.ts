export const TASK_QUEUE = 'openai-agents-financial-research-task-queue';
