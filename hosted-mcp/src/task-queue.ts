export const TASK_QUEUE = 'openai-agents-hosted-mcp-task-queue';
