import type { Readable } from 'node:stream';
import { safeFileName } from './file-name.ts';
import { checkAttachment, HEAD_BYTES, limits } from './kinds.ts';
import { FileTooLargeError, newFileKey, type FileStore } from './storage.ts';

/** A file stored under a new key after its size and type were checked. */
export interface StoredUpload {
  key: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export type UploadResult =
  | { ok: true; file: StoredUpload }
  | { ok: false; reason: 'tooLarge' | 'type' | 'mismatch' | 'empty'; fileName: string };

/** The first bytes of a stored file, to check its type by content. */
async function headOf(store: FileStore, key: string): Promise<Buffer> {
  const stream = await store.get(key);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) {
      break;
    }
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

/**
 * Stores an uploaded file under a generated key: at most 20 MB, and only a type we take,
 * checked by its content as well as its name. A refused file leaves nothing behind. The
 * stream is always read to its end, so the rest of the form that carried it can be read.
 */
export async function storeCheckedUpload(
  store: FileStore,
  upload: { fileName: string; stream: Readable },
): Promise<UploadResult> {
  const fileName = safeFileName(upload.fileName);
  const key = newFileKey();
  let stored: { size: number; sha256: string };
  try {
    stored = await store.put(key, upload.stream, { maxBytes: limits.maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      upload.stream.resume(); // drain what is left, so the next part can be read
      return { ok: false, reason: 'tooLarge', fileName };
    }
    throw error;
  }
  const check = await checkAttachment({ fileName, head: await headOf(store, key) });
  if (!check.ok) {
    await store.remove(key);
    return { ok: false, reason: check.reason, fileName };
  }
  return { ok: true, file: { key, fileName, mediaType: check.mediaType, ...stored } };
}
