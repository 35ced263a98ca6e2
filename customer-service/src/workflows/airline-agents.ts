/**
 * The airline's agents: a triage agent that routes each request, an FAQ agent with a lookup tool,
 * and a seat booking agent whose tool changes the booking in the conversation's context. Every
 * tool here runs inside the workflow: they compute, they do no I/O.
 */
import { Agent, handoff, type RunContext, tool } from '@openai/agents';
import { RECOMMENDED_PROMPT_PREFIX } from '@openai/agents-core/extensions';
import { z } from 'zod';

/** What the agents know about the customer's booking; the tools and the handoff fill it in. */
export interface AirlineContext {
  passengerName?: string;
  confirmationNumber?: string;
  seatNumber?: string;
  flightNumber?: string;
}

export const TRIAGE_NAME = 'Triage Agent';
export const FAQ_NAME = 'FAQ Agent';
export const SEAT_BOOKING_NAME = 'Seat Booking Agent';

export const FAQ_TOOL = 'faq_lookup_tool';
export const UPDATE_SEAT_TOOL = 'update_seat';

export const FAQ_ANSWERS = {
  bags: 'You may bring one bag on board. It must weigh under 50 pounds and measure under 22 x 14 x 9 inches.',
  seats:
    'The plane has 120 seats: 22 in business class and 98 in economy. Exit rows are 4 and 16. ' +
    'Rows 5 to 8 are Economy Plus, with extra legroom.',
  wifi: 'The plane has free wifi. Join the network named Airline-Wifi.',
} as const;
export const FAQ_UNKNOWN = "I'm sorry, I don't know the answer to that question.";

/** Keyword lookup, as in the original sample: the model asks in its own words. */
export function lookUpFaq(question: string): string {
  const text = question.toLowerCase();
  if (text.includes('bag') || text.includes('baggage')) return FAQ_ANSWERS.bags;
  if (text.includes('seat') || text.includes('plane')) return FAQ_ANSWERS.seats;
  if (text.includes('wifi')) return FAQ_ANSWERS.wifi;
  return FAQ_UNKNOWN;
}

const faqLookup = tool({
  name: FAQ_TOOL,
  description: 'Look up an answer to a frequently asked question.',
  parameters: z.object({ question: z.string() }),
  execute: async ({ question }) => lookUpFaq(question),
});

const updateSeat = tool({
  name: UPDATE_SEAT_TOOL,
  description: 'Change the seat on the booking with this confirmation number.',
  parameters: z.object({
    confirmationNumber: z.string().describe('The confirmation number of the booking.'),
    newSeat: z.string().describe('The seat to move to, such as 14C.'),
  }),
  execute: async ({ confirmationNumber, newSeat }, runContext?: RunContext<AirlineContext>) => {
    const booking = runContext?.context;
    // The handoff to the seat booking agent looks the flight up first.
    if (!booking?.flightNumber) return 'No flight is on file for this conversation, so no seat was changed.';
    booking.confirmationNumber = confirmationNumber;
    booking.seatNumber = newSeat;
    return `Seat changed to ${newSeat} on flight ${booking.flightNumber}, confirmation number ${confirmationNumber}.`;
  },
});

/**
 * Stands in for looking the flight up when the customer reaches seat booking. Math.random in a
 * workflow is Temporal's PRNG, seeded per run, so a replay draws the same flight number.
 */
function assignFlightNumber(runContext: RunContext<AirlineContext>): void {
  runContext.context.flightNumber = `FLT-${100 + Math.floor(Math.random() * 900)}`;
}

/** Fresh agents for each workflow run, looked up by name when a conversation resumes. */
export function createAirlineAgents() {
  const faqAgent = new Agent<AirlineContext>({
    name: FAQ_NAME,
    handoffDescription: 'Answers frequently asked questions about the airline.',
    instructions: `${RECOMMENDED_PROMPT_PREFIX}
You are an FAQ agent. The triage agent may have handed the customer to you.
1. Find the question the customer asked last.
2. Answer it with the ${FAQ_TOOL} tool only, never from your own knowledge.
3. If you cannot answer it, hand the customer back to the triage agent.`,
    tools: [faqLookup],
  });

  const seatBookingAgent = new Agent<AirlineContext>({
    name: SEAT_BOOKING_NAME,
    handoffDescription: 'Changes the seat on a customer’s flight.',
    instructions: `${RECOMMENDED_PROMPT_PREFIX}
You are a seat booking agent. The triage agent may have handed the customer to you.
1. Ask for the confirmation number, unless the customer already gave it.
2. Ask which seat they want, unless they already said.
3. Change the seat with the ${UPDATE_SEAT_TOOL} tool.
If the customer asks about anything else, hand them back to the triage agent.`,
    tools: [updateSeat],
  });

  const triageAgent = new Agent<AirlineContext>({
    name: TRIAGE_NAME,
    handoffDescription: 'Routes a customer’s request to the agent that can help.',
    instructions: `${RECOMMENDED_PROMPT_PREFIX}
You are a helpful triage agent for an airline. Hand the customer to the agent that can help with their request.`,
    handoffs: [faqAgent, handoff(seatBookingAgent, { onHandoff: assignFlightNumber })],
  });

  // Both specialists can send the customer back to triage.
  faqAgent.handoffs.push(triageAgent);
  seatBookingAgent.handoffs.push(triageAgent);

  const agentsByName = new Map<string, Agent<AirlineContext>>(
    [triageAgent, faqAgent, seatBookingAgent].map((agent) => [agent.name, agent]),
  );
  return { triageAgent, agentsByName };
}
