import path from 'node:path';
import { defineConfig } from 'vitest/config';

const dir = process.env.VITEST_REPORT_DIR;
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: dir ? ['default', ['json', { outputFile: path.join(dir, 'search-unit.json') }]] : ['default'],
  },
});
