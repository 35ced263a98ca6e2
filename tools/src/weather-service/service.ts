// The weather service's Nexus contract: what the caller's workflow imports and the handler implements.
import * as nexus from 'nexus-rpc';

/** The Nexus endpoint the caller names; it routes to the handler's task queue. */
export const WEATHER_ENDPOINT = 'openai-agents-tools-weather';
/** Where the weather service's own worker runs its handler and its workflows. */
export const WEATHER_SERVICE_TASK_QUEUE = 'openai-agents-tools-weather-service';

export interface ForecastRequest {
  city: string;
  days: number;
}

export interface Forecast {
  city: string;
  days: { day: number; conditions: string; highC: number }[];
}

export const weatherService = nexus.service('weather', {
  getForecast: nexus.operation<ForecastRequest, Forecast>(),
});
