import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { describe } from 'vitest';
import { MeilisearchEngine } from '@jb/search/meilisearch-engine.ts';
import { engineContract } from './contract.ts';

// No Meilisearch server can be installed on this machine; the same contract runs
// against one whenever MEILI_URL (and MEILI_KEY) point at it.
const url = process.env.MEILI_URL;
// Skipped (and reported as skipped) without a Meilisearch server: none can be installed here.
describe.skipIf(!url)('with MEILI_URL', () => {
  engineContract('meilisearch', async () => {
    const prefix = `test_${randomBytes(4).toString('hex')}_`;
    const engine = new MeilisearchEngine({ url: url!, key: process.env.MEILI_KEY, prefix });
    return {
      engine,
      estimating: new MeilisearchEngine({ url: url!, key: process.env.MEILI_KEY, prefix, estimateAbove: 3 }),
      teardown: async () => {
        const client = new Meilisearch({ host: url!, apiKey: process.env.MEILI_KEY });
        await client.deleteIndexIfExists(`${prefix}demands`);
      },
    };
  });
});
