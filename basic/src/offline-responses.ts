/**
 * What the worker answers without OPENAI_API_KEY: a deterministic stand-in for the model, so the
 * samples run end to end offline. Every call still goes through the model activity. It answers by
 * looking at the request: the system instructions, the tools on offer and the input so far.
 */
import type { AgentInputItem, ModelRequest, ModelResponse } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from 'openai-agents-temporal';
import { handoffResponse, structuredResponse, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';

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

/** The `image` of every `input_image` in the user's messages: a URL or a data URL. */
function inputImages(request: ModelRequest): string[] {
  if (typeof request.input === 'string') return [];
  return request.input.flatMap((item: AgentInputItem) => {
    if (!('role' in item) || item.role !== 'user' || typeof item.content === 'string') return [];
    return item.content.flatMap((part) =>
      part.type === 'input_image' && typeof part.image === 'string' ? [part.image] : [],
    );
  });
}

/** Width and height from a PNG's header, which follows the 8-byte signature and the IHDR chunk's length and type. */
function pngSize(bytes: Buffer): string | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return `${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)}`;
}

/** True when some object in the schema accepts keys it does not list: OpenAI's strict mode refuses those. */
function allowsUnlistedKeys(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.additionalProperties !== false) return true;
  return Object.values(node).some(allowsUnlistedKeys);
}

const STYLED_JOKES: Record<string, string> = {
  'Only respond in haikus.':
    'Two threads share a lock,\neach waits for the other one—\nsilence, forever.\n(offline model)',
  'Respond as a pirate.': 'Arr, why did the pirate never finish the alphabet? He got lost at C, matey! (offline model)',
  "Respond as a robot and say 'beep boop' a lot.":
    'BEEP BOOP. WHY DID THE ROBOT GO ON HOLIDAY? TO RECHARGE. BEEP BOOP. (offline model)',
};

/** The lifecycle samples: Start Agent draws a number, Multiply Agent doubles an odd one. */
function numberAgents(request: ModelRequest): ModelResponse | undefined {
  const tools = new Set(request.tools.map((tool) => tool.name));
  const drawn = toolOutput(request, 'random_number');
  if (tools.has('random_number')) {
    if (drawn === undefined) {
      const max = Number(/between 0 and (\d+)/.exec(inputText(request))?.[1] ?? 10);
      return toolCallResponse('random_number', { max });
    }
    const number = Number(drawn);
    return number % 2 === 0 ? structuredResponse({ number }) : handoffResponse('Multiply Agent');
  }
  if (tools.has('multiply_by_two')) {
    const doubled = toolOutput(request, 'multiply_by_two');
    if (doubled === undefined) return toolCallResponse('multiply_by_two', { x: Number(drawn) });
    return structuredResponse({ number: Number(doubled) });
  }
  return undefined;
}

export function offlineResponses(request: ModelRequest): ModelResponse {
  const numbers = numberAgents(request);
  if (numbers) return numbers;

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

  const styledJoke = STYLED_JOKES[request.systemInstructions ?? ''];
  if (styledJoke) return textResponse(styledJoke);

  const { outputType } = request;
  if (typeof outputType === 'object' && outputType.name === 'jokes') {
    // Plays OpenAI's part: a strict schema with an open-ended object is refused before any answer.
    if (outputType.strict && allowsUnlistedKeys(outputType.schema)) {
      throw ApplicationFailure.nonRetryable(
        "Non-retryable model error 400: Invalid schema for response_format 'jokes': every object must set " +
          "'additionalProperties' to false in strict mode (offline model)",
        FailureTypes.badRequest,
      );
    }
    return structuredResponse({
      jokes: {
        1: 'I would tell you a UDP joke, but you might not get it.',
        2: 'There are 10 kinds of people: those who read binary and those who do not.',
        3: 'A SQL query walks into a bar, goes up to two tables and asks: may I join you?',
      },
    });
  }

  const [image] = inputImages(request);
  if (image?.startsWith('data:')) {
    const bytes = Buffer.from(image.slice(image.indexOf(',') + 1), 'base64');
    const size = pngSize(bytes);
    return textResponse(
      `(offline model) I cannot look at images, but I received one inline: ${bytes.length} bytes` +
        `${size ? `, a ${size} PNG` : ''}.`,
    );
  }
  if (image) return textResponse(`(offline model) I cannot look at images, but I received a link to one: ${image}`);

  if (/largest country in South America/i.test(inputText(request))) return textResponse('Brazil. (offline model)');
  if (/capital of that country/i.test(inputText(request))) {
    // Only the previous response id tells the model which country "that country" is.
    return textResponse(
      request.previousResponseId
        ? `Brasília. (offline model, continuing from ${request.previousResponseId})`
        : '(offline model) Which country? I have no earlier turn to go on.',
    );
  }

  if (request.systemInstructions?.includes('haiku')) {
    return textResponse(
      'Functions call themselves,\nsmaller steps toward the base case—\nthe stack unwinds home.\n(offline model)',
    );
  }
  return textResponse(`(offline model) I have no scripted answer for: ${inputText(request).slice(0, 80)}`);
}
