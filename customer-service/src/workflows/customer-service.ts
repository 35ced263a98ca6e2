import { type Agent, type AgentInputItem, AgentsError, type RunItem, Runner, user } from '@openai/agents';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  patched,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import {
  ActivityModelProvider,
  type HistoryThresholds,
  NEW_CONVERSATION_ID,
  shouldContinueAsNew,
  type WorkflowStreamState,
  workflowStream,
} from 'openai-agents-temporal/workflow';
import { CHAT_TOPIC, type ChatEvent, TOKENS_TOPIC } from '../topics';
import { type AirlineContext, createAirlineAgents, TRIAGE_NAME } from './airline-agents';

/** Longer messages are refused by the update's validator, counted in characters as a person sees them. */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * Characters as a person counts them (grapheme clusters: an emoji or a letter with its accents is
 * one), not UTF-16 code units, in which one emoji is 2 and a family emoji 8.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count++;
  return count;
}

/** One line of the conversation as the customer sees it. */
export type ChatLine =
  | { kind: 'user'; text: string }
  | { kind: 'agent'; agent: string; text: string }
  | { kind: 'handoff'; from: string; to: string }
  | { kind: 'tool_call'; agent: string; tool: string; arguments: string }
  | { kind: 'tool_output'; agent: string; output: string };

/** The latest lines continue-as-new carries into the next run (the model's conversation stays with the plugin). */
export const CARRIED_HISTORY_LINES = 200;

/** Marks the runs that hand the plugin the conversation; runs started before it carry the items. */
const HELD_CONVERSATION_PATCH = 'customer-service-held-conversation';

/** Everything a conversation needs to go on: what continue-as-new carries into the next run. */
export interface ConversationState {
  /** The agent that answers the next message: the last one that spoke. */
  currentAgent: string;
  context: AirlineContext;
  /** What the customer has seen, oldest first (after continue-as-new, the latest lines only). */
  history: ChatLine[];
  /**
   * The conversation as the model sees it, held by the plugin: the last turn's `lastResponseId`. A
   * short string, however long the conversation.
   */
  previousResponseId?: string;
  /**
   * The conversation's items, carried by runs started before the plugin held it (the sample's first
   * versions); the next turn hands them to the plugin and drops them.
   */
  inputItems?: AgentInputItem[];
}

export interface CustomerServiceInput {
  /** Set by continue-as-new: the conversation so far. Omit to start a new conversation. */
  state?: ConversationState;
  /**
   * Continue as new after this many turns in one run, without waiting for Temporal's suggestion.
   * For tests and demos of continue-as-new; carried into every run of the conversation.
   */
  continueAsNewAfterTurns?: number;
  /** Set by continue-as-new: the conversation's stream, so its offsets go on where they were. */
  streamState?: WorkflowStreamState;
  /**
   * When to continue as new besides Temporal's suggestion; carried into every run. Default: the
   * plugin's (its replay budget, and 80% of Temporal's history limits).
   */
  thresholds?: HistoryThresholds;
}

export interface ConversationSummary {
  currentAgent: string;
  context: AirlineContext;
}

export interface SendOptions {
  /**
   * Refuse the message while an earlier one is still being answered, instead of answering it next.
   * The web chat asks for this: its page shows one answer at a time.
   */
  refuseWhileAnswering?: boolean;
}

/** What a page needs to show the conversation: the finished lines, and where its stream goes on from. */
export interface ChatView {
  history: ChatLine[];
  /** The stream offset of the turn in progress (or of the next turn): read the stream from here. */
  streamOffset: number;
}

/** Sends the customer's message; returns the lines this turn added, starting with the message. */
export const sendMessageUpdate = defineUpdate<ChatLine[], [string, SendOptions?]>('sendMessage');
/** The conversation so far as the customer saw it (since continue-as-new, its latest lines). */
export const historyQuery = defineQuery<ChatLine[]>('history');
/** The history and the stream offset that follows it, read at one instant. */
export const chatViewQuery = defineQuery<ChatView>('chatView');
/** Who answers next and what the agents know about the booking. */
export const summaryQuery = defineQuery<ConversationSummary>('summary');
/** Ends the conversation once any turn in progress finishes; the workflow returns the history. */
export const endConversationSignal = defineSignal('endConversation');

