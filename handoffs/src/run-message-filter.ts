import { runSampleWorkflow, sampleArguments } from 'openai-agents-temporal/samples';
import { TASK_QUEUE } from './task-queue';
import { messageFilter } from './workflows/message-filter';

const { result, uiUrl } = await runSampleWorkflow(messageFilter, {
  taskQueue: TASK_QUEUE,
  args: [sampleArguments()[0] ?? 'Sora'],
});
const { finalOutput, finalMessages } = result;
console.log('The conversation after the handoff filter (no tool items, first two messages dropped):');
console.log(JSON.stringify(finalMessages, null, 2));
console.log(`\nSpanish Assistant: ${finalOutput}`);
console.log(`\nSee the run in the Temporal UI: ${uiUrl}`);
