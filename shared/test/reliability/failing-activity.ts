/** A tool activity whose service is down: every attempt throws. */
export async function flakyService({ query }: { query: string }): Promise<string> {
  throw new Error(`the search service is down (query: ${query})`);
}
