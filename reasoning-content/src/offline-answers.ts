/**
 * What the worker answers without OPENAI_API_KEY, so the launcher runs end to end offline: a reasoning
 * summary and an answer for each of the launcher's prompts. The haiku prompt gets a reasoning item
 * without a summary, as OpenAI sends when it will not summarize, so the launcher's message for that
 * case shows too. Every call still goes through the model activity.
 */
import {
  items,
  type ModelResponder,
  modelResponse,
  reasoningResponse,
  textResponse,
} from 'openai-agents-temporal/testing';
import { type OfflineAnswers, userTexts } from 'sample-kit';

const OFFLINE = '(offline model)';

const reason: ModelResponder = (request) => {
  const prompt = userTexts(request).at(-1) ?? '';
  if (/square root of 841/i.test(prompt)) {
    return reasoningResponse(
      '841 lies between 28² = 784 and 30² = 900, and it ends in 1, so its root ends in 1 or 9. 29² = 841.',
      `The square root of 841 is 29, because 29 × 29 = 841. ${OFFLINE}`,
    );
  }
  if (/recursion/i.test(prompt) && /haiku/i.test(prompt)) {
    return modelResponse(
      { type: 'reasoning', content: [] },
      items.text(`A function calls itself,\nsmaller steps toward the base case—\nthe stack unwinds home.\n${OFFLINE}`),
    );
  }
  if (/recursion/i.test(prompt)) {
    return reasoningResponse(
      'Define recursion, then name its two parts: a base case that stops, and a step that shrinks the problem.',
      `Recursion is when a function solves a problem by calling itself on a smaller version of it, until it ` +
        `reaches a base case it can answer directly. ${OFFLINE}`,
    );
  }
  return textResponse(`${OFFLINE} I have no scripted answer for: ${prompt.slice(0, 80)}`);
};

export const offlineAnswers: OfflineAnswers = {
  reasoningContent: { Reasoner: reason },
};
