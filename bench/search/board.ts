/**
 * The public board (GET /api/demands?public=1, 20 items) against a bare Fastify route
 * answering a constant, both over HTTP from this process at the same concurrency.
 */
import Fastify from 'fastify';
import { measure, round } from '../support.ts';

export async function measureBoard(baseUrl: string, requests = 400, concurrency = 8) {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  try {
    const page = await fetch(`${baseUrl}/api/demands?public=1`);
    const bytes = (await page.arrayBuffer()).byteLength;
    await measure(baseUrl, () => '/api/demands?public=1', 40, concurrency); // warm-up
    await measure(bareUrl, () => '/bare', 200, concurrency);
    const bareRoute = await measure(bareUrl, () => '/bare', requests * 4, concurrency);
    const board = await measure(baseUrl, () => '/api/demands?public=1', requests, concurrency);
    return { bytes, board, bare: bareRoute, ratio: round(bareRoute.throughput / board.throughput) };
  } finally {
    await bare.close();
  }
}
