import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attached files are kept, by key. Keys come from newFileKey(), never from what the
 * proposer called the file, so nothing a user sends can name a path. LocalFileStore keeps them
 * under DATA_DIR/files; an S3-compatible object store can implement the same interface later,
 * with the key as the object name.
 */
export interface FileStore {
  /**
   * Writes `source` under `key`, whole or not at all, and resolves with its size and SHA-256
   * (hex). With `maxBytes`, a longer source is abandoned as soon as it shows, with
   * FileTooLargeError and nothing kept.
   */
  put(
    key: string,
    source: Readable | Buffer,
    options?: { maxBytes?: number },
  ): Promise<{ size: number; sha256: string }>;
  /** The file's content; FileNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Deletes the file; removing one that is not there is no error. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** A source longer than the `maxBytes` put allows. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** A key that newFileKey() did not make: refused before it comes near a path. */
export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`Not a file key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = 'InvalidFileKeyError';
  }
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No file under ${key}`);
    this.name = 'FileNotFoundError';
  }
}

// ab/cd/<uuid v4>, the two folders being the UUID's first four hex digits.
const keyShape =
  /^([0-9a-f]{2})\/([0-9a-f]{2})\/(\1\2[0-9a-f]{4}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;

/**
 * A new random key such as `3f/a2/3fa2…-…`. The two folder levels keep any one folder to a few
 * hundred entries however many files there are.
 */
export function newFileKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

export function isFileKey(key: string): boolean {
  return keyShape.test(key);
}

/** The store under DATA_DIR/files. */
export function createFileStore(options: { dataDir: string }): FileStore {
  return new LocalFileStore(path.join(options.dataDir, 'files'));
}

/**
 * Files in a folder on the local disk, one file per key. Writes go to a `.partial` file beside
 * the final one, are flushed to disk, then renamed into place, so that a reader or a crash
 * never sees half a file. A crash mid-write can leave a `.partial` file behind, never a file
 * under a key.
 */
export class LocalFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(
    key: string,
    source: Readable | Buffer,
    options: { maxBytes?: number } = {},
  ): Promise<{ size: number; sha256: string }> {
    const file = this.path(key);
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    const handle = await fs.open(partial, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    try {
      // A Buffer is iterable too, byte by byte: it is written as one chunk instead.
      const chunks = Buffer.isBuffer(source)
        ? [source]
        : (source as AsyncIterable<Buffer | string>);
      for await (const piece of chunks) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        if (options.maxBytes !== undefined && size + chunk.length > options.maxBytes) {
          // Leaving the loop destroys the stream, so nothing more is read from the client.
          throw new FileTooLargeError(options.maxBytes);
        }
        await handle.write(chunk);
        hash.update(chunk);
        size += chunk.length;
      }
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(partial, { force: true });
      throw error;
    }
    try {
      await fs.rename(partial, file);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
    await syncDirectory(dir);
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    const file = this.path(key);
    try {
      // Opened here rather than by the stream, so that a missing file rejects this call.
      const handle = await fs.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      throw isMissing(error) ? new FileNotFoundError(key) : error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.path(key))).isFile();
    } catch (error) {
      if (isMissing(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Where `key` lives; throws InvalidFileKeyError for anything newFileKey() would not make. */
  path(key: string): string {
    if (!isFileKey(key)) {
      throw new InvalidFileKeyError(key);
    }
    return path.join(this.root, ...key.split('/'));
  }
}

/** Makes a rename in `dir` durable. Not every platform can open a folder (Windows cannot). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // The file itself is on disk; only the rename might not survive a power cut.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
