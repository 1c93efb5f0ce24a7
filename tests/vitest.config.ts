import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { reporters } from './support/reporters.ts';

// Browser tests need Debian's chromium (apt-get install chromium fonts-wqy-microhei).
// CI always runs them, so there a missing browser fails the run instead of hiding.
const browserTests = process.env.CI === 'true' || existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!browserTests) console.warn('\n  Browser tests not run: /usr/bin/chromium is missing (apt-get install chromium fonts-wqy-microhei)\n');

export default defineConfig({
  test: {
    reporters: reporters('tests'),
    projects: [
      {
        test: {
          name: 'api',
          include: ['api/**/*.test.ts', 'search/**/*.test.ts'],
          globalSetup: ['support/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(browserTests
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                globalSetup: ['support/global-postgres.ts', 'support/global-web-build.ts'],
                testTimeout: 60_000,
                hookTimeout: 180_000,
                fileParallelism: false,
                // pages render after their API calls; on a busy 2-core machine that can take seconds
                expect: { poll: { timeout: 15_000, interval: 100 } },
              },
            },
          ]
        : []),
    ],
  },
});
