// The message-filter conversation on a real dev server with a scripted model: what the Spanish agent
// is handed after the filter, and what the workflow returns.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { AgentInputItem } from '@openai/agents-core';
import {
  handoffResponse,
  modelCallAgents,
  ScriptedModelProvider,
  textResponse,
  toolCallResponse,
  useAgentsTestEnvironment,
} from 'openai-agents-temporal/testing';
import { offlineModelProvider } from 'sample-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { offlineAnswers } from '../src/offline-answers';
import { messageFilter } from '../src/workflows';

const workflowsPath = fileURLToPath(new URL('../src/workflows/index.ts', import.meta.url));
const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });

/** Each item as `role: text` or its type, so a conversation reads as one list. */
function outline(conversation: AgentInputItem[]): string[] {
  return conversation.map((item) => {
    if (!('role' in item)) return item.type ?? 'unknown';
    const { content } = item;
    const text =
      typeof content === 'string'
        ? content
        : content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : part.type)).join('');
    return `${item.role}: ${text}`;
  });
}

describe('message filter', () => {
  it('hands the Spanish agent the conversation without tool items and without its first two messages', async () => {
    const model = new ScriptedModelProvider({
      Assistant: [
        textResponse('Hi Sora.'),
        toolCallResponse('random_number', { max: 100 }),
        textResponse('Here it is.'),
        textResponse('About 8.3 million people.'),
        handoffResponse('Spanish Assistant'),
      ],
      'Spanish Assistant': textResponse('No sé tu nombre; vives en Nueva York.'),
    });
    const { result, history } = await testEnv().runWorkflow(messageFilter, ['Sora'], {
      workflowsPath,
      modelProvider: model,
    });

    assert.deepEqual(modelCallAgents(history), [
      'Assistant',
      'Assistant',
      'Assistant',
      'Assistant',
      'Assistant',
      'Spanish Assistant',
    ]);
    // Before the handoff, the second agent saw the whole conversation, tool call and result included.
    const beforeHandoff = model.calls[4]?.request.input as AgentInputItem[];
    assert.ok(beforeHandoff.some((item) => item.type === 'function_call' && item.name === 'random_number'));
    const drawn = beforeHandoff.find((item) => item.type === 'function_call_result');
    assert.ok(drawn?.type === 'function_call_result');
    const { output } = drawn;
    const number = Number(typeof output === 'string' ? output : 'text' in output ? output.text : Number.NaN);
    assert.ok(Number.isInteger(number) && number >= 0 && number <= 100, `drew ${JSON.stringify(drawn.output)}`);

    const handedOver = [
      'user: Can you generate a random number between 0 and 100?',
      'assistant: Here it is.',
      "user: I live in New York City. What's the population of the city?",
      'assistant: About 8.3 million people.',
      'user: Por favor habla en español. ¿Cuál es mi nombre y dónde vivo?',
    ];
    const spanishCall = model.calls.find((call) => call.agentName === 'Spanish Assistant');
    assert.deepEqual(outline(spanishCall?.request.input as AgentInputItem[]), handedOver);

    assert.equal(result.finalOutput, 'No sé tu nombre; vives en Nueva York.');
    assert.deepEqual(outline(result.finalMessages), [
      ...handedOver,
      'assistant: No sé tu nombre; vives en Nueva York.',
    ]);
  });
});

describe('offline answers (the worker without OPENAI_API_KEY)', () => {
  it('reports the drawn number, and the Spanish agent no longer knows the name the filter dropped', async () => {
    const { result } = await testEnv().runWorkflow(messageFilter, ['Sora'], {
      workflowsPath,
      modelProvider: offlineModelProvider(offlineAnswers),
    });
    const messages = outline(result.finalMessages);
    assert.match(messages[1] ?? '', /^assistant: Your number is \d+\./);
    assert.ok(!messages.some((message) => message.includes('Sora')));
    assert.match(result.finalOutput, /^No sé cómo te llamas.* y vives en Nueva York\./);
  });
});
