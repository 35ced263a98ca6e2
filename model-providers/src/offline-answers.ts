/**
 * What the worker answers for a model it cannot reach (no server at the chat-completions endpoint, or
 * no API key for a vendor), so both samples run end to end offline. The agent calls the weather tool,
 * then answers with a haiku about the tool's result. Every call still goes through the model activity.
 */
import { type ModelResponder, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';
import { type OfflineAnswers, toolOutput, userTexts } from 'sample-kit';

const weatherHaiku: ModelResponder = (request, call) => {
  const weather = toolOutput(request, 'get_weather');
  if (weather === undefined) {
    const city = /weather in ([\p{L} ]+)/u.exec(userTexts(request).at(-1) ?? '')?.[1]?.trim() ?? 'Tokyo';
    return toolCallResponse('get_weather', { city });
  }
  const city = /weather in (.+) is/.exec(weather)?.[1] ?? 'the city';
  return textResponse(
    `Sun over ${city},\nthe tool says the sky is clear—\nleave the umbrella.\n` +
      `(offline model, standing in for ${call.modelName ?? 'the endpoint’s default model'})`,
  );
};

export const offlineAnswers: OfflineAnswers = {
  gptOss: { Assistant: weatherHaiku },
  vendorModel: { Assistant: weatherHaiku },
};