/**
 * An airline customer service conversation that lives as long as the customer keeps talking. Each
 * message arrives as an Update and runs one agent turn; the reply is the update's result. The
 * plugin holds the conversation as the model sees it (`NEW_CONVERSATION_ID`, then each turn's
 * `lastResponseId`), so a turn hands the runner only the new message; the workflow keeps the booking
 * context and the customer's lines, and continues as new when the plugin's `shouldContinueAsNew()`
 * says so (a fresh worker could no longer replay the run quickly, or the history nears Temporal's
 * limits), carrying the conversation's id, the context, who answers next and the latest lines. Each turn streams: the model's
 * text as it is written (topic `tokens`) and each line as the turn makes it (topic `chat`), for the web chat.
 */
export async function customerService(input: CustomerServiceInput = {}): Promise<ChatLine[]> {
  const state: ConversationState = input.state ?? {
    currentAgent: TRIAGE_NAME,
    context: {},
    history: [],
  };
  const { triageAgent, agentsByName } = createAirlineAgents();
  // Made first, so a page can subscribe before the first message.
  const stream = workflowStream({ priorState: input.streamState });
  const chat = stream.topic<ChatEvent>(CHAT_TOPIC);
  const runner = new Runner({ modelProvider: new ActivityModelProvider({ streaming: { topic: TOKENS_TOPIC } }) });
  let turnsThisRun = 0;
  let ended = false;
  /** Messages accepted and not yet answered. */
  let turnsPending = 0;
  /** Where the turn in progress starts in the stream. */
  let turnStartOffset: number | undefined;
  // Turns run one at a time, in the order their messages were accepted.
  let previousTurn: Promise<unknown> = Promise.resolve();

  /** Runs the turn, publishing each line as it comes; the model's text streams meanwhile from the model activity. */
  async function streamTurn(
    agent: Agent<AirlineContext>,
    input: AgentInputItem[],
    context: AirlineContext,
    previousResponseId: string | undefined,
  ) {
    const result = await runner.run(agent, input, { context, stream: true, previousResponseId });
    for await (const event of result) {
      if (event.type === 'run_item_stream_event') for (const line of chatLines(event.item)) chat.publish(line);
    }
    await result.completed;
    return result;
  }

  async function takeTurn(message: string): Promise<ChatLine[]> {
    const agent = agentsByName.get(state.currentAgent) ?? triageAgent;
    // The turn works on copies: if it fails, the conversation is as it was, and the customer can resend.
    const context: AirlineContext = { ...state.context };
    turnStartOffset = stream.offset;
    chat.publish({ kind: 'user', text: message });
    // The plugin holds the conversation: the turn hands the runner only the new message (and, once,
    // the items a run of an earlier version carried). Replays of those runs take the old path.
    const held = state.previousResponseId !== undefined || patched(HELD_CONVERSATION_PATCH);
    const previousResponseId = held ? (state.previousResponseId ?? NEW_CONVERSATION_ID) : undefined;
    const turnInput = [...(state.previousResponseId === undefined ? (state.inputItems ?? []) : []), user(message)];
    const result = await streamTurn(agent, turnInput, context, previousResponseId).catch((error: unknown) => {
      const failure = asUpdateFailure(error);
      chat.publish({ kind: 'turn_failed', text: message, message: failureMessage(failure) });
      turnStartOffset = undefined;
      throw failure;
    });
    const lines: ChatLine[] = [{ kind: 'user', text: message }, ...result.newItems.flatMap(chatLines)];
    state.history.push(...lines);
    if (held) {
      state.previousResponseId = result.lastResponseId ?? previousResponseId;
      delete state.inputItems;
    } else {
      state.inputItems = result.history;
    }
    state.currentAgent = result.lastAgent?.name ?? agent.name;
    state.context = context;
    turnsThisRun += 1;
    chat.publish({ kind: 'turn_done' });
    turnStartOffset = undefined;
    setCurrentDetails(`${state.history.length} lines; talking to ${state.currentAgent}`);
    return lines;
  }

  setHandler(
    sendMessageUpdate,
    (message) => {
      turnsPending += 1;
      const turn = previousTurn
        .then(() => takeTurn(message))
        .finally(() => {
          turnsPending -= 1;
        });
      previousTurn = turn.catch(() => undefined);
      return turn;
    },
    {
      // A rejected message never reaches the history or the agents: nothing changes.
      validator: (message: string, options?: SendOptions) => {
        if (ended) {
          throw ApplicationFailure.nonRetryable('This conversation has ended. Start a new one.', 'ConversationEnded');
        }
        if (typeof message !== 'string') {
          const what = message === null ? 'null' : Array.isArray(message) ? 'an array' : `a ${typeof message}`;
          throw ApplicationFailure.nonRetryable(
            `The message must be a string of text; got ${what}. Send the text itself.`,
            'InvalidMessage',
          );
        }
        if (message.trim() === '') {
          throw ApplicationFailure.nonRetryable('The message is empty. Type something to send.', 'InvalidMessage');
        }
        const length = characterCount(message);
        if (length > MAX_MESSAGE_LENGTH) {
          throw ApplicationFailure.nonRetryable(
            `The message is ${length} characters long; the limit is ${MAX_MESSAGE_LENGTH}. Shorten it and send it again.`,
            'InvalidMessage',
          );
        }
        if (options?.refuseWhileAnswering && turnsPending > 0) {
          throw ApplicationFailure.nonRetryable(
            'The agents are still answering your previous message. Send this one when the answer is complete.',
            'StillAnswering',
          );
        }
      },
    },
  );
  setHandler(historyQuery, () => state.history);
  setHandler(chatViewQuery, () => ({ history: state.history, streamOffset: turnStartOffset ?? stream.offset }));
  setHandler(summaryQuery, () => ({ currentAgent: state.currentAgent, context: state.context }));
  setHandler(endConversationSignal, () => {
    ended = true;
  });

  const { continueAsNewAfterTurns, thresholds } = input;
  const continueAsNewDue = () =>
    shouldContinueAsNew(thresholds) ||
    (continueAsNewAfterTurns !== undefined && turnsThisRun >= continueAsNewAfterTurns);
  // Wait for the end or for continue-as-new, and in either case for the turn in progress to finish.
  await condition(() => (ended || continueAsNewDue()) && allHandlersFinished());
  if (ended) return state.history;
  const streamState = await stream.prepareContinueAsNew();
  const carried: ConversationState = { ...state, history: state.history.slice(-CARRIED_HISTORY_LINES) };
  return continueAsNew<typeof customerService>({ state: carried, continueAsNewAfterTurns, thresholds, streamState });
}

