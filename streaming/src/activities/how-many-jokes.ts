/** How many jokes to tell: an activity, as anything random or with I/O must be. */
export async function howManyJokes(): Promise<number> {
  return 1 + Math.floor(Math.random() * 10);
}
