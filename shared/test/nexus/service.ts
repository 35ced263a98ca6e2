// The Nexus service of the tests: its definition, which both the caller's workflow and the handler use.
import * as nexus from 'nexus-rpc';

export interface ForecastInput {
  city: string;
  days: number;
}

export interface Forecast {
  city: string;
  summary: string;
}

export const weatherService = nexus.service('weather', {
  getForecast: nexus.operation<ForecastInput, Forecast>(),
});
