// The worker loads every workflow of this folder from here.
export { agentLifecycle } from './agent-lifecycle';
export { dynamicSystemPrompt } from './dynamic-system-prompt';
export { helloWorld } from './hello-world';
export { lifecycle } from './lifecycle';
export { localImage } from './local-image';
export { nonStrictOutput } from './non-strict-output';
export { previousResponseId } from './previous-response-id';
export { remoteImage } from './remote-image';
export { sessionChat } from './session-chat';
export { tools } from './tools';
