// Starts one Temporal dev server for a whole test run (every project shares it through
// TEMPORAL_TEST_ADDRESS, which test processes inherit). A server given in TEMPORAL_TEST_ADDRESS is used as is.
import { startDevServer } from './shared/src/testing/environment.ts';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEMPORAL_TEST_ADDRESS) return undefined;
  const env = await startDevServer();
  const { address } = env;
  process.env.TEMPORAL_TEST_ADDRESS = address;
  return async () => {
    delete process.env.TEMPORAL_TEST_ADDRESS;
    await env.teardown();
  };
}
