export const TASK_QUEUE = 'openai-agents-mcp-task-queue';
