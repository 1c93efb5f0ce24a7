import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Browser tests run against the real production build of the web, rebuilt each run so it is never stale. */
export default function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Into web/build-test, not web/build: rebuilding under a server that serves web/build would pull files from under it.
  execFileSync('npm', ['run', 'build', '--workspace', 'web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEB_BUILD_OUT: 'build-test' },
  });
}
