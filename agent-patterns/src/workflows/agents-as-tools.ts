import { Agent, run } from '@openai/agents';

function translator(language: string): Agent {
  return new Agent({
    name: `${language} agent`,
    instructions: `Translate the text you are given into ${language}. Reply with the translation only.`,
  });
}

/**
 * An orchestrator agent calls translator agents as tools, then a synthesizer checks the result.
 * Each translator runs a nested agent loop inside the workflow, so its model calls are activities too.
 */
export async function agentsAsTools(request: string): Promise<string> {
  const orchestrator = new Agent({
    name: 'Orchestrator',
    instructions:
      'You are a translation agent. You never translate on your own: you always use your tools. ' +
      'When asked for several languages, call the matching tools one after another.',
    tools: ['Spanish', 'French', 'Italian'].map((language) =>
      translator(language).asTool({
        toolName: `translate_to_${language.toLowerCase()}`,
        toolDescription: `Translate the user's message to ${language}.`,
      }),
    ),
  });
  const synthesizer = new Agent({
    name: 'Synthesizer',
    instructions:
      'Review the translations in the conversation, correct any mistakes, and combine them into one final answer.',
  });

  const orchestrated = await run(orchestrator, request);
  // The synthesizer sees the whole exchange: the request, the tool calls and their translations.
  const synthesized = await run(synthesizer, orchestrated.history);
  return synthesized.finalOutput ?? '';
}
