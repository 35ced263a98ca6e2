import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/activity';

/** The sample folder (basic/). Paths are relative to it, so the launcher and worker need not share a working directory. */
const SAMPLE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Reads an image from the sample folder as base64. */
export async function readImageAsBase64(path: string): Promise<string> {
  const file = resolve(SAMPLE_DIR, path);
  const inside = relative(SAMPLE_DIR, file);
  // Any client can start the workflow, so only files inside the sample folder may be read.
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw ApplicationFailure.nonRetryable(`${path} is outside the sample folder.`, 'InvalidImagePath');
  }
  try {
    return (await readFile(file)).toString('base64');
  } catch (error) {
    // A missing file will not appear by retrying.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw ApplicationFailure.nonRetryable(`No image file at ${path} in the sample folder.`, 'ImageNotFound');
    }
    throw error;
  }
}
