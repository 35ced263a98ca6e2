/**
 * Small helpers the sample folders share: where Temporal is, how to reach the Temporal UI,
 * and the offline model a sample's worker uses when no OPENAI_API_KEY is set.
 */
import { Client, Connection } from '@temporalio/client';

/** TEMPORAL_ADDRESS, or the dev server's default. */
export function temporalAddress(): string {
  return process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
}

export function temporalNamespace(): string {
  return process.env.TEMPORAL_NAMESPACE ?? 'default';
}

export async function connectClient(): Promise<Client> {
  const connection = await Connection.connect({ address: temporalAddress() });
  return new Client({ connection, namespace: temporalNamespace() });
}

/** The Temporal UI page of one run (TEMPORAL_UI_URL, default the dev server's http://localhost:8233). */
export function workflowUiUrl(run: { workflowId: string; firstExecutionRunId?: string; runId?: string }): string {
  const base = (process.env.TEMPORAL_UI_URL ?? 'http://localhost:8233').replace(/\/$/, '');
  const runId = run.firstExecutionRunId ?? run.runId ?? '';
  const path = [temporalNamespace(), 'workflows', run.workflowId, runId, 'history'].map(encodeURIComponent);
  return `${base}/namespaces/${path[0]}/${path[1]}/${path[2]}/${path[3]}/${path[4]}`;
}

// The response builders an offline script is made of.
export {
  type AgentScript,
  handoffResponse,
  hostedToolResponses,
  items,
  type ModelResponder,
  modelResponse,
  reasoningResponse,
  type ScriptedCall,
  structuredResponse,
  textResponse,
  toolCallResponse,
} from '../worker/scripted-model.js';
export {
  type OfflineAnswers,
  offlineModelProvider,
  sampleModelProvider,
  toolOutput,
  userTexts,
} from './offline-model.js';
