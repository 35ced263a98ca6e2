// The scripted model for the crash-recovery workflow: the step is the number of tool results so far.
import type { ModelRequest } from '@openai/agents-core';
import { textResponse, toolCallResponse } from '../../src/testing/index.js';

export const KEYS = ['a', 'b'];
export const EXPECTED_RESULT = 'final: A,B';

export function stepOf(request: ModelRequest): number {
  return typeof request.input === 'string'
    ? 0
    : request.input.filter((item) => item.type === 'function_call_result').length;
}

export function answerStep(step: number) {
  const key = KEYS[step];
  if (key !== undefined) return toolCallResponse('lookup', { key }, `call_${key}`);
  return textResponse(EXPECTED_RESULT);
}
