// Workflows that show agents-core's schemas are built once per bundle (AGENTS_CORE_SHARED_SCHEMAS) and
// still do their work in every workflow.
import { Agent, type AgentInputItem, protocol, RunState, run } from '@openai/agents-core';
import { workflowInfo } from '@temporalio/workflow';

const FIRST_SEEN_BY = Symbol.for('openai-agents-temporal.test.schemaFirstSeenBy');

/**
 * Which workflow first saw this bundle's `protocol.UserMessageItem`: the one that built it, when later
 * workflows get the same object; each workflow itself when every workflow builds its own.
 */
export async function userMessageSchemaFirstSeenBy(): Promise<{ firstSeenBy: string; parsed: string }> {
  const schema = protocol.UserMessageItem as object as Record<symbol, string | undefined>;
  schema[FIRST_SEEN_BY] ??= workflowInfo().workflowId;
  const parsed = protocol.UserMessageItem.parse({ type: 'message', role: 'user', content: 'hello' });
  return { firstSeenBy: schema[FIRST_SEEN_BY], parsed: JSON.stringify(parsed.content) };
}

/** One agent run, its state written out and read back (RunState's schemas): the answer and both histories. */
export async function runStateRoundTrip(
  question: string,
): Promise<{ answer: string; history: AgentInputItem[]; historyReadBack: AgentInputItem[] }> {
  const agent = new Agent({ name: 'Echo', instructions: 'Answer briefly.' });
  const result = await run(agent, question);
  const read = await RunState.fromString(agent, result.state.toString());
  return { answer: String(result.finalOutput), history: result.history, historyReadBack: read.history };
}
