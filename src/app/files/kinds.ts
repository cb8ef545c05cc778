import { fileTypeFromBuffer } from 'file-type';
import { fileExtension, safeFileName } from './file-name.ts';

/**
 * The kinds of file a proposal may carry. Each is accepted only when the name's extension and
 * the content agree: the extension decides how the proposer's and the reviewers' computers
 * open the file, the content what it really is, and a file that is one thing named as another
 * (an HTML page called .pdf, say) is refused rather than served under a harmless label.
 */
export type AttachmentKind =
  'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt' | 'jpeg' | 'png';

export interface KindRule {
  /** Extensions, lower case without the dot; the first is the usual one. */
  extensions: readonly string[];
  /** The Content-Type the file is served with, whatever the browser said when uploading. */
  mediaType: string;
  /** What file-type must detect in the content. */
  detected: readonly string[];
}

// The old Office formats are all Compound File Binary containers, which file-type reports as
// 'cfb' without telling a document from a workbook; for those the extension names the kind.
export const attachmentKinds: Readonly<Record<AttachmentKind, KindRule>> = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf', detected: ['pdf'] },
  docx: {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: ['docx'],
  },
  xlsx: {
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: ['xlsx'],
  },
  pptx: {
    extensions: ['pptx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: ['pptx'],
  },
  doc: { extensions: ['doc'], mediaType: 'application/msword', detected: ['cfb'] },
  xls: { extensions: ['xls'], mediaType: 'application/vnd.ms-excel', detected: ['cfb'] },
  ppt: { extensions: ['ppt'], mediaType: 'application/vnd.ms-powerpoint', detected: ['cfb'] },
  jpeg: { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', detected: ['jpg'] },
  // An animated PNG is still a PNG to anything that shows one.
  png: { extensions: ['png'], mediaType: 'image/png', detected: ['png', 'apng'] },
};

/** The most a proposal may carry: 20 MB a file, 10 files. */
export const limits = { maxBytes: 20 * 1024 * 1024, maxFiles: 10 } as const;

/**
 * How much of the start of a file to pass to checkAttachment. file-type needs 4100 bytes for
 * most formats, but tells Word, Excel and PowerPoint files from other zips by reading the
 * zip's [Content_Types].xml entry: usually the first, yet nothing obliges a program to write
 * it first, and a head that ends before it reads as a plain zip, refused as a mismatch.
 */
export const HEAD_BYTES = 64 * 1024;

/** For the upload form's `accept` attribute: '.pdf,.docx,…'. */
export const acceptAttribute = Object.values(attachmentKinds)
  .flatMap((rule) => rule.extensions.map((ext) => `.${ext}`))
  .join(',');

export type AttachmentCheck =
  | { ok: true; kind: AttachmentKind; mediaType: string; extension: string }
  | {
      ok: false;
      /**
       * 'type': the extension is not one we take; 'mismatch': the content is not what the
       * extension says (or nothing we recognise); 'empty': no content at all.
       */
      reason: 'type' | 'mismatch' | 'empty';
    };

const kindByExtension = new Map<string, AttachmentKind>(
  Object.entries(attachmentKinds).flatMap(([kind, rule]) =>
    rule.extensions.map((ext) => [ext, kind as AttachmentKind] as const),
  ),
);

/**
 * Whether a file called `fileName` whose content starts with `head` (HEAD_BYTES of it, or the
 * whole file) may be attached, and as what. The extension is read from safeFileName(fileName),
 * the name that will be stored and offered on download.
 */
export async function checkAttachment(file: {
  fileName: string;
  head: Buffer;
}): Promise<AttachmentCheck> {
  const extension = fileExtension(safeFileName(file.fileName));
  const kind = kindByExtension.get(extension);
  if (kind === undefined) {
    return { ok: false, reason: 'type' };
  }
  if (file.head.length === 0) {
    return { ok: false, reason: 'empty' };
  }
  const rule = attachmentKinds[kind];
  const detected = await fileTypeFromBuffer(file.head);
  if (detected === undefined || !rule.detected.includes(detected.ext)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true, kind, mediaType: rule.mediaType, extension };
}
