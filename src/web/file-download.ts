import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../app/files/file-name.ts';
import { FileNotFoundError, type FileStore } from '../app/files/storage.ts';
import { audit, NotFound } from './auth.ts';

/** A stored file as a download sends it. */
export interface DownloadFile {
  storageKey: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** What a download logs when the store has lost the file: fields and a constant phrase. */
export interface MissingFileLog {
  fields: Record<string, unknown>;
  message: string;
}

/** Whom a download is recorded against in the audit log. */
export type DownloadAudit = Omit<Parameters<typeof audit>[1], 'action'>;

/**
 * Sends a stored file as a private download. A file the store has lost is logged at error
 * and answered as not found. With `audited`, the download is recorded as
 * attachment.downloaded before any byte is sent: no record, no file.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  file: DownloadFile,
  missing: MissingFileLog,
  audited?: DownloadAudit,
) {
  let stream;
  try {
    stream = await store.get(file.storageKey);
  } catch (error) {
    if (error instanceof FileNotFoundError) {
      request.log.error(missing.fields, missing.message);
      throw new NotFound();
    }
    throw error;
  }

  if (audited) {
    try {
      await audit(request, { action: 'attachment.downloaded', ...audited });
    } catch (error) {
      stream.destroy();
      throw error;
    }
  }

  return reply
    .code(200)
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-length', String(file.size))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(stream);
}
