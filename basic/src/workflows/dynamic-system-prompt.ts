import { Agent, run } from '@openai/agents';
import { ApplicationFailure } from '@temporalio/workflow';

export const INSTRUCTIONS_BY_STYLE = {
  haiku: 'Only respond in haikus.',
  pirate: 'Respond as a pirate.',
  robot: "Respond as a robot and say 'beep boop' a lot.",
} as const;

export type Style = keyof typeof INSTRUCTIONS_BY_STYLE;
export const STYLES = Object.keys(INSTRUCTIONS_BY_STYLE) as Style[];

/** The run context: plain data the instructions read; it never leaves the workflow. */
interface StyleContext {
  style: Style;
}

/** The system prompt is a function of the run context, so one agent answers in whichever style the run asks for. */
export async function dynamicSystemPrompt(
  userMessage: string,
  style?: Style,
): Promise<{ style: Style; response: string }> {
  if (style !== undefined && !Object.hasOwn(INSTRUCTIONS_BY_STYLE, style)) {
    throw ApplicationFailure.nonRetryable(`Unknown style "${style}": use one of ${STYLES.join(', ')}.`, 'InvalidStyle');
  }
  // Math.random in a workflow is Temporal's seeded PRNG: a replay picks the same style.
  const chosen = style ?? (STYLES[Math.floor(Math.random() * STYLES.length)] as Style);

  const agent = new Agent<StyleContext>({
    name: 'Chat agent',
    // Called before every model call with the run's context.
    instructions: (runContext) => INSTRUCTIONS_BY_STYLE[runContext.context.style],
  });
  const result = await run(agent, userMessage, { context: { style: chosen } });
  return { style: chosen, response: result.finalOutput ?? '' };
}
