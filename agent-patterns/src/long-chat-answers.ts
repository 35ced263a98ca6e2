/**
 * The long-chat sample's offline answers (without OPENAI_API_KEY). Each reply counts the user's
 * messages the model was sent, so the transcript shows that the conversation survived every
 * continue-as-new.
 */
import { type AgentScript, textResponse } from 'openai-agents-temporal/testing';
import { userTexts } from 'sample-kit';

export const longChatOfflineAnswers: AgentScript = {
  'Chat assistant': (request) => {
    const messages = userTexts(request);
    const latest = messages.at(-1) ?? '';
    const quoted = latest.length > 60 ? `${latest.slice(0, 57)}...` : latest;
    const memory =
      messages.length === 1
        ? 'That is the first message of our chat.'
        : `That is message ${messages.length} of our chat, and I still have the ${messages.length - 1} before it.`;
    return textResponse(`You said "${quoted}". ${memory} (offline model)`);
  },
};
