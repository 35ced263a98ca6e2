/**
 * What the worker answers without OPENAI_API_KEY: a deterministic stand-in for the model, so every
 * sample runs end to end offline. It decides from the request alone (the agent's instructions, its
 * tools and handoffs, the output schema, the conversation so far). Every call still goes through the
 * model activity.
 */
import type { AgentInputItem, ModelRequest, ModelResponse } from '@openai/agents-core';
import {
  items,
  modelResponse,
  structuredResponse,
  textResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';

const OFFLINE = '(offline model)';

const LANGUAGES = ['Spanish', 'French', 'Italian', 'English'] as const;
type Language = (typeof LANGUAGES)[number];

/** Translations of the launchers' phrases; anything else is only labelled with its language. */
const PHRASEBOOK: Record<string, Partial<Record<Language, string>>> = {
  'Good morning, how are you?': {
    Spanish: 'Buenos días, ¿cómo estás?',
    French: 'Bonjour, comment allez-vous ?',
    Italian: 'Buongiorno, come stai?',
  },
  'Hello, world! How are you today?': {
    Spanish: '¡Hola, mundo! ¿Cómo estás hoy?',
    French: 'Bonjour tout le monde ! Comment allez-vous aujourd’hui ?',
    Italian: 'Ciao, mondo! Come stai oggi?',
  },
};

const GREETINGS: Record<Language, string> = {
  French: 'Je vais très bien, merci ! Et vous ?',
  Spanish: '¡Muy bien, gracias! ¿Y usted?',
  Italian: 'Molto bene, grazie! E lei?',
  English: "I'm doing well, thank you! And you?",
};

function textOf(item: AgentInputItem): string {
  if (!('content' in item)) return '';
  const { content } = item;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

function conversation(request: ModelRequest): AgentInputItem[] {
  return typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
}

function userMessages(request: ModelRequest): string[] {
  return conversation(request)
    .filter((item) => 'role' in item && item.role === 'user')
    .map(textOf);
}

function firstUserMessage(request: ModelRequest): string {
  return userMessages(request)[0] ?? '';
}

function lastUserMessage(request: ModelRequest): string {
  return userMessages(request).at(-1) ?? '';
}

/** The outputs of earlier tool calls, by tool name, in order. */
function toolOutputs(request: ModelRequest): { name: string; output: string }[] {
  return conversation(request).flatMap((item) => {
    if (item.type !== 'function_call_result') return [];
    const { output } = item;
    const text = typeof output === 'string' ? output : 'text' in output ? String(output.text) : JSON.stringify(output);
    return [{ name: item.name, output: text }];
  });
}

function feedbackRounds(request: ModelRequest): number {
  return userMessages(request).filter((text) => text.startsWith('Feedback:')).length;
}

function translate(text: string, language: Language): string {
  return PHRASEBOOK[text.trim()]?.[language] ?? `[${language}] ${text}`;
}

function languageOf(text: string): Language {
  if (/bonjour|merci|comment|aujourd'hui|\bje\b/i.test(text)) return 'French';
  if (/hola|gracias|¿|¡/i.test(text)) return 'Spanish';
  if (/ciao|buongiorno|grazie/i.test(text)) return 'Italian';
  return 'English';
}

/** The triage agent hands off to the agent for the request's language. */
function routeByLanguage(request: ModelRequest): ModelResponse {
  const language = languageOf(lastUserMessage(request));
  const handoff = request.handoffs.find((h) => h.toolName.toLowerCase().includes(language.toLowerCase()));
  const toolName = handoff?.toolName ?? request.handoffs[0]?.toolName ?? 'transfer';
  return modelResponse(items.toolCall(toolName, {}));
}

/** The orchestrator calls one translator tool per requested language, in order, then sums up. */
function orchestrate(request: ModelRequest): ModelResponse {
  const ask = firstUserMessage(request);
  const phrase = /'([^']+)'|"([^"]+)"/.exec(ask)?.slice(1).find(Boolean) ?? ask;
  const done = new Set(toolOutputs(request).map((result) => result.name));
  // The languages the user asked for, in the order they asked, that have no translation yet.
  const next = LANGUAGES.filter((language) => ask.includes(language))
    .sort((a, b) => ask.indexOf(a) - ask.indexOf(b))
    .map((language) => `translate_to_${language.toLowerCase()}`)
    .find((tool) => !done.has(tool) && request.tools.some((t) => t.name === tool));
  if (next) return toolCallResponse(next, { input: phrase });
  return textResponse(`Here are the translations you asked for. ${OFFLINE}`);
}

/** The weather agent calls get_weather once, then describes its result. */
function weather(request: ModelRequest): ModelResponse {
  const result = toolOutputs(request).find((output) => output.name === 'get_weather');
  if (!result) {
    const city = /weather in ([\p{L} ]+)/u.exec(lastUserMessage(request))?.[1]?.trim() ?? 'Tokyo';
    return toolCallResponse('get_weather', { city });
  }
  const { city, temperatureRange, conditions } = JSON.parse(result.output) as Record<
    'city' | 'temperatureRange' | 'conditions',
    string
  >;
  return textResponse(`In ${city} it is ${temperatureRange} and ${conditions.toLowerCase()}. ${OFFLINE}`);
}

/** Agents with an output schema: which one it is shows in the schema's fields. */
function structured(request: ModelRequest, fields: string[]): ModelResponse {
  const question = lastUserMessage(request);
  if (fields.includes('isMathHomework')) {
    const isMathHomework = /solve|equation|homework|\d\s*[x+\-*/=]/i.test(question);
    return structuredResponse({
      reasoning: isMathHomework ? 'The user asks me to solve an equation.' : 'This is not a math problem.',
      isMathHomework,
    });
  }
  if (fields.includes('isScifi')) {
    const isScifi = /time travel|time machine|space|robot|future|planet|alien|science fiction/i.test(question);
    return structuredResponse({ goodQuality: question.length > 20, isScifi });
  }
  if (fields.includes('score')) {
    // Two rounds of feedback, then a pass: enough to show the loop without reaching the usual cap of 5.
    const rounds = feedbackRounds(request);
    return rounds >= 2
      ? structuredResponse({ feedback: 'Good enough: clear stakes and a twist.', score: 'pass' })
      : structuredResponse({
          feedback: rounds === 0 ? 'Give the crew a rival.' : 'Add a twist at the end.',
          score: 'needs_improvement',
        });
  }
  if (fields.includes('userName')) {
    const phone = /\b\d{3}-\d{3}-\d{4}\b/.exec(question)?.[0];
    if (phone) {
      return structuredResponse({
        reasoning: `The user gave the phone number ${phone}; its area code points to the San Francisco Bay Area.`,
        response: `With a ${phone.slice(0, 3)} number, you probably live near Palo Alto. ${OFFLINE}`,
        userName: null,
      });
    }
    return structuredResponse({
      reasoning: 'A geography question with a well-known answer.',
      response: /capital of California/i.test(question)
        ? `The capital of California is Sacramento. ${OFFLINE}`
        : `I have no scripted answer for that. ${OFFLINE}`,
      userName: null,
    });
  }
  return structuredResponse(Object.fromEntries(fields.map((field) => [field, null])));
}

/** Plain text answers, told apart by the agent's instructions. */
function text(request: ModelRequest, instructions: string): ModelResponse {
  const question = lastUserMessage(request);
  const translateTo = /into (Spanish|French|Italian|English)/.exec(instructions)?.[1] as Language | undefined;
  if (translateTo && instructions.startsWith('Translate')) return textResponse(translate(question, translateTo));

  const speaks = /only speak (Spanish|French|Italian|English)/.exec(instructions)?.[1] as Language | undefined;
  if (speaks) return textResponse(`${GREETINGS[speaks]} ${OFFLINE}`);

  if (instructions.includes('best Spanish translation')) {
    const options = question.split('Translations:')[1]?.trim().split('\n\n') ?? [];
    return textResponse(`${options[0] ?? ''} ${OFFLINE}`);
  }
  if (instructions.includes('Review the translations')) {
    const translations = toolOutputs(request).map(
      ({ name, output }) => `${name.replace('translate_to_', '')}: ${output}`,
    );
    return textResponse(`${translations.join('\n')}\n${OFFLINE}`);
  }
  if (instructions.includes('customer support')) {
    return textResponse(
      /capital of California/i.test(question)
        ? `The capital of California is Sacramento. ${OFFLINE}`
        : `Happy to help with that. ${OFFLINE}`,
    );
  }
  if (instructions.includes('story outline')) {
    // The judge's generator gets feedback; number its drafts so the rounds show in the output.
    const draft = instructions.includes('feedback') ? `Draft ${feedbackRounds(request) + 1}: ` : '';
    return textResponse(
      `${draft}${firstUserMessage(request)}. A crew sets out, meets trouble on the way, and wins in the end. ${OFFLINE}`,
    );
  }
  if (instructions.includes('short story')) {
    const outline = question.replace(OFFLINE, '').trim();
    return textResponse(`A short story after the outline "${outline}" ${OFFLINE}`);
  }
  return textResponse(`${OFFLINE} I have no scripted answer for: ${question.slice(0, 80)}`);
}

export function offlineResponses(request: ModelRequest): ModelResponse {
  if (request.handoffs.length > 0) return routeByLanguage(request);
  if (request.tools.some((tool) => tool.name.startsWith('translate_to_'))) return orchestrate(request);
  if (request.tools.some((tool) => tool.name === 'get_weather')) return weather(request);
  if (request.outputType !== 'text') {
    const properties = (request.outputType.schema as { properties?: Record<string, unknown> }).properties;
    return structured(request, Object.keys(properties ?? {}));
  }
  return text(request, request.systemInstructions ?? '');
}
