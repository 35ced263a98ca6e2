// The weather service's workflow, on its own task queue: each forecast is one run (a table stands in for
// a real forecast backend, so the sample runs offline).
import { ApplicationFailure } from '@temporalio/workflow';
import type { Forecast, ForecastRequest } from './service';

const CLIMATE: Record<string, { conditions: string[]; highC: number }> = {
  lisbon: { conditions: ['sunny', 'sunny', 'windy', 'cloudy'], highC: 22 },
  oslo: { conditions: ['rain', 'cloudy', 'snow showers', 'cloudy'], highC: 4 },
  tokyo: { conditions: ['cloudy', 'rain', 'sunny', 'sunny'], highC: 17 },
};

export async function forecastWorkflow({ city, days }: ForecastRequest): Promise<Forecast> {
  const climate = CLIMATE[city.trim().toLowerCase()];
  if (!climate) {
    throw ApplicationFailure.nonRetryable(
      `no forecast for ${city}; the service covers ${Object.keys(CLIMATE).join(', ')}`,
      'UnknownCity',
    );
  }
  return {
    city,
    days: Array.from({ length: days }, (_, index) => ({
      day: index + 1,
      conditions: climate.conditions[index % climate.conditions.length] ?? 'sunny',
      highC: climate.highC + (index % 3) - 1,
    })),
  };
}
