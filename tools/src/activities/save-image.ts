import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';

export interface SavedImage {
  path: string;
  bytes: number;
  format: 'png' | 'jpeg' | 'webp' | 'unknown';
}

/** IMAGE_OUTPUT_DIR on the worker, else a folder in the system's temporary directory. */
export function imageOutputDir(): string {
  return process.env.IMAGE_OUTPUT_DIR ?? join(tmpdir(), 'temporal-agents-images');
}

/** The format by the file's first bytes, which is what decides how to open it. */
function formatOf(bytes: Buffer): SavedImage['format'] {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return 'unknown';
}

/** Writes a base64 image to a file on the worker; returns where, and how big it is. */
export async function saveImage({ name, base64 }: { name: string; base64: string }): Promise<SavedImage> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) {
    throw ApplicationFailure.nonRetryable('The image to save is empty or not base64.', 'InvalidImage');
  }
  const format = formatOf(bytes);
  const dir = imageOutputDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]/g, '_')}.${format === 'unknown' ? 'bin' : format}`);
  await writeFile(path, bytes);
  return { path, bytes: bytes.length, format };
}
