/**
 * Pre-builds a workflow bundle with OpenAIAgentsPlugin, for production workers
 * (`Worker.create({ workflowBundle: { codePath }, plugins: [sameplugin] })`), and to check at build
 * time that the workflows bundle at all.
 *   tsx bundle-workflows.ts <workflows entry> <output file>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { OpenAIAgentsPlugin } from '../src/worker/index.js';

const [entry, output] = process.argv.slice(2);
if (!entry || !output) {
  console.error('usage: bundle-workflows <workflows entry> <output file>');
  process.exit(2);
}
const { code } = await bundleWorkflowCode({ workflowsPath: resolve(entry), plugins: [new OpenAIAgentsPlugin()] });
mkdirSync(dirname(resolve(output)), { recursive: true });
writeFileSync(resolve(output), code);
console.log(`${output}: ${(code.length / 1024 / 1024).toFixed(1)} MB`);
