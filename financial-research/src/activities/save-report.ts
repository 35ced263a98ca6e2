import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface SaveReportInput {
  /** The file's name without a folder, e.g. the workflow id; anything but letters, digits, `.`, `_` and `-` becomes `_`. */
  name: string;
  markdown: string;
}

/**
 * The report is written by an activity, not by workflow code: files are I/O, and an activity is
 * retried on failure and never runs again on replay. Writing the same file twice is harmless, so a
 * retry after a crash is safe.
 */
export function createReportActivities(reportsDir: string) {
  return {
    async saveReport({ name, markdown }: SaveReportInput): Promise<string> {
      const folder = resolve(reportsDir);
      await mkdir(folder, { recursive: true });
      const path = join(folder, `${name.replace(/[^\w.-]/g, '_')}.md`);
      await writeFile(path, markdown, 'utf8');
      return path;
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
