/**
 * The crash demo's model without OPENAI_API_KEY: the bank teller calls transfer_money with the
 * amount and accounts named in the request, then reports the tool's result.
 */
import { type AgentScript, textResponse, toolCallResponse } from 'openai-agents-temporal/testing';
import { toolOutput, userTexts } from 'sample-kit';

export const moneyTransferOfflineAnswers: AgentScript = {
  'Bank teller': (request, { agentTurn }) => {
    if (agentTurn === 0) {
      const asked = /(\d+(?:\.\d+)?)\D*?from\s+(\w+)\W*(?:'s\s+account\s+)?.*?\bto\s+(\w+)/i.exec(
        userTexts(request).at(-1) ?? '',
      );
      const [, amount = '40', from = 'alice', to = 'bob'] = asked ?? [];
      return toolCallResponse('transfer_money', { from, to, amount: Number(amount) });
    }
    return textResponse(`${toolOutput(request, 'transfer_money') ?? 'The transfer did not run.'} (offline model)`);
  },
};
