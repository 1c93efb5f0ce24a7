import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Browser tests run against the real production build of the web, rebuilt each run so it is never stale. */
export default function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
