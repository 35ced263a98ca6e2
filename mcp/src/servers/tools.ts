/** The tools server of the SSE and streamable HTTP samples: add, local weather, a secret word. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import weather from './weather.json' with { type: 'json' };

export const SECRET_WORDS = ['apple', 'banana', 'cherry'] as const;

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** The weather of a city from this folder's `weather.json` (no network), or undefined. */
export function localWeather(city: string) {
  const entry = Object.entries(weather).find(([name]) => name.toLowerCase() === city.trim().toLowerCase());
  return entry ? { city: entry[0], ...entry[1] } : undefined;
}

export function createToolsServer(): McpServer {
  const server = new McpServer({ name: 'sample-tools', version: '1.0.0' });
  server.registerTool(
    'add',
    { description: 'Add two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => text(String(a + b)),
  );
  server.registerTool(
    'get_current_weather',
    { description: 'Get the current weather in a city.', inputSchema: { city: z.string() } },
    async ({ city }) => {
      const found = localWeather(city);
      if (!found) return text(`No weather data for ${city}. Known cities: ${Object.keys(weather).join(', ')}.`);
      return text(`${found.city}: ${found.temperatureC}°C, ${found.conditions}, humidity ${found.humidity}%`);
    },
  );
  server.registerTool('get_secret_word', { description: 'Get the secret word.' }, async () =>
    // Random on purpose: the server may do what it likes; the workflow records the answer it got.
    text(SECRET_WORDS[Math.floor(Math.random() * SECRET_WORDS.length)] ?? 'apple'),
  );
  return server;
}
