// The file-search setup step with the real `openai` client against a local OpenAI-compatible server:
// which Vector Stores API calls it makes, with which documents, and how it reports a failed indexing.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import OpenAI from 'openai';
import {
  type RecordedHttpRequest,
  type ScriptedHttpReply,
  startFakeOpenAIServer,
} from 'openai-agents-temporal/testing';
import { describe, it } from 'vitest';
import { createKnowledgeBase, KNOWLEDGE_BASE_DIR } from '../src/knowledge-base';

/** Plays OpenAI's Files and Vector Stores endpoints; the batch ends with `failed` files failed. */
function vectorStoreApi(failed = 0) {
  let uploads = 0;
  return (request: RecordedHttpRequest): ScriptedHttpReply => {
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/vector_stores') {
      return { json: { id: 'vs_local', object: 'vector_store', name: 'Arrakis knowledge base', status: 'completed' } };
    }
    if (method === 'POST' && path === '/v1/files') {
      uploads += 1;
      return { json: { id: `file-${uploads}`, object: 'file', purpose: 'assistants', status: 'processed' } };
    }
    const batch = (status: string) => ({
      id: 'vsfb_local',
      object: 'vector_store.files_batch',
      vector_store_id: 'vs_local',
      status,
      file_counts: { in_progress: 0, completed: uploads - failed, failed, cancelled: 0, total: uploads },
    });
    if (method === 'POST' && path === '/v1/vector_stores/vs_local/file_batches') return { json: batch('in_progress') };
    if (method === 'GET' && path === '/v1/vector_stores/vs_local/file_batches/vsfb_local') {
      return { json: batch('completed') };
    }
    return { status: 404, json: { error: { message: `unexpected ${method} ${path}` } } };
  };
}

const localClient = (baseURL: string) => new OpenAI({ apiKey: 'local-test-key', baseURL, maxRetries: 0 });

describe('setup-knowledge-base', () => {
  it('uploads every shipped document into a new vector store, waits for indexing, and returns the store id', async () => {
    const documents = (await readdir(KNOWLEDGE_BASE_DIR)).filter((file) => file.endsWith('.md')).sort();
    assert.ok(documents.length >= 5, 'the folder ships its documents');
    const server = await startFakeOpenAIServer(vectorStoreApi());
    try {
      const knowledgeBase = await createKnowledgeBase(localClient(server.baseURL));
      assert.deepEqual(knowledgeBase, { vectorStoreId: 'vs_local', files: documents });

      const calls = server.requests.map(({ method, path }) => `${method} ${path}`);
      assert.deepEqual(calls, [
        'POST /v1/vector_stores',
        ...documents.map(() => 'POST /v1/files'),
        'POST /v1/vector_stores/vs_local/file_batches',
        'GET /v1/vector_stores/vs_local/file_batches/vsfb_local',
      ]);
      assert.deepEqual(server.requests[0]?.body, { name: 'Arrakis knowledge base' });
      // Each upload is one multipart body holding one document, for use by file search.
      const uploaded = server.requests
        .filter(({ path }) => path === '/v1/files')
        .map(({ body }) => /filename="([^"]+)"/.exec(String(body))?.[1]);
      assert.deepEqual(uploaded.sort(), documents);
      assert.ok(
        server.requests.filter(({ path }) => path === '/v1/files').every(({ body }) => /assistants/.test(String(body))),
      );
      const batch = server.requests.find(({ path }) => path === '/v1/vector_stores/vs_local/file_batches');
      const batchBody = batch?.body as { file_ids: string[] } | undefined;
      assert.deepEqual(batchBody?.file_ids.sort(), documents.map((_, index) => `file-${index + 1}`).sort());
    } finally {
      await server.close();
    }
  });

  it('fails with the store id and the count when files fail to index', async () => {
    const server = await startFakeOpenAIServer(vectorStoreApi(2));
    try {
      await assert.rejects(
        createKnowledgeBase(localClient(server.baseURL)),
        /Vector store vs_local: indexing ended with status completed, 2 of \d+ files failed\./,
      );
    } finally {
      await server.close();
    }
  });
});
