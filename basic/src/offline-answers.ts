/**
 * What the worker answers without OPENAI_API_KEY, so every sample runs end to end offline: for each
 * workflow, each agent's answer per turn. Every call still goes through the model activity. Where an
 * answer depends on a tool's result or on the input (a number drawn, an image received), a responder
 * reads it from the request; which answer an agent gives depends only on its name and turn.
 */
import type { ModelRequest } from '@openai/agents-core';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from 'openai-agents-temporal';
import {
  type AgentScript,
  handoffResponse,
  structuredResponse,
  textResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';
import { toolOutput, userTexts } from 'sample-kit';
import type { Weather } from './activities/get-weather';
import type * as workflows from './workflows';

const OFFLINE = '(offline model)';

/** Start Agent draws a number and keeps an even one; Multiply Agent doubles an odd one. */
const numberAgents: AgentScript = {
  'Start Agent': (request, { agentTurn }) => {
    if (agentTurn === 0) {
      const max = Number(/between 0 and (\d+)/.exec(userTexts(request).join(' '))?.[1] ?? 10);
      return toolCallResponse('random_number', { max });
    }
    const number = Number(toolOutput(request, 'random_number'));
    return number % 2 === 0 ? structuredResponse({ number }) : handoffResponse('Multiply Agent');
  },
  'Multiply Agent': (request, { agentTurn }) =>
    agentTurn === 0
      ? toolCallResponse('multiply_by_two', { x: Number(toolOutput(request, 'random_number')) })
      : structuredResponse({ number: Number(toolOutput(request, 'multiply_by_two')) }),
};

/** True when some object in the schema accepts keys it does not list: OpenAI's strict mode refuses those. */
function allowsUnlistedKeys(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.additionalProperties !== false) return true;
  return Object.values(node).some(allowsUnlistedKeys);
}

/** The `image` of every `input_image` in the user's messages: a URL or a data URL. */
function inputImages(request: ModelRequest): string[] {
  if (typeof request.input === 'string') return [];
  return request.input.flatMap((item) => {
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

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  // Reads the whole conversation from the request, so the answer shows what the session carried.
  sessionChat: {
    'Session assistant': (request) => {
      const said = userTexts(request);
      const name = /my name is (\p{L}+)/u.exec(said.join(' '))?.[1];
      return textResponse(
        `You have sent ${said.length} message(s)${name ? `, and your name is ${name}` : ''}; the first was "${said[0] ?? ''}". ${OFFLINE}`,
      );
    },
  },

  helloWorld: {
    Assistant: textResponse(
      `Functions call themselves,\nsmaller steps toward the base case—\nthe stack unwinds home.\n${OFFLINE}`,
    ),
  },

  tools: {
    // First the get_weather tool for the city asked about, then a sentence from the tool's result.
    'Hello world': (request, { agentTurn }) => {
      if (agentTurn === 0) {
        const city = /weather in ([\p{L} ]+)/u.exec(userTexts(request).join(' '))?.[1]?.trim() ?? 'Tokyo';
        return toolCallResponse('get_weather', { city });
      }
      const { city, temperatureRange, conditions } = JSON.parse(toolOutput(request, 'get_weather') ?? '') as Weather;
      return textResponse(`The weather in ${city} is ${temperatureRange} and ${conditions.toLowerCase()} ${OFFLINE}`);
    },
  },

  agentLifecycle: numberAgents,
  lifecycle: numberAgents,

  // The offline model cannot follow a system prompt, so it says which one it got: the prompt the run context chose.
  dynamicSystemPrompt: {
    'Chat agent': (request) =>
      textResponse(
        `${OFFLINE} My instructions for this run: "${request.systemInstructions}". A real model would tell the ` +
          'joke that way; mine is plain: why do programmers mix up Halloween and Christmas? Because OCT 31 = DEC 25.',
      ),
  },

  nonStrictOutput: {
    Assistant: (request) => {
      const { outputType } = request;
      // Plays OpenAI's part: a strict schema with an open-ended object is refused before any answer.
      if (typeof outputType === 'object' && outputType.strict && allowsUnlistedKeys(outputType.schema)) {
        throw ApplicationFailure.nonRetryable(
          `Non-retryable model error 400: Invalid schema for response_format '${outputType.name}': every object ` +
            `must set 'additionalProperties' to false in strict mode ${OFFLINE}`,
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
    },
  },

  // The offline model cannot see images; it reports what reached it.
  localImage: {
    Assistant: (request) => {
      const [image = ''] = inputImages(request);
      const bytes = Buffer.from(image.slice(image.indexOf(',') + 1), 'base64');
      const size = pngSize(bytes);
      return textResponse(
        `${OFFLINE} I cannot look at images, but I received one inline: ${bytes.length} bytes` +
          `${size ? `, a ${size} PNG` : ''}.`,
      );
    },
  },
  remoteImage: {
    Assistant: (request) =>
      textResponse(`${OFFLINE} I cannot look at images, but I received a link to one: ${inputImages(request)[0]}`),
  },

  previousResponseId: {
    Assistant: (request, { agentTurn }) => {
      if (agentTurn === 0) return textResponse(`Brazil. ${OFFLINE}`);
      // Only the previous response id tells the model which country "that country" is.
      return textResponse(
        request.previousResponseId
          ? `Brasília. (offline model, continuing from ${request.previousResponseId})`
          : `${OFFLINE} Which country? I have no earlier turn to go on.`,
      );
    },
  },
};
