// Creates the file-search sample's vector store in your OpenAI project and prints its id.
import OpenAI from 'openai';
import { createKnowledgeBase, KNOWLEDGE_BASE_DIR } from './knowledge-base';

if (!process.env.OPENAI_API_KEY) {
  console.error(
    'OPENAI_API_KEY is not set: a vector store lives in your OpenAI project, so this step needs the key.\n' +
      'The offline worker needs no vector store: run `pnpm --filter tools run file-search offline` instead.',
  );
  process.exit(1);
}
const { vectorStoreId, files } = await createKnowledgeBase(new OpenAI());
console.log(`Uploaded ${files.length} documents from ${KNOWLEDGE_BASE_DIR}: ${files.join(', ')}`);
console.log(`Vector store id: ${vectorStoreId}`);
console.log(`\nSearch it with:\n  VECTOR_STORE_ID=${vectorStoreId} pnpm --filter tools run file-search`);
