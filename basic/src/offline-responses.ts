/**
 * What the worker answers without OPENAI_API_KEY: a deterministic stand-in for the model, so the
 * samples run end to end offline. Every call still goes through the model activity.
 */
import type { ModelRequest } from '@openai/agents-core';
import { textResponse, toolCallResponse } from 'openai-agents-temporal/testing';

function inputText(request: ModelRequest): string {
  return typeof request.input === 'string' ? request.input : JSON.stringify(request.input);
}

function toolOutput(request: ModelRequest, toolName: string): string | undefined {
  if (typeof request.input === 'string') return undefined;
  const call = request.input.find((item) => item.type === 'function_call' && item.name === toolName);
  if (call?.type !== 'function_call') return undefined;
  const result = request.input.find((item) => item.type === 'function_call_result' && item.callId === call.callId);
  if (result?.type !== 'function_call_result') return undefined;
  const output = result.output;
  return typeof output === 'string' ? output : 'text' in output ? String(output.text) : JSON.stringify(output);
}

export function offlineResponses(request: ModelRequest) {
  if (request.tools.some((tool) => tool.name === 'get_weather')) {
    const weather = toolOutput(request, 'get_weather');
    if (weather === undefined) {
      const city = /weather in ([\p{L} ]+)/u.exec(inputText(request))?.[1]?.trim() ?? 'Tokyo';
      return toolCallResponse('get_weather', { city });
    }
    const { city, temperatureRange, conditions } = JSON.parse(weather);
    return textResponse(
      `The weather in ${city} is ${temperatureRange} and ${conditions.toLowerCase()} (offline model)`,
    );
  }
  if (request.systemInstructions?.includes('haiku')) {
    return textResponse(
      'Functions call themselves,\nsmaller steps toward the base case—\nthe stack unwinds home.\n(offline model)',
    );
  }
  return textResponse(`(offline model) I have no scripted answer for: ${inputText(request).slice(0, 80)}`);
}
