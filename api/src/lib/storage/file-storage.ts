import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
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
  stage(input: Readable, options?: StageOptions): Promise<StagedFile>;
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

export interface StageOptions {
  /** Stop reading (and throw a StagedTooLargeError) as soon as more than this many bytes arrive. */
  maxBytes?: number;
}

export class StagedTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`staged file exceeds ${maxBytes} bytes`);
    this.name = 'StagedTooLargeError';
  }
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

  /** Drops staged files of uploads that never finished (a crash between stage and commit/discard). */
  async cleanStaging(olderThanMs = 0): Promise<number> {
    const stagingDir = path.join(this.root, 'staging');
    let names: string[];
    try {
      names = await readdir(stagingDir);
    } catch {
      return 0;
    }
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const file = path.join(stagingDir, name);
      try {
        if ((await stat(file)).mtimeMs <= cutoff) {
          await rm(file, { force: true, recursive: true });
          removed += 1;
        }
      } catch {
        // removed meanwhile
      }
    }
    return removed;
  }

  async stage(input: Readable, options: StageOptions = {}): Promise<StagedFile> {
    const stagingDir = path.join(this.root, 'staging');
    await mkdir(stagingDir, { recursive: true });
    const localPath = path.join(stagingDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return callback(new StagedTooLargeError(options.maxBytes));
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
