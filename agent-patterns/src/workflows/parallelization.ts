import { Agent, extractAllTextOutput, run } from '@openai/agents';

/**
 * Three runs of the same translator start together; their model calls are three activities in
 * flight at once. A picker agent then chooses the best translation.
 */
export async function parallelization(text: string): Promise<string> {
  const translator = new Agent({
    name: 'Spanish translator',
    instructions: "Translate the user's message into Spanish. Reply with the translation only.",
  });
  const picker = new Agent({
    name: 'Translation picker',
    instructions: 'Choose the best Spanish translation among the options you are given. Reply with it alone.',
  });

  const runs = await Promise.all([run(translator, text), run(translator, text), run(translator, text)]);
  const translations = runs.map((result) => extractAllTextOutput(result.newItems)).join('\n\n');

  const best = await run(picker, `Input: ${text}\n\nTranslations:\n${translations}`);
  return `Best translation: ${best.finalOutput ?? ''}`;
}
