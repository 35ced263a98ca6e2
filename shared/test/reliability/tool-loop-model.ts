// The scripted model of the long tool loop (workflows/conversation.ts heldToolLoop), shared by the test
// and its worker process: a tool call per model call until `steps`, then the answer. It records the
// length of each whole input it is given (what the model activity rebuilt from a held conversation).
import { ScriptedModelProvider, textResponse, toolCallResponse } from '../../src/testing/index.js';

export function toolLoopModel(steps: number, inputLengths: number[] = []): ScriptedModelProvider {
  return new ScriptedModelProvider((request, { agentTurn }) => {
    inputLengths.push(typeof request.input === 'string' ? 1 : request.input.length);
    return agentTurn < steps ? toolCallResponse('step', { n: agentTurn }) : textResponse('all done');
  });
}
