import type { ModelActivityParameters } from 'openai-agents-temporal';

/** The workflows the crash demo's workers run: the money transfer alone. */
export const CRASH_DEMO_WORKFLOWS = new URL('../workflows/money-transfer.ts', import.meta.url);

/** Model calls heartbeat, so one held by a dead worker is retried after 5 s, not after its 60 s timeout. */
export const CRASH_DEMO_MODEL_PARAMS: ModelActivityParameters = { startToCloseTimeout: '60s', heartbeatTimeout: '5s' };

export const INITIAL_BALANCES: Record<string, number> = { alice: 100, bob: 50 };
export const TRANSFER_REQUEST = 'Please move 40 from alice to bob.';
