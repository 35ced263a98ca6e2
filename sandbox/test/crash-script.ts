// The sandbox assistant's script for the crash test: each turn appends one line to ops.log in the
// sandbox (the side-effect log); call ids are fixed, since a second worker process counts from 1 again.

import type { ModelResponse } from '@openai/agents-core';
import { textResponse, toolCallResponse } from 'openai-agents-temporal/testing';

export const STEPS = 3;

export function crashStep(turn: number): ModelResponse {
  if (turn < STEPS)
    return toolCallResponse('exec_command', { cmd: `echo step-${turn + 1} >> ops.log` }, `call_step_${turn + 1}`);
  return textResponse('Appended every step to ops.log.');
}
