// The worker loads every workflow of this folder from here.

export { agentsAsTools } from './agents-as-tools';
export { approvals } from './approvals';
export { approvalsLongWait } from './approvals-long-wait';
export { deterministic } from './deterministic';
export { forcingToolUse } from './forcing-tool-use';
export { inputGuardrails } from './input-guardrails';
export { llmAsAJudge } from './llm-as-a-judge';
export { longChat } from './long-chat';
export { outputGuardrails } from './output-guardrails';
export { parallelization } from './parallelization';
export { routing } from './routing';
