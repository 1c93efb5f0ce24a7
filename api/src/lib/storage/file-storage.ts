import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files live. Files are addressed by the SHA-256 of their content,
 * so the same file uploaded twice is stored once and a stored file never changes.
 * An object-storage implementation (S3/OSS/MinIO) can replace the local one.
 */
export interface FileStorage {
  /** Writes a stream to a staging area, hashing it; `commit` makes it permanent, `discard` drops it. */
  stage(input: Readable): Promise<StagedFile>;
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

export interface StagedFile {
  sha256: string;
  size: number;
  /** A local path to read the content from (for content sniffing) until commit/discard. */
  localPath: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad content hash');
    return path.join(this.root, 'objects', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(input: Readable): Promise<StagedFile> {
    const stagingDir = path.join(this.root, 'staging');
    await mkdir(stagingDir, { recursive: true });
    const localPath = path.join(stagingDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(localPath, { flags: 'wx' }));
    } catch (error) {
      await rm(localPath, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    return {
      sha256,
      size,
      localPath,
      commit: async () => {
        await mkdir(path.dirname(target), { recursive: true });
        // rename is atomic; an identical file already stored is simply replaced by the same bytes.
        await rename(localPath, target);
      },
      discard: () => rm(localPath, { force: true }),
    };
  }

  async open(sha256: string): Promise<Readable> {
    return createReadStream(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
