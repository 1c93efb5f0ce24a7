import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Pure unit tests that live next to the code; tests needing a database are in tests/.
const dir = process.env.VITEST_REPORT_DIR;
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: dir ? ['default', ['json', { outputFile: path.join(dir, 'api-unit.json') }]] : ['default'],
  },
});
