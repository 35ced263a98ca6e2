// Answers the tracing workflows' model calls as OpenAI's Responses API would, so the real OpenAI model
// runs in the model activity and opens its own response span there.
import type { HttpReplier, RecordedHttpRequest, ScriptedHttpReply } from '../../src/testing/index.js';
import { responsesApiText } from '../../src/testing/index.js';

type ResponsesRequest = {
  instructions?: string;
  input?: Array<{ type?: string }>;
  tools?: Array<{ name?: string }>;
};

function functionCall(name: string, args: object, callId: string): ScriptedHttpReply {
  const id = `resp_${callId}`;
  return {
    json: {
      id,
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      model: 'gpt-test',
      output: [
        {
          type: 'function_call',
          id: `fc_${callId}`,
          call_id: callId,
          name,
          arguments: JSON.stringify(args),
          status: 'completed',
        },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 15,
      },
    },
  };
}

/** The researcher looks the city up, then hands off to the writer if it can, else answers; the writer answers. */
export const researchThenWrite: HttpReplier = (request: RecordedHttpRequest, index: number) => {
  const body = request.body as ResponsesRequest;
  const answer = { json: responsesApiText('Lisbon is a city by the sea.', `resp_${index}`) };
  if (body.instructions?.startsWith('Write')) return answer;
  const looked = (body.input ?? []).some((item) => item.type === 'function_call_output');
  if (!looked) return functionCall('lookUpCity', { city: 'Lisbon' }, `call_lookup_${index}`);
  const handoff = (body.tools ?? []).find((tool) => tool.name?.startsWith('transfer_to_'))?.name;
  return handoff ? functionCall(handoff, {}, `call_handoff_${index}`) : answer;
};