/**
 * An Agents error thrown from an update handler would fail the workflow task, and Temporal would
 * retry that task forever. As an ApplicationFailure it fails this update only: the customer sees
 * the error, and the conversation goes on.
 */
function asUpdateFailure(error: unknown): unknown {
  if (!(error instanceof AgentsError)) return error;
  return ApplicationFailure.nonRetryable(`The agents could not answer: ${error.message}`, error.constructor.name);
}

function failureMessage(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

/** What the customer sees of one item of a turn. */
function chatLines(item: RunItem): ChatLine[] {
  switch (item.type) {
    case 'message_output_item':
      return [{ kind: 'agent', agent: item.agent.name, text: item.content }];
    case 'handoff_output_item':
      return [{ kind: 'handoff', from: item.sourceAgent.name, to: item.targetAgent.name }];
    case 'tool_call_item': {
      const call = item.rawItem;
      if (call.type !== 'function_call') return [];
      return [{ kind: 'tool_call', agent: item.agent.name, tool: call.name, arguments: call.arguments }];
    }
    case 'tool_call_output_item':
      return [{ kind: 'tool_output', agent: item.agent.name, output: String(item.output) }];
    default:
      return [];
  }
}

/** One line as text, for a terminal. */
export function formatChatLine(line: ChatLine): string {
  switch (line.kind) {
    case 'user':
      return `You: ${line.text}`;
    case 'agent':
      return `${line.agent}: ${line.text}`;
    case 'handoff':
      return `  (handed off from ${line.from} to ${line.to})`;
    case 'tool_call':
      return `  (${line.agent} calls ${line.tool} ${line.arguments})`;
    case 'tool_output':
      return `  (tool result: ${line.output})`;
  }
}
