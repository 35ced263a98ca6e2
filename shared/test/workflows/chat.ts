// A chat that keeps its conversation in one workflow run: each message is one run() over the whole
// conversation so far, as the long-chat pattern does.
import { Agent, type AgentInputItem, run } from '@openai/agents-core';
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const messageSignal = defineSignal<[string]>('message');
export const endSignal = defineSignal('end');
export const turnsQuery = defineQuery<number>('turns');

const chatAgent = () => new Agent({ name: 'Chat', instructions: 'Reply briefly.' });

/** Runs `turns` turns with user messages of `messageBytes` characters; returns the replies. */
export async function scriptedChat(turns: number, messageBytes: number): Promise<string[]> {
  const agent = chatAgent();
  let conversation: AgentInputItem[] = [];
  const replies: string[] = [];
  for (let turn = 0; turn < turns; turn++) {
    const text = `turn ${turn}: ${'x'.repeat(Math.max(0, messageBytes - 12))}`;
    conversation.push({ type: 'message', role: 'user', content: text });
    const result = await run(agent, conversation);
    conversation = result.history;
    replies.push(result.finalOutput ?? '');
  }
  return replies;
}

/** A chat driven by signals, so a test can change workers between turns. */
export async function signalledChat(): Promise<string[]> {
  const agent = chatAgent();
  const inbox: string[] = [];
  let ended = false;
  let turns = 0;
  setHandler(messageSignal, (text) => {
    inbox.push(text);
  });
  setHandler(endSignal, () => {
    ended = true;
  });
  setHandler(turnsQuery, () => turns);
  let conversation: AgentInputItem[] = [];
  const replies: string[] = [];
  for (;;) {
    await condition(() => inbox.length > 0 || ended);
    const text = inbox.shift();
    if (text === undefined) return replies;
    conversation.push({ type: 'message', role: 'user', content: text });
    const result = await run(agent, conversation);
    conversation = result.history;
    replies.push(result.finalOutput ?? '');
    turns++;
  }
}
