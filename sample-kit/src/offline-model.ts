/**
 * The offline model a sample's worker uses when no OPENAI_API_KEY is set. A sample folder declares
 * its answers per workflow, then per agent and turn, so editing an agent's instructions never changes
 * which answer it gets. The workflow is part of the key because samples reuse agent names
 * ("Assistant") across workflows.
 */
import type { AgentInputItem, ModelProvider, ModelRequest } from '@openai/agents-core';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type AgentScript, SCRIPT_EXHAUSTED, ScriptedModelProvider } from 'openai-agents-temporal/testing';
import { describeModel } from './worker.js';

/** For each workflow type the worker runs, the answers of that workflow's agents (see AgentScript). */
export type OfflineAnswers = Record<string, AgentScript>;

/**
 * A scripted model that answers each call from the script of the workflow that made it (the model
 * activity's workflow type), then by agent name and turn. Tests run the samples with it as the
 * worker does; `calls` records every call.
 */
export function offlineModelProvider(answers: OfflineAnswers): ScriptedModelProvider {
  const byWorkflow = new Map(
    Object.entries(answers).map(([workflowType, script]) => [workflowType, new ScriptedModelProvider(script)]),
  );
  return new ScriptedModelProvider((request, call) => {
    const workflowType = Context.current().info.workflowType ?? '';
    const scripted = byWorkflow.get(workflowType);
    if (!scripted) {
      throw ApplicationFailure.nonRetryable(
        `The offline model has no answers for workflow ${workflowType} (it has: ${[...byWorkflow.keys()].join(', ')}). ` +
          'Add them to the sample folder’s offline answers, or set OPENAI_API_KEY to use OpenAI.',
        SCRIPT_EXHAUSTED,
      );
    }
    return scripted.getModel(call.modelName).getResponse(request);
  });
}

/**
 * With OPENAI_API_KEY set: undefined, so the plugin uses OpenAI. Without it: the sample folder's
 * offline answers (named on the worker's start line), so every sample still runs end to end.
 */
export function sampleModelProvider(answers: OfflineAnswers): ModelProvider | undefined {
  if (process.env.OPENAI_API_KEY) return undefined;
  return describeModel(
    offlineModelProvider(answers),
    'offline answers (OPENAI_API_KEY is not set; put it in .env to call OpenAI)',
  );
}

/** What the latest call of this function tool returned, as the model sees it in its request; undefined before any call. */
export function toolOutput(request: ModelRequest, toolName: string): string | undefined {
  const result = conversation(request).findLast(
    (item) => item.type === 'function_call_result' && item.name === toolName,
  );
  if (result?.type !== 'function_call_result') return undefined;
  const { output } = result;
  if (typeof output === 'string') return output;
  // MCP tools answer with a list of content parts: their text is the output.
  if (Array.isArray(output)) {
    const parts = output as Array<{ type?: string; text?: unknown }>;
    if (parts.every((part) => typeof part.text === 'string')) return parts.map((part) => part.text).join('');
    return JSON.stringify(output);
  }
  return 'text' in output && typeof output.text === 'string' ? output.text : JSON.stringify(output);
}

/** The text of each user message in the request, oldest first. */
export function userTexts(request: ModelRequest): string[] {
  return conversation(request).flatMap((item) => {
    if (!('role' in item) || item.role !== 'user') return [];
    if (typeof item.content === 'string') return [item.content];
    return [item.content.map((part) => (part.type === 'input_text' ? part.text : '')).join('')];
  });
}

function conversation(request: ModelRequest): AgentInputItem[] {
  return typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
}
