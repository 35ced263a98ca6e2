/**
 * What the worker answers without OPENAI_API_KEY, so the conversation runs end to end offline. Each
 * agent answers per turn; where an answer depends on the conversation (the user's name, the number
 * the tool drew), a responder reads it from the request. Every call still goes through the model activity.
 */
import type { ModelRequest } from '@openai/agents-core';
import { handoffResponse, type ModelResponder, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';
import { type OfflineAnswers, toolOutput, userTexts } from 'sample-kit';

const OFFLINE = '(offline model)';

/** The user's name, if a message in the request still says it. */
function userName(request: ModelRequest): string | undefined {
  for (const text of userTexts(request)) {
    const name = /my name is (\p{L}+)/u.exec(text)?.[1];
    if (name) return name;
  }
  return undefined;
}

const greet: ModelResponder = (request) => textResponse(`Hi ${userName(request) ?? 'there'}! ${OFFLINE}`);

const reportNumber: ModelResponder = (request) =>
  textResponse(`Your number is ${toolOutput(request, 'random_number') ?? 'missing'}. ${OFFLINE}`);

/** Answers in Spanish from what it was handed: the filter removed the message with the user's name. */
const answerInSpanish: ModelResponder = (request) => {
  const name = userName(request);
  const who = name ? `Te llamas ${name}` : 'No sé cómo te llamas: no está en lo que me pasaron';
  return textResponse(`${who} y vives en Nueva York. ${OFFLINE}`);
};

/** Both non-Spanish agents are named "Assistant", so they share one list of turns across the four runs. */
const assistantTurns: ModelResponder[] = [
  greet,
  () => toolCallResponse('random_number', { max: 100 }),
  reportNumber,
  () => textResponse(`New York City has about 8.3 million people. ${OFFLINE}`),
  () => handoffResponse('Spanish Assistant'),
];

export const offlineAnswers: OfflineAnswers = {
  messageFilter: {
    Assistant: (request, call) =>
      (assistantTurns[call.agentTurn] ?? (() => textResponse(`I have nothing more to say. ${OFFLINE}`)))(request, call),
    'Spanish Assistant': answerInSpanish,
  },
};
