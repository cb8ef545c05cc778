import type { FastifyRequest } from 'fastify';
import { storeCheckedUpload, type StoredUpload } from '../app/files/checked-upload.ts';
import type { FileStore } from '../app/files/storage.ts';
import {
  MAX_MESSAGE_BODY,
  MAX_MESSAGE_FILES,
  type DialogueRefusal,
} from '../app/process/dialogue.ts';
import { visibleText } from './forms.ts';
import type { FormState } from './forms.ts';
import type { Messages } from './i18n/index.ts';
import { fieldOf, readMultipartForm } from './multipart-form.ts';
import type { PostFieldNames } from './views/process/thread.tsx';

/**
 * Reading the dialogue's post forms (a message, a note, an answer): multipart, so the text
 * and the files come in one request. Files are checked and stored as they arrive; when the
 * form has a problem, every stored file is removed again and the form comes back with the
 * text as typed.
 */

export interface PostedForm {
  /** The text fields as typed, for the form to show again. */
  values: Record<string, string>;
  /** A message per field in error; empty when the form may be posted. */
  errors: Record<string, string>;
  /** The body, cleaned of invisible characters and trimmed. */
  body: string;
  /** 'message' unless a staff form chose 'note'. */
  kind: 'message' | 'note';
  /** The form's key, when it carries a well-formed one. */
  postKey: string | undefined;
  /** The stored files; none when there are errors. */
  files: StoredUpload[];
}

/** Reads and checks a post form; `required` is the message for an empty body. */
export async function readPostForm(
  request: FastifyRequest,
  store: FileStore,
  names: PostFieldNames,
  t: Messages,
  required: string = t.dialogue.errors.bodyRequired,
): Promise<PostedForm> {
  const d = t.dialogue;
  const files: StoredUpload[] = [];
  const fileErrors: string[] = [];
  const fields = await readMultipartForm(request, async (field, file) => {
    if (field !== names.files) {
      file.file.resume(); // a file under another name is not taken
      return;
    }
    if (files.length >= MAX_MESSAGE_FILES) {
      file.file.resume();
      fileErrors.push(d.errors.tooManyFiles(MAX_MESSAGE_FILES));
      return;
    }
    const stored = await storeCheckedUpload(store, { fileName: file.filename, stream: file.file });
    if (stored.ok) {
      files.push(stored.file);
    } else {
      fileErrors.push(d.uploadErrors[stored.reason](stored.fileName));
    }
  });
  const raw = fieldOf(fields, names.body);
  const body = visibleText(raw);
  const kindValue = fieldOf(fields, 'kind');
  const key = fieldOf(fields, 'postKey');
  const postKey = /^[0-9a-f-]{16,64}$/.test(key) ? key : undefined;
  const values: Record<string, string> = {
    [names.body]: raw,
    kind: kindValue || 'message',
    postKey: postKey ?? '',
  };
  const errors: Record<string, string> = {};
  if (kindValue !== '' && kindValue !== 'message' && kindValue !== 'note') {
    errors.kind = d.errors.kindInvalid;
  }
  if (body === '') {
    errors[names.body] = required;
  } else if (body.length > MAX_MESSAGE_BODY) {
    errors[names.body] = d.errors.tooLong(MAX_MESSAGE_BODY);
  }
  if (fileErrors.length > 0) {
    errors[names.files] = [...new Set(fileErrors)].join(' ');
  }
  if (Object.keys(errors).length > 0) {
    await Promise.all(files.map((file) => store.remove(file.key)));
    return { values, errors, body, kind: 'message', postKey, files: [] };
  }
  return {
    values,
    errors,
    body,
    kind: kindValue === 'note' ? 'note' : 'message',
    postKey,
    files,
  };
}

/** The form state to show again after a command refused a post; undefined for 'notFound'. */
export function refusedPost(
  t: Messages,
  posted: PostedForm,
  refusal: DialogueRefusal,
  names: PostFieldNames,
): FormState | undefined {
  const e = t.dialogue.errors;
  const messages: Record<Exclude<DialogueRefusal, 'notFound'>, [string, string]> = {
    notPermitted: [names.body, e.notPermitted],
    empty: [names.body, e.bodyRequired],
    tooLong: [names.body, e.tooLong(MAX_MESSAGE_BODY)],
    tooManyFiles: [names.files, e.tooManyFiles(MAX_MESSAGE_FILES)],
    notInfoRequested: [names.body, e.notInfoRequested],
  };
  if (refusal === 'notFound') {
    return undefined;
  }
  const [field, message] = messages[refusal];
  return { values: posted.values, errors: { [field]: message } };
}
