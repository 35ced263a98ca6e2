/**
 * The chat page. It shows the conversation's history, then follows the workflow's stream, relayed by
 * the web server as Server-Sent Events: each line as the turn makes it (`chat`), and the model's text
 * as it is written (`tokens`). A message goes to the server, which sends it by the workflow's Update.
 */
import type { ModelStreamItem } from 'openai-agents-temporal';
import type { ChatEvent } from '../../topics';
import type { ChatLine } from '../../workflows/customer-service';
import type { OpenReply, PageEvents, SendReply } from '../protocol';

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The page has no ${selector}.`);
  return found;
}

const log = element<HTMLElement>('#log');
const form = element<HTMLFormElement>('#composer');
const box = element<HTMLTextAreaElement>('#message');
const sendButton = element<HTMLButtonElement>('#composer button');
const status = element<HTMLElement>('#status');

/** A random id; `crypto.randomUUID` needs https or localhost, this works on any address. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The conversation named in the address (?conversation=), so a reload resumes it; else a new one. */
function conversationFromAddress(): string {
  const url = new URL(location.href);
  const named = url.searchParams.get('conversation');
  if (named) return named;
  const id = `web-${randomId()}`;
  url.searchParams.set('conversation', id);
  history.replaceState(null, '', url);
  return id;
}

const conversationId = conversationFromAddress();
const api = `/api/conversations/${encodeURIComponent(conversationId)}`;
element('#conversation-id').textContent = conversationId;

// --- Showing the conversation ---

function div(className: string, text = ''): HTMLDivElement {
  const block = document.createElement('div');
  block.className = className;
  block.textContent = text;
  return block;
}

/** Appends a block to the conversation and keeps the end in view. */
function add(block: HTMLElement): HTMLElement {
  log.append(block);
  log.scrollTop = log.scrollHeight;
  return block;
}

function agentMessage(agent: string, state = ''): { element: HTMLElement; text: HTMLElement } {
  const text = div('text');
  const element = add(div(`message agent ${state}`));
  element.append(div('who', agent), text);
  return { element, text };
}

/** The answer the model is writing, one per attempt of a model call. */
let draft: { call: number; attempt: number; element: HTMLElement; text: HTMLElement } | undefined;
/** The result boxes of tool cards still waiting for their result, oldest first. */
const toolResults: HTMLElement[] = [];

function setAnswering(answering: boolean): void {
  document.body.dataset.answering = String(answering);
  status.textContent = answering ? 'answering…' : 'ready';
}

/** Ends the draft: what a lost attempt wrote stays in sight, struck through; an empty one goes. */
function abandonDraft(): void {
  if (draft?.text.textContent) draft.element.classList.replace('draft', 'abandoned');
  else draft?.element.remove();
  draft = undefined;
}

function showLine(line: ChatLine): void {
  switch (line.kind) {
    case 'user':
      add(div('message user', line.text));
      return;
    case 'agent':
      // The final text replaces what streamed in: the same words, now complete.
      if (draft?.text.textContent) {
        draft.text.textContent = line.text;
        draft.element.classList.remove('draft');
        draft = undefined;
      } else {
        abandonDraft();
        agentMessage(line.agent).text.textContent = line.text;
      }
      return;
    case 'handoff':
      add(div('handoff', `${line.to} is now handling this`));
      return;
    case 'tool_call': {
      const card = add(div('tool-card'));
      const result = div('result');
      card.append(div('tool', `${line.agent} calls ${line.tool}`), prettyJson(line.arguments), result);
      toolResults.push(result);
      return;
    }
    case 'tool_output': {
      const result = toolResults.shift() ?? add(div('tool-card')).appendChild(div('result'));
      result.textContent = `→ ${line.output}`;
      return;
    }
  }
}

function prettyJson(json: string): HTMLPreElement {
  const pre = document.createElement('pre');
  try {
    pre.textContent = JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    pre.textContent = json;
  }
  return pre;
}

function showChatEvent(event: ChatEvent): void {
  if (event.kind === 'turn_done') {
    abandonDraft();
    setAnswering(false);
  } else if (event.kind === 'turn_failed') {
    abandonDraft();
    add(div('notice', `Not answered: ${event.message} Your message is back in the box to send again.`));
    if (!box.value) box.value = event.text;
    setAnswering(false);
  } else {
    if (event.kind === 'user') setAnswering(true);
    showLine(event);
  }
}

function showModelItem(item: ModelStreamItem): void {
  if (item.kind === 'attempt') {
    abandonDraft();
    // The worker died or the call failed: the model starts its answer again.
    if (item.attempt > 1)
      add(div('seam', `The model call was retried (attempt ${item.attempt}): the answer starts again`));
    draft = { call: item.call, attempt: item.attempt, ...agentMessage(item.agentName ?? 'Agent', 'draft') };
  } else if (item.kind === 'event' && item.event.type === 'output_text_delta') {
    if (draft?.call !== item.call || draft.attempt !== item.attempt) return;
    draft.text.textContent += item.event.delta;
    log.scrollTop = log.scrollHeight;
  } else if (item.kind === 'attempt_failed') {
    abandonDraft();
  } else if (item.kind === 'completed' && draft?.call === item.call && !draft.text.textContent) {
    // A call that handed off or called a tool wrote no text.
    abandonDraft();
  }
}

// --- Following the stream ---

function follow(fromOffset: number): void {
  // The browser reconnects by itself after a dropped connection, sending the last event id it saw.
  const events = new EventSource(`${api}/events?from=${fromOffset}`);
  const on = <E extends keyof PageEvents>(name: E, show: (data: PageEvents[E]) => void) =>
    events.addEventListener(name, (event) => show(JSON.parse(event.data)));
  on('chat', showChatEvent);
  on('tokens', showModelItem);
  on('end', () => {
    events.close();
    status.textContent = 'this conversation has ended';
  });
  on('problem', ({ message }) => {
    events.close();
    add(div('notice', `The conversation's stream stopped: ${message} Reload the page to try again.`));
  });
  events.onopen = () => setAnswering(document.body.dataset.answering === 'true');
  events.onerror = () => {
    status.textContent = 'reconnecting…';
  };
}

async function open(): Promise<void> {
  const reply = (await (await fetch(api, { method: 'POST' })).json()) as OpenReply;
  if ('error' in reply) {
    add(div('notice', reply.error));
    status.textContent = 'not connected: reload the page to try again';
    return;
  }
  for (const line of reply.history) showLine(line);
  follow(reply.streamOffset);
}

// --- Sending ---

/** Sends the message; it leaves the box only once the workflow took it, so a refused one can be fixed. */
async function send(text: string): Promise<void> {
  sendButton.disabled = true;
  try {
    const response = await fetch(`${api}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, id: randomId() }),
    });
    const reply = (await response.json()) as SendReply;
    if ('accepted' in reply) {
      if (box.value === text) box.value = '';
    } else {
      add(div('notice', `Not sent: ${'refused' in reply ? reply.refused : reply.error}`));
    }
  } catch (error) {
    add(div('notice', `Not sent: the server did not answer (${String(error)}). The message is still in the box.`));
  } finally {
    sendButton.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send(box.value);
});
box.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

open().catch((error: unknown) => {
  add(div('notice', `Could not open the conversation: ${String(error)}`));
});
