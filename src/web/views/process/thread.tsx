import { randomUUID } from 'node:crypto';
import { acceptAttribute } from '../../../app/files/kinds.ts';
import type { ThreadAuthor, ThreadEntry } from '../../../app/process/dialogue.ts';
import { localize } from '../../../domain/language.ts';
import { limits } from '../../../domain/limits.ts';
import type { FormState } from '../../forms.ts';
import { formatMoment } from '../account/account-pages.tsx';
import { href, type PageContext } from '../context.ts';
import { RadioGroup } from '../forms.tsx';
import { fileTypeLabel, formatBytes } from '../proposals/parts.tsx';

/**
 * The dialogue of a proposal as both sides see it: the thread of messages (for staff, with
 * internal notes marked as such) and the form that adds to it. The form is multipart, so
 * files travel with the text, and works without JavaScript.
 */

/** The address of a message's file download. */
export function messageFilePath(proposalId: number, messageId: number, fileId: number): string {
  return `/proposals/${proposalId}/messages/${messageId}/files/${fileId}`;
}

function authorText(ctx: PageContext, author: ThreadAuthor): string {
  const d = ctx.t.dialogue;
  if (author.side === 'proposer') {
    return d.fromProposer(author.name);
  }
  const unit = author.department
    ? localize({ ja: author.department.ja, en: author.department.en }, ctx.lang).text
    : d.gateOffice;
  return author.name === null ? d.fromCity(unit) : d.fromStaff(author.name, unit);
}

