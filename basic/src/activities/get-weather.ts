export interface Weather {
  city: string;
  temperatureRange: string;
  conditions: string;
}

/** Stands in for a weather API call: activities are where I/O belongs. */
export async function getWeather({ city }: { city: string }): Promise<Weather> {
  return { city, temperatureRange: '14-20C', conditions: 'Sunny with wind.' };
}
