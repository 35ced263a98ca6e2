/**
 * Creates the vector store the file-search sample searches: the documents shipped in
 * `tools/knowledge-base/`, uploaded with OpenAI's Vector Stores API.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type OpenAI from 'openai';
import { toFile } from 'openai';

export const KNOWLEDGE_BASE_DIR = fileURLToPath(new URL('../knowledge-base', import.meta.url));

export interface KnowledgeBase {
  vectorStoreId: string;
  files: string[];
}

/** Uploads every Markdown file of `dir` into a new vector store and waits until all are indexed. */
export async function createKnowledgeBase(
  client: OpenAI,
  dir = KNOWLEDGE_BASE_DIR,
  name = 'Arrakis knowledge base',
): Promise<KnowledgeBase> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.md')).sort();
  if (files.length === 0) throw new Error(`No .md documents in ${dir}.`);
  const uploads = await Promise.all(files.map(async (file) => toFile(await readFile(join(dir, file)), file)));

  const store = await client.vectorStores.create({ name });
  const batch = await client.vectorStores.fileBatches.uploadAndPoll(store.id, { files: uploads });
  if (batch.status !== 'completed' || batch.file_counts.failed > 0) {
    throw new Error(
      `Vector store ${store.id}: indexing ended with status ${batch.status}, ` +
        `${batch.file_counts.failed} of ${files.length} files failed.`,
    );
  }
  return { vectorStoreId: store.id, files };
}
