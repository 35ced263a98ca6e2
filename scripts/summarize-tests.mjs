// Adds up the JUnit reports of the test run (.test-results/*.xml) and prints one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const results = new URL('../.test-results', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const xml = existsSync(results)
  ? readdirSync(results)
      .filter((name) => name.endsWith('.xml'))
      .map((name) => readFileSync(join(results, name), 'utf8'))
      .join('\n')
  : '';
for (const testcase of xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) ?? []) {
  if (/<failure\b|<error\b/.test(testcase)) failed++;
  else if (/<skipped\b/.test(testcase)) skipped++;
  else passed++;
}
if (passed + failed === 0) {
  console.error('No test results found: no test ran.');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
