/**
 * What the worker answers without OPENAI_API_KEY, so every pattern runs end to end offline: for each
 * workflow, each agent's answer per turn. Every call still goes through the model activity. Where an
 * answer depends on the input or on a tool's result (the phrase to translate, the city, the question),
 * a responder reads it from the request; which answer an agent gives depends only on its name and turn.
 */
import type { ModelRequest } from '@openai/agents-core';
import {
  type AgentScript,
  handoffResponse,
  items,
  type ModelResponder,
  modelResponse,
  structuredResponse,
  textResponse,
  toolCallResponse,
} from 'openai-agents-temporal/testing';
import { toolOutput, userTexts } from 'sample-kit';
import { longChatOfflineAnswers } from './long-chat-answers';
import type * as workflows from './workflows';

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

const firstUserText = (request: ModelRequest) => userTexts(request)[0] ?? '';
const lastUserText = (request: ModelRequest) => userTexts(request).at(-1) ?? '';

/** A translator agent: the phrasebook's translation of its input. */
const translatorInto =
  (language: Language): ModelResponder =>
  (request) => {
    const text = lastUserText(request).trim();
    return textResponse(PHRASEBOOK[text]?.[language] ?? `[${language}] ${text}`);
  };

/** The phrase to translate (in quotes, if any) and the languages asked for, in the order asked. */
function translationRequest(request: ModelRequest): { phrase: string; languages: Language[] } {
  const ask = firstUserText(request);
  const phrase = /'([^']+)'|"([^"]+)"/.exec(ask)?.slice(1).find(Boolean) ?? ask;
  const languages = LANGUAGES.filter((language) => ask.includes(language)).sort(
    (a, b) => ask.indexOf(a) - ask.indexOf(b),
  );
  return { phrase, languages };
}

/** Which of the routing sample's speakers a request's language calls for; English when no other matches. */
function speakerFor(text: string): 'French agent' | 'Spanish agent' | 'English agent' {
  if (/bonjour|merci|comment|aujourd'hui|\bje\b/i.test(text)) return 'French agent';
  if (/hola|gracias|¿|¡/i.test(text)) return 'Spanish agent';
  return 'English agent';
}

/** A story outline after the user's request; `draft` numbers the judge's rounds. */
const outline = (request: ModelRequest, draft = '') =>
  textResponse(
    `${draft}${firstUserText(request)}. A crew sets out, meets trouble on the way, and wins in the end. ${OFFLINE}`,
  );

/** The orders a refund request names: `order A-1001 ($40, it arrived broken)`. */
function refundsAsked(text: string): Array<{ orderId: string; amount: number; reason: string }> {
  return [...text.matchAll(/order ([\w-]+) \(\$(\d+(?:\.\d+)?),? ?([^)]*)\)/g)].map(
    ([, orderId = '', amount, reason]) => ({
      orderId,
      amount: Number(amount),
      reason: reason?.trim() || 'customer request',
    }),
  );
}

/** Every issue_refund result the model has been sent: issued, or the reviewer's rejection. */
function refundOutcomes(request: ModelRequest): string[] {
  if (typeof request.input === 'string') return [];
  return request.input.flatMap((item) => {
    if (item.type !== 'function_call_result' || item.name !== 'issue_refund') return [];
    const { output } = item;
    return [typeof output === 'string' ? output : 'text' in output ? String(output.text) : JSON.stringify(output)];
  });
}

