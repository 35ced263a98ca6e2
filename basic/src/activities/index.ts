// The worker registers every activity of this folder from here.
export { getWeather } from './get-weather';
export { readImageAsBase64 } from './read-image';
