import { readFile } from 'node:fs/promises';
import { verifyDossier } from '../modules/dossier/manifest.ts';

/**
 * Checks an audit dossier (留档备查) against its manifest:
 *   npm run dossier:verify -- path/to/dossier.zip
 * Exit code 0 when every file matches its SHA-256, 1 when a file was changed, removed or
 * added, 2 on bad usage. (Without Node: unzip it and run `sha256sum -c sha256sums`.)
 */
const file = process.argv[2];
if (!file) {
  console.error('用法：npm run dossier:verify -- <留档包.zip>');
  process.exit(2);
}
const result = verifyDossier(new Uint8Array(await readFile(file)));
if (result.ok) {
  console.log(`校验通过：${result.checked} 个文件与清单（manifest.json）的 SHA-256 一致`);
} else {
  const words = { changed: '内容被改动', missing: '缺失', unlisted: '不在清单中' } as const;
  console.error(`校验失败：${result.problems.length} 处问题`);
  for (const p of result.problems)
    console.error(`  ${p.path}：${words[p.problem]}${p.expected ? `（清单 ${p.expected.slice(0, 12)}…）` : ''}`);
}
process.exit(result.ok ? 0 : 1);
