import type { ComponentChildren, JSX } from 'preact';
import { formatDate } from '../../domain/calendar.ts';
import { localize, type Bilingual } from '../../domain/language.ts';
import { href, type PageContext } from './context.ts';

/**
 * A bilingual text in the page's language. When English is asked for but missing, the
 * Japanese text is shown marked lang="ja" (so screen readers switch voice) with a note.
 */
export function Text(props: { ctx: PageContext; value: Bilingual }) {
  const shown = localize(props.value, props.ctx.lang);
  if (!shown.fallback) {
    return <>{shown.text}</>;
  }
  return (
    <>
      <span lang="ja">{shown.text}</span>
      <FallbackNote ctx={props.ctx} />
    </>
  );
}

/** Paragraphs of a bilingual text; blank lines separate paragraphs. */
export function Prose(props: { ctx: PageContext; value: Bilingual }) {
  const shown = localize(props.value, props.ctx.lang);
  const paragraphs = shown.text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <div class="prose" lang={shown.fallback ? 'ja' : undefined}>
      {shown.fallback && <FallbackNote ctx={props.ctx} />}
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
    </div>
  );
}

function FallbackNote(props: { ctx: PageContext }) {
  return (
    <span class="fallback-note" lang="en">
      {' '}
      ({props.ctx.t.englishMissing})
    </span>
  );
}

/** A date as text inside a machine-readable <time>. */
export function DateText(props: { ctx: PageContext; date: string }) {
  return <time dateTime={props.date}>{formatDate(props.date, props.ctx.lang)}</time>;
}

/** A small label such as a field name or a call's status. */
export function Tags(props: { items: { key: string; label: ComponentChildren; tone?: string }[] }) {
  if (props.items.length === 0) {
    return null;
  }
  return (
    <ul class="tags">
      {props.items.map((item) => (
        <li key={item.key} class={item.tone ? `tag tag-${item.tone}` : 'tag'}>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A data table that scrolls sideways on a narrow screen. The scrolling region takes focus
 * so keyboard users can scroll it, and is named by the table's caption: hidden but read,
 * or with `showCaption` shown where the page has no heading of its own for the table.
 */
export function ScrollTable(props: {
  label: string;
  class?: string;
  showCaption?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.label}>
      <table class={props.class}>
        <caption class={props.showCaption ? undefined : 'visually-hidden'}>{props.label}</caption>
        {props.children}
      </table>
    </div>
  );
}

export function Link(props: { ctx: PageContext; to: string; children: ComponentChildren }) {
  return <a href={href(props.ctx.lang, props.to)}>{props.children}</a>;
}

/** A labelled <select> that keeps the chosen value; unknown values fall back to "all". */
export function FilterSelect(props: {
  ctx: PageContext;
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const id = `filter-${props.name}`;
  return (
    <div class="form-row">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.ctx.t.any}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled search box that keeps what was typed. */
export function KeywordInput(props: { ctx: PageContext; value: string | undefined }) {
  return (
    <div class="form-row keyword-row">
      <label for="filter-q">{props.ctx.t.keywords}</label>
      <input type="search" id="filter-q" name="q" value={props.value ?? ''} maxLength={200} />
    </div>
  );
}

/** Page links for a list; keeps the other query parameters. */
export function Pagination(props: {
  ctx: PageContext;
  page: number;
  pages: number;
  params: URLSearchParams;
}) {
  const { ctx, page, pages } = props;
  if (pages <= 1) {
    return null;
  }
  const link = (n: number) => {
    const params = new URLSearchParams(props.params);
    if (n === 1) {
      params.delete('page');
    } else {
      params.set('page', String(n));
    }
    const query = params.toString();
    return `${href(ctx.lang, ctx.path)}${query ? `?${query}` : ''}`;
  };
  const numbers = pageWindow(page, pages);
  return (
    <nav class="pagination" aria-label={ctx.t.pagination}>
      <p class="pagination-status">{ctx.t.pageOf(page, pages)}</p>
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              {ctx.t.previous}
            </a>
          </li>
        )}
        {numbers.map((n) =>
          n === page ? (
            <li>
              <a href={link(n)} aria-current="page" aria-label={ctx.t.pageN(n)}>
                {n}
              </a>
            </li>
          ) : (
            <li>
              <a href={link(n)} aria-label={ctx.t.pageN(n)}>
                {n}
              </a>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              {ctx.t.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** Up to seven page numbers around the current one, always with the first and last. */
export function pageWindow(page: number, pages: number): number[] {
  const from = Math.max(1, Math.min(page - 3, pages - 6));
  const to = Math.min(pages, from + 6);
  const numbers = new Set<number>([1, pages]);
  for (let n = from; n <= to; n += 1) {
    numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}

export type Children = { children?: ComponentChildren };
export type Html = JSX.Element;
