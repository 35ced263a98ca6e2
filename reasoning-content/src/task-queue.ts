export const TASK_QUEUE = 'openai-agents-reasoning-content-task-queue';
