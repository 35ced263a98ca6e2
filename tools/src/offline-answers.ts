/**
 * What the worker answers without OPENAI_API_KEY, so every hosted-tool sample runs end to end offline.
 * Each answer carries a hosted tool call item shaped like the one OpenAI returns (the workflows read
 * them), but the offline model runs no hosted tool: it works the answer out itself, searches the
 * shipped documents by keyword, and draws a small picture from `media/`. Every call still goes through
 * the model activity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@openai/agents-core';
import {
  items,
  type ModelResponder,
  modelResponse,
  textResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';
import { type OfflineAnswers, toolOutput, userTexts } from 'sample-kit';
import { KNOWLEDGE_BASE_DIR } from './knowledge-base';

const OFFLINE = '(offline model)';
const OFFLINE_IMAGE = fileURLToPath(new URL('../media/offline-frog.png', import.meta.url));

const lastUserText = (request: ModelRequest) => userTexts(request).at(-1) ?? '';

/** The provider data of the hosted tool the agent offers, e.g. the web search's user location. */
function hostedToolData(request: ModelRequest, name: string): Record<string, unknown> {
  const tool = request.tools.find((candidate) => candidate.type === 'hosted_tool' && candidate.name === name);
  return tool?.type === 'hosted_tool' ? (tool.providerData ?? {}) : {};
}

/** Evaluates the launcher's kind of question, "the square root of A * B plus C", as the interpreter would. */
const interpretCode: ModelResponder = (request) => {
  const match = /square root of (\d+) \* (\d+) plus (\d+)/i.exec(lastUserText(request));
  if (!match) return modelResponse(items.text(`${OFFLINE} I can only work out "the square root of A * B plus C".`));
  const [a, b, c] = match.slice(1).map(Number) as [number, number, number];
  const value = Math.sqrt(a * b) + c;
  const code = `import math\nresult = math.sqrt(${a} * ${b}) + ${c}\nprint(result)`;
  return modelResponse(
    items.hostedToolCall('code_interpreter_call', {
      type: 'code_interpreter_call',
      code,
      container_id: 'cntr_offline',
      outputs: [{ type: 'logs', logs: String(value) }],
    }),
    items.text(`The square root of ${a} × ${b}, plus ${c}, is about ${value.toFixed(4)}. ${OFFLINE}`),
  );
};

/** Ranks the shipped documents by how many of the question's words they contain. */
const searchFiles: ModelResponder = (request) => {
  const question = lastUserText(request);
  const words = question.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  const ranked = readdirSync(KNOWLEDGE_BASE_DIR)
    .filter((file) => file.endsWith('.md'))
    .map((filename) => {
      const text = readFileSync(join(KNOWLEDGE_BASE_DIR, filename), 'utf8');
      const hits = words.filter((word) => text.toLowerCase().includes(word)).length;
      return { filename, text, score: words.length ? hits / words.length : 0 };
    })
    .sort((a, b) => b.score - a.score || a.filename.localeCompare(b.filename))
    .slice(0, Number(hostedToolData(request, 'file_search').max_num_results ?? 3));
  const best = ranked[0];
  // The first sentence after the title, without Markdown emphasis.
  const sentence = best?.text.split('\n').slice(2).join(' ').replace(/[*_]/g, '').split('. ')[0];
  return modelResponse(
    items.hostedToolCall('file_search_call', {
      type: 'file_search_call',
      queries: [question],
      results: ranked.map(({ filename, text, score }) => ({ file_id: `file-${filename}`, filename, score, text })),
    }),
    items.text(`${sentence ? `${sentence}.` : 'I found nothing.'} ${OFFLINE}`),
  );
};

const drawImage: ModelResponder = () =>
  modelResponse(
    items.hostedToolCall(
      'image_generation_call',
      { type: 'image_generation_call' },
      readFileSync(OFFLINE_IMAGE).toString('base64'),
    ),
    items.text(`Here is a frog with a pizza, drawn very small. ${OFFLINE}`),
  );

/** Cannot search the web, but shows that the user's location reached the model request. */
const searchWeb: ModelResponder = (request) => {
  const question = lastUserText(request);
  const query = /'([^']+)'/.exec(question)?.[1] ?? question;
  const location = hostedToolData(request, 'web_search').user_location;
  const city = location && typeof location === 'object' && 'city' in location ? String(location.city) : 'unknown';
  return modelResponse(
    items.hostedToolCall('web_search_call', { type: 'web_search_call', action: { type: 'search', query } }),
    items.text(`I cannot search the web offline; I would have searched for "${query}" near ${city}. ${OFFLINE}`),
  );
};

/** Asks the weather service (a Nexus operation) for the city in the question, then reads its forecast out. */
const forecastWeather: ModelResponder = (request, { agentTurn }) => {
  if (agentTurn === 0) {
    const question = userTexts(request).join(' ');
    const city = /in ([A-Z][\p{L}]+)/u.exec(question)?.[1] ?? 'Lisbon';
    const days =
      Number(
        /(\d+|one|two|three|four|five) days?/
          .exec(question)?.[1]
          ?.replace(/^(one|two|three|four|five)$/, (word) =>
            String(['one', 'two', 'three', 'four', 'five'].indexOf(word) + 1),
          ),
      ) || 3;
    return toolCallResponse('getForecast', { city, days });
  }
  const output = toolOutput(request, 'getForecast') ?? '';
  if (!output.startsWith('{')) return textResponse(`The weather service could not help: ${output} (offline model)`);
  const forecast = JSON.parse(output) as { city: string; days: { day: number; conditions: string; highC: number }[] };
  const days = forecast.days.map((day) => `day ${day.day} ${day.conditions}, up to ${day.highC}°C`).join('; ');
  return textResponse(`${forecast.city}: ${days}. (offline model)`);
};

export const offlineAnswers: OfflineAnswers = {
  nexusWeather: { 'Weather agent': forecastWeather },
  codeInterpreter: { 'Code interpreter': interpretCode },
  fileSearch: { 'File searcher': searchFiles },
  imageGeneration: { 'Image generator': drawImage },
  webSearch: { 'Web searcher': searchWeb },
};
