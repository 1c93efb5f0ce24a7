import path from 'node:path';

/**
 * Vitest's own summary is for people; CI sums the JSON reports written when
 * VITEST_REPORT_DIR is set (one file per workspace) into "N passed, N failed".
 */
export function reporters(name: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.VITEST_REPORT_DIR;
  if (!dir) return ['default'];
  return ['default', ['json', { outputFile: path.join(dir, `${name}.json`) }]];
}
