import type { ReasoningResult } from './workflows/reasoning-content';

/** What the launcher prints when a run has no summary: the likely reasons, so the reader knows what to change. */
export const NO_SUMMARY =
  'The model returned no reasoning summary. Summaries come only from reasoning models (gpt-5, o3, o4-mini and ' +
  'their relatives), and only when asked for (this sample asks with reasoning.summary "auto"). OpenAI may also ' +
  'require your organization to be verified before it returns them.';

/** One run as the launcher prints it: the prompt, the reasoning summary (or why there is none), the answer. */
export function reasoningReport({ prompt, model, summary, answer }: ReasoningResult): string {
  return [
    `Prompt (${model}): ${prompt}`,
    '',
    'Reasoning summary:',
    summary.length > 0 ? summary.join('\n\n') : NO_SUMMARY,
    '',
    'Answer:',
    answer,
  ].join('\n');
}
