// Imports every export of the workflow entry, so a bundle of this file holds all of it.
import * as entry from '../../src/workflow/index.js';

export async function listWorkflowEntryExports(): Promise<string[]> {
  return Object.keys(entry).sort();
}
