// The worker loads every workflow of this folder from here.
export { filesystem } from './filesystem';
export { memoryResearchScratchpad } from './memory-research-scratchpad';
export { promptServer } from './prompt-server';
export { sse } from './sse';
export { streamableHttp } from './streamable-http';