function Entry(props: { ctx: PageContext; proposalId: number; entry: ThreadEntry }) {
  const { ctx, entry } = props;
  const d = ctx.t.dialogue;
  const note = entry.kind === 'note';
  return (
    <li
      class={`thread-entry thread-${entry.kind}${entry.author.side === 'city' ? ' thread-city' : ''}`}
    >
      <p class="thread-meta">
        <span class={note ? 'tag tag-confidential' : 'tag'}>{d.kinds[entry.kind]}</span>{' '}
        <span class="thread-author">{authorText(ctx, entry.author)}</span>{' '}
        <time dateTime={entry.createdAt.toISOString()}>{formatMoment(ctx, entry.createdAt)}</time>
        {note && <span class="thread-note-mark"> {d.noteMark}</span>}
      </p>
      <div class="proposal-text">{entry.body}</div>
      {entry.files.length > 0 && (
        <>
          <p class="thread-files-label">{d.files}</p>
          <ul class="thread-files">
            {entry.files.map((file) => (
              <li class="file-name">
                <a href={href(ctx.lang, messageFilePath(props.proposalId, entry.id, file.id))}>
                  {d.fileLabel(
                    file.fileName,
                    fileTypeLabel(file.mediaType),
                    formatBytes(ctx, file.size),
                  )}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** A proposal's thread, oldest first, under its own heading. */
export function Thread(props: {
  ctx: PageContext;
  proposalId: number;
  entries: readonly ThreadEntry[];
  proposerView: boolean;
}) {
  const { ctx } = props;
  const d = ctx.t.dialogue;
  return (
    <section class="thread" aria-labelledby="thread-heading">
      <h2 id="thread-heading">{d.threadHeading}</h2>
      <p>{props.proposerView ? d.threadLeadProposer : d.threadLeadStaff}</p>
      {props.entries.length === 0 ? (
        <p>{d.threadEmpty}</p>
      ) : (
        <ol class="thread-list" aria-label={d.threadList}>
          {props.entries.map((entry) => (
            <Entry ctx={ctx} proposalId={props.proposalId} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The names a post form's fields go by; two forms on one page need different ones. */
export interface PostFieldNames {
  body: string;
  files: string;
}

export const messageFields: PostFieldNames = { body: 'body', files: 'files' };

/** The labels of a post form, when they differ from the message form's. */
export interface PostFormText {
  heading: string;
  lead: string;
  body: string;
  send: string;
}

/**
 * The form that adds to a thread: the text, files and, for staff, the choice between a
 * message and an internal note. On an error it comes back with the text as typed; files
 * cannot be kept by a browser form, so the hint asks to choose them again.
 */
export function PostForm(props: {
  ctx: PageContext;
  action: string;
  csrf: string;
  /** Offer the "internal note" choice (staff who may write notes). */
  offerNote: boolean;
  state: FormState;
  /** The hint beside the file input; the usual types and sizes when not given. */
  fileHint?: string;
  names?: PostFieldNames;
  text?: PostFormText;
  maxFiles: number;
  /** The section's id, for links and the heading's label. */
  id?: string;
}) {
  const { ctx, state } = props;
  const d = ctx.t.dialogue;
  const names = props.names ?? messageFields;
  const id = props.id ?? 'post';
  const text = props.text ?? {
    heading: d.postHeading,
    lead: props.offerNote ? d.postLeadStaff : d.postLeadProposer,
    body: d.body,
    send: d.send,
  };
  const bodyError = state.errors[names.body];
  const filesError = state.errors[names.files];
  const max = limits.text.toLocaleString(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB');
  const bodyDescribed = [`hint-${names.body}`, bodyError ? `error-${names.body}` : '']
    .filter(Boolean)
    .join(' ');
  const filesDescribed = [`hint-${names.files}`, filesError ? `error-${names.files}` : '']
    .filter(Boolean)
    .join(' ');
  const kindState = { ...state, values: { kind: 'message', ...state.values } };
  return (
    <section class="post-form" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{text.heading}</h2>
      <p>{text.lead}</p>
      <form
        method="post"
        action={props.action}
        enctype="multipart/form-data"
        class="form"
        novalidate
      >
        <input type="hidden" name="_csrf" value={props.csrf} />
        {/* Made when the page is drawn and kept through errors: the same form sent twice
            (Back, then send) posts once. */}
        <input type="hidden" name="postKey" value={state.values.postKey || randomUUID()} />
        {props.offerNote && (
          <RadioGroup
            ctx={ctx}
            state={kindState}
            name="kind"
            legend={d.kindLegend}
            required
            options={[
              { value: 'message', label: d.kindMessage },
              { value: 'note', label: d.kindNote },
            ]}
          />
        )}
        <div class={`form-row${bodyError ? ' form-row-error' : ''}`}>
          <label for={`field-${names.body}`}>
            {text.body}
            <span class="badge badge-required">{ctx.t.account.required}</span>
          </label>
          <p class="hint" id={`hint-${names.body}`}>
            {d.bodyHint(max)}
          </p>
          {bodyError && (
            <p class="field-error" id={`error-${names.body}`}>
              {bodyError}
            </p>
          )}
          <textarea
            id={`field-${names.body}`}
            name={names.body}
            rows={6}
            required
            maxLength={limits.text}
            aria-invalid={bodyError ? 'true' : undefined}
            aria-describedby={bodyDescribed}
            class="input textarea"
            value={state.values[names.body] ?? ''}
          />
        </div>
        <div class={`form-row${filesError ? ' form-row-error' : ''}`}>
          <label for={`field-${names.files}`}>
            {d.attach}
            <span class="badge">{ctx.t.account.optional}</span>
          </label>
          <p class="hint" id={`hint-${names.files}`}>
            {props.fileHint ?? d.attachHint(props.maxFiles)}
          </p>
          {filesError && (
            <p class="field-error" id={`error-${names.files}`}>
              {filesError}
            </p>
          )}
          <input
            type="file"
            id={`field-${names.files}`}
            name={names.files}
            multiple
            accept={acceptAttribute}
            aria-invalid={filesError ? 'true' : undefined}
            aria-describedby={filesDescribed}
            class="file-input"
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {text.send}
          </button>
        </div>
      </form>
    </section>
  );
}
