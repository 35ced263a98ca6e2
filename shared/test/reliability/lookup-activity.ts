import { appendFileSync } from 'node:fs';

const HANG_FOREVER = new Promise<never>(() => {});

/** The tool activity of the crash-recovery workflow. `BLOCK_TOOL=<key>` makes it hang on that key. */
export async function lookup({ key }: { key: string }): Promise<string> {
  if (process.env.CALL_LOG) {
    appendFileSync(process.env.CALL_LOG, `${JSON.stringify({ pid: process.pid, kind: 'tool', key })}\n`);
  }
  if (process.env.BLOCK_TOOL === key) await HANG_FOREVER;
  return key.toUpperCase();
}
