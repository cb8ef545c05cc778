import { randomBytes } from 'node:crypto';

export interface FilePart {
  name: string;
  filename: string;
  content: Buffer;
  type?: string;
}

/**
 * A multipart/form-data body as a browser sends it: the fields in order, then the files.
 * Returns the payload and its content type for app.inject.
 */
export function multipartBody(
  fields: [string, string][],
  files: FilePart[] = [],
): { payload: Buffer; contentType: string } {
  const boundary = `----gate${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const file of files) {
    const filename = file.filename.replace(/"/g, '%22');
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A small valid PDF: enough for the type check by content. */
export const tinyPdf = Buffer.from(
  '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
  'latin1',
);
