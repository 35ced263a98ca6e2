/**
 * What the worker answers without OPENAI_API_KEY, so the chat works offline: each agent decides
 * from the customer's latest message, by keywords, and from what happened since that message (a
 * tool's result, a handoff). Every call still goes through the model activity. Try:
 *   "How much baggage can I bring?", "I want to change my seat", "ABC123, seat 14C please".
 * The answers stream a word at a time at a pace you can watch (and kill the worker in the middle of).
 */
import type { AgentInputItem, ModelRequest } from '@openai/agents-core';
import {
  type AgentScript,
  handoffResponse,
  textResponse,
  toolCallResponse,
  withStreamPacing,
} from 'openai-agents-temporal/testing';
import { userTexts } from 'sample-kit';
import type * as workflows from './workflows';
import { FAQ_NAME, FAQ_TOOL, SEAT_BOOKING_NAME, TRIAGE_NAME, UPDATE_SEAT_TOOL } from './workflows/airline-agents';

const OFFLINE = '(offline model)';
/** About ten words a second: slow enough to see the text grow, and to stop the worker halfway. */
const WORD_DELAY_MS = 100;

/** An answer, marked as offline, streamed at the offline pace. */
function say(text: string) {
  return withStreamPacing(textResponse(`${OFFLINE} ${text}`), { chunkDelayMs: WORD_DELAY_MS });
}

type Topic = 'seat_change' | 'faq' | 'other';

/** What the customer's message is about, by keywords: the offline model's whole understanding. */
function topicOf(message: string): Topic {
  const text = message.toLowerCase();
  if (/\b(change|move|switch|book)\b/.test(text) && /\bseat\b/.test(text)) return 'seat_change';
  if (bookingDetails(message).seat) return 'seat_change';
  if (/bag|luggage|wifi|wi-fi|plane|seats|aircraft/.test(text)) return 'faq';
  return 'other';
}

/** A confirmation number (5 to 8 letters and digits, with both) and a seat (row and letter). */
function bookingDetails(text: string): { confirmationNumber?: string; seat?: string } {
  const confirmationNumber = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,8}\b/.exec(text)?.[0];
  const seat = /\b\d{1,2}[A-F]\b/i.exec(text)?.[0]?.toUpperCase();
  return { ...(confirmationNumber && { confirmationNumber }), ...(seat && { seat }) };
}

function latestMessage(request: ModelRequest): string {
  return userTexts(request).at(-1) ?? '';
}

/** The items after the customer's latest message: what the agents did this turn. */
function thisTurn(request: ModelRequest): AgentInputItem[] {
  if (typeof request.input === 'string') return [];
  const lastUser = request.input.findLastIndex((item) => 'role' in item && item.role === 'user');
  return request.input.slice(lastUser + 1);
}

/** What a tool returned this turn, if it ran. */
function toolResultThisTurn(request: ModelRequest, toolName: string): string | undefined {
  const result = thisTurn(request).findLast((item) => item.type === 'function_call_result' && item.name === toolName);
  if (result?.type !== 'function_call_result') return undefined;
  const { output } = result;
  if (typeof output === 'string') return output;
  return 'text' in output && typeof output.text === 'string' ? output.text : JSON.stringify(output);
}

function seatChangedBefore(request: ModelRequest): boolean {
  return (
    typeof request.input !== 'string' &&
    request.input.some((item) => item.type === 'function_call_result' && item.name === UPDATE_SEAT_TOOL)
  );
}

const airlineAgents: AgentScript = {
  [TRIAGE_NAME]: (request) => {
    const topic = topicOf(latestMessage(request));
    if (topic === 'seat_change') return handoffResponse(SEAT_BOOKING_NAME);
    if (topic === 'faq') return handoffResponse(FAQ_NAME);
    if (/thank/i.test(latestMessage(request))) return say("You're welcome! Anything else?");
    return say('Hello! I can answer questions about bags, seats and wifi, or change your seat. What do you need?');
  },
  [FAQ_NAME]: (request) => {
    const answer = toolResultThisTurn(request, FAQ_TOOL);
    if (answer !== undefined) return say(answer);
    const message = latestMessage(request);
    if (topicOf(message) !== 'faq') return handoffResponse(TRIAGE_NAME);
    return toolCallResponse(FAQ_TOOL, { question: message });
  },
  [SEAT_BOOKING_NAME]: (request) => {
    const changed = toolResultThisTurn(request, UPDATE_SEAT_TOOL);
    if (changed !== undefined) return say(`${changed} Anything else I can do?`);
    const message = latestMessage(request);
    if (topicOf(message) === 'faq') return handoffResponse(TRIAGE_NAME);
    if (seatChangedBefore(request) && !bookingDetails(message).seat) {
      return say('Your seat change is done. Anything else I can do?');
    }
    // Details from any of the customer's messages count, as a person would remember them.
    const details = bookingDetails(userTexts(request).join('\n'));
    if (details.confirmationNumber && details.seat) {
      return toolCallResponse(UPDATE_SEAT_TOOL, {
        confirmationNumber: details.confirmationNumber,
        newSeat: details.seat,
      });
    }
    if (!details.confirmationNumber) return say('What is your confirmation number?');
    return say('Which seat would you like?');
  },
};

export const offlineAnswers: Record<keyof typeof workflows, AgentScript> = {
  customerService: airlineAgents,
};
