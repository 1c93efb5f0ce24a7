import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The dossier's integrity: every file's SHA-256 in `manifest.json` (with sizes and the
 * dossier's own metadata) and in `sha256sums` (the `sha256sum -c` format), so a changed,
 * missing or added file is found with this code or with coreutils alone:
 * `unzip dossier.zip -d d && cd d && sha256sum -c sha256sums`.
 * The manifest hashes every file but the two that list the hashes.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'sha256sums';

export interface DossierFile {
  path: string;
  data: Uint8Array;
}

export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'jb-dossier/1';
  generatedAt: string;
  edition: { id: string; name: string };
  files: ManifestEntry[];
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export function buildManifest(files: DossierFile[], meta: { generatedAt: string; edition: { id: string; name: string } }): Manifest {
  const entries = files
    .map((f) => ({ path: f.path, sha256: sha256(f.data), bytes: f.data.byteLength }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { format: 'jb-dossier/1', ...meta, files: entries };
}

export const sumsText = (manifest: Manifest) => manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join('');

/** The archive: the files, then the manifest and the sums. Dates fixed so equal content gives equal bytes. */
export function packDossier(files: DossierFile[], meta: { generatedAt: string; edition: { id: string; name: string } }) {
  const manifest = buildManifest(files, meta);
  const mtime = new Date(meta.generatedAt);
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [f.data, { mtime }];
  tree[MANIFEST_FILE] = [strToU8(JSON.stringify(manifest, null, 2)), { mtime }];
  tree[SUMS_FILE] = [strToU8(sumsText(manifest)), { mtime }];
  return { zip: zipSync(tree, { level: 6 }), manifest };
}

export interface VerifyProblem {
  path: string;
  problem: 'changed' | 'missing' | 'unlisted';
  expected?: string;
  actual?: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: VerifyProblem[];
}

/** Checks a dossier's files against its manifest (and the sums file against the manifest). */
export function verifyFiles(files: Record<string, Uint8Array>): VerifyResult {
  const raw = files[MANIFEST_FILE];
  if (!raw) return { ok: false, checked: 0, problems: [{ path: MANIFEST_FILE, problem: 'missing' }] };
  const manifest = JSON.parse(Buffer.from(raw).toString('utf8')) as Manifest;
  const problems: VerifyProblem[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const data = files[entry.path];
    if (!data) {
      problems.push({ path: entry.path, problem: 'missing', expected: entry.sha256 });
      continue;
    }
    const actual = sha256(data);
    if (actual !== entry.sha256) problems.push({ path: entry.path, problem: 'changed', expected: entry.sha256, actual });
  }
  for (const path of Object.keys(files)) {
    if (path === MANIFEST_FILE || path === SUMS_FILE || path.endsWith('/')) continue;
    if (!listed.has(path)) problems.push({ path, problem: 'unlisted', actual: sha256(files[path]!) });
  }
  const sums = files[SUMS_FILE];
  if (!sums) problems.push({ path: SUMS_FILE, problem: 'missing' });
  else if (Buffer.from(sums).toString('utf8') !== sumsText(manifest)) problems.push({ path: SUMS_FILE, problem: 'changed' });
  return { ok: problems.length === 0, checked: manifest.files.length, problems };
}

export function unpackDossier(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

export const verifyDossier = (zip: Uint8Array) => verifyFiles(unpackDossier(zip));

/** Re-zips a file map (tests and tools that alter a dossier). */
export const repackDossier = (files: Record<string, Uint8Array>) => zipSync(files, { level: 6 });
