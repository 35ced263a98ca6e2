import type { ModelActivityParameters } from '../../src/common/model-params.js';

/** A start-to-close far beyond the test's timeout: only the heartbeat brings a lost call back in time. */
export const CRASH_MODEL_PARAMS: ModelActivityParameters = { startToCloseTimeout: '10m', heartbeatTimeout: '2s' };
