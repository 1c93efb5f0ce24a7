import { defineConfig } from 'vitest/config';
import { reporters } from './support/reporters.ts';

export default defineConfig({
  test: {
    reporters: reporters('tests'),
    projects: [
      {
        test: {
          name: 'api',
          include: ['api/**/*.test.ts'],
          globalSetup: ['support/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['support/global-postgres.ts', 'support/global-web-build.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
