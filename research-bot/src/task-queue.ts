export const TASK_QUEUE = 'openai-agents-research-bot-task-queue';
