import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Unit tests of the web's logic (state, payloads, URL handling); pages are tested in Chromium under tests/e2e.
const dir = process.env.VITEST_REPORT_DIR;
export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['src/**/*.test.ts'],
    reporters: dir ? ['default', ['json', { outputFile: path.join(dir, 'web-unit.json') }]] : ['default'],
  },
});