// One issue_refund call per order named, all at once; once their results are in, a summary. Read
// from the request, not the turn: a run resumed after continue-as-new counts its turns afresh.
const refundAgentAnswers: ModelResponder = (request) => {
  const outcomes = refundOutcomes(request);
  if (outcomes.length === 0) {
    const asked = refundsAsked(firstUserText(request));
    if (asked.length === 0) return textResponse(`Which order should I refund? ${OFFLINE}`);
    return modelResponse(...asked.map((refund) => items.toolCall('issue_refund', refund)));
  }
  const issued = outcomes.filter((outcome) => outcome.includes(' issued'));
  const declined = outcomes.length - issued.length;
  return textResponse(
    `${issued.length} refund(s) issued${issued.length ? `: ${issued.join(' ')}` : '.'} ` +
      `${declined} declined by the reviewer. ${OFFLINE}`,
  );
};

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  approvals: { 'Refund agent': refundAgentAnswers },
  approvalsLongWait: { 'Refund agent': refundAgentAnswers },

  agentsAsTools: {
    // One translator tool per language asked for, one a turn, then a word that they are done.
    Orchestrator: (request, { agentTurn }) => {
      const { phrase, languages } = translationRequest(request);
      const language = languages[agentTurn];
      return language
        ? toolCallResponse(`translate_to_${language.toLowerCase()}`, { input: phrase })
        : textResponse(`Here are the translations you asked for. ${OFFLINE}`);
    },
    'Spanish agent': translatorInto('Spanish'),
    'French agent': translatorInto('French'),
    'Italian agent': translatorInto('Italian'),
    // Lists the translations the tools returned, in the order asked for.
    Synthesizer: (request) => {
      const translations = translationRequest(request).languages.flatMap((language) => {
        const output = toolOutput(request, `translate_to_${language.toLowerCase()}`);
        return output === undefined ? [] : [`${language.toLowerCase()}: ${output}`];
      });
      return textResponse(`${translations.join('\n')}\n${OFFLINE}`);
    },
  },

  deterministic: {
    'Story outliner': (request) => outline(request),
    // The gate: science fiction if the outline names a science-fiction theme, good if it has some substance.
    'Outline checker': (request) => {
      const text = lastUserText(request);
      const isScifi = /time travel|time machine|space|robot|future|planet|alien|science fiction/i.test(text);
      return structuredResponse({ goodQuality: text.length > 20, isScifi });
    },
    'Story writer': (request) =>
      textResponse(`A short story after the outline "${lastUserText(request).replace(OFFLINE, '').trim()}" ${OFFLINE}`),
  },

  forcingToolUse: {
    // get_weather for the city asked about, then (in the default mode only) a sentence from its result.
    'Weather agent': (request, { agentTurn }) => {
      if (agentTurn === 0) {
        const city = /weather in ([\p{L} ]+)/u.exec(lastUserText(request))?.[1]?.trim() ?? 'Tokyo';
        return toolCallResponse('get_weather', { city });
      }
      const weather = JSON.parse(toolOutput(request, 'get_weather') ?? '{}') as Record<string, string>;
      const { city, temperatureRange, conditions = '' } = weather;
      return textResponse(`In ${city} it is ${temperatureRange} and ${conditions.toLowerCase()}. ${OFFLINE}`);
    },
  },

  inputGuardrails: {
    'Homework checker': (request) => {
      const isMathHomework = /solve|equation|homework|\d\s*[x+\-*/=]/i.test(lastUserText(request));
      return structuredResponse({
        reasoning: isMathHomework ? 'The user asks me to solve an equation.' : 'This is not a math problem.',
        isMathHomework,
      });
    },
    'Customer support agent': (request) =>
      textResponse(
        /capital of California/i.test(lastUserText(request))
          ? `The capital of California is Sacramento. ${OFFLINE}`
          : `Happy to help with that. ${OFFLINE}`,
      ),
  },

  outputGuardrails: {
    // Given a phone number, the answer names its area code: what the guardrail is there to catch.
    Assistant: (request) => {
      const question = lastUserText(request);
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
    },
  },

  llmAsAJudge: {
    'Outline generator': (request, { agentTurn }) => outline(request, `Draft ${agentTurn + 1}: `),
    // Two rounds of feedback, then a pass: enough to show the loop without reaching the usual cap of 5.
    'Outline judge': [
      structuredResponse({ feedback: 'Give the crew a rival.', score: 'needs_improvement' }),
      structuredResponse({ feedback: 'Add a twist at the end.', score: 'needs_improvement' }),
      structuredResponse({ feedback: 'Good enough: clear stakes and a twist.', score: 'pass' }),
    ],
  },

  parallelization: {
    'Spanish translator': translatorInto('Spanish'),
    // Picks the first of the options it is given.
    'Translation picker': (request) => {
      const options = lastUserText(request).split('Translations:')[1]?.trim().split('\n\n') ?? [];
      return textResponse(`${options[0] ?? ''} ${OFFLINE}`);
    },
  },

  routing: {
    'Triage agent': (request) => handoffResponse(speakerFor(lastUserText(request))),
    'French agent': textResponse(`Je vais très bien, merci ! Et vous ? ${OFFLINE}`),
    'Spanish agent': textResponse(`¡Muy bien, gracias! ¿Y usted? ${OFFLINE}`),
    'English agent': textResponse(`I'm doing well, thank you! And you? ${OFFLINE}`),
  },
  longChat: longChatOfflineAnswers,
};
