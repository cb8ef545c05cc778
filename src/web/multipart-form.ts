import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { checkCsrfToken } from './auth.ts';

/**
 * Reads a small multipart form whose files go to `onFile` as they arrive. The CSRF token
 * must come before the first file (our forms put it first), and is checked before any file
 * is kept. A body that cannot be read (cut off, no boundary, too many parts) is the sender's
 * mistake: it answers 400, never a server error. Returns the text fields, each as strings.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  onFile: (field: string, file: MultipartFile) => Promise<void>,
): Promise<Record<string, string[]>> {
  if (!request.isMultipart()) {
    throw Object.assign(new Error('not a multipart form'), { statusCode: 400 });
  }
  const fields: Record<string, string[]> = {};
  let checked = false;
  const verify = async () => {
    if (!checked) {
      await checkCsrfToken(request, fields._csrf?.[0] ?? '');
      checked = true;
    }
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        (fields[part.fieldname] ??= []).push(String(part.value ?? ''));
        continue;
      }
      const file = part as MultipartFile;
      if (file.filename === '') {
        file.file.resume(); // an empty file input
        continue;
      }
      await verify();
      await onFile(file.fieldname, file);
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 403) {
      throw error;
    }
    request.log.info({ err: (error as Error).message }, 'multipart form unreadable');
    throw Object.assign(new Error('unreadable form'), { statusCode: 400 });
  }
  await verify();
  return fields;
}

/** The first value of a multipart field, or ''. */
export function fieldOf(fields: Record<string, string[]>, name: string): string {
  return fields[name]?.[0] ?? '';
}
