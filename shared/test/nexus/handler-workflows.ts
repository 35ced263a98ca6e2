// The handler side's workflow: a Nexus operation of the weather service starts it on the handler's task queue.
import { ApplicationFailure } from '@temporalio/workflow';
import type { Forecast, ForecastInput } from './service.js';

export async function forecastWorkflow(input: ForecastInput): Promise<Forecast> {
  if (input.city === 'Atlantis') throw ApplicationFailure.nonRetryable(`no forecast for ${input.city}`, 'UnknownCity');
  return { city: input.city, summary: `${input.days} days of sun in ${input.city}` };
}
