import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../domain/calendar.ts';
import { localize } from '../../../domain/language.ts';
import type { AgendaItem, HeadquartersSession } from '../../../db/queries/headquarters.ts';
import { href, type PageContext } from '../context.ts';

/** Parts shared by the headquarters meeting pages. */

/** What the person looking may do here, as the routes asked the policy. */
export interface HeadquartersReader {
  /** The gate office, the meeting's secretariat: sessions, agendas, opinions. */
  manage: boolean;
  /** A member of this session with the headquarters role: records its decisions. */
  decide: boolean;
}

export function sessionPath(sessionId: number): string {
  return `/staff/headquarters/${sessionId}`;
}

export function itemPath(sessionId: number, itemId: number): string {
  return `${sessionPath(sessionId)}/items/${itemId}`;
}

export function opinionFilePath(sessionId: number, itemId: number, opinionId: number): string {
  return `${itemPath(sessionId, itemId)}/opinions/${opinionId}/file`;
}

/** A session's date in the page's language: 2026年12月20日 / 20 December 2026. */
export function heldOnText(ctx: PageContext, session: HeadquartersSession): string {
  return formatDate(session.held_on, ctx.lang);
}

/** The lead department's name, or a dash when the proposal has none. */
export function leadDepartmentText(ctx: PageContext, item: AgendaItem): string {
  const department = item.leadDepartment;
  if (!department) {
    return ctx.t.headquarters.noLead;
  }
  return localize({ ja: department.name_ja, en: department.name_en }, ctx.lang).text;
}

/** An item's outcome as a short word: 採択 / 不採択 / 未決定. */
export function outcomeText(ctx: PageContext, item: AgendaItem): string {
  return item.outcome ? ctx.t.stateNames[item.outcome] : ctx.t.headquarters.undecided;
}

/** A list of links under the page heading. */
export function PageLinks(props: { children: ComponentChildren }) {
  return <ul class="link-list proposal-links">{props.children}</ul>;
}

/** Back to the list of sessions. */
export function BackToList(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <li>
      <a href={href(ctx.lang, '/staff/headquarters')}>{ctx.t.headquarters.backToList}</a>
    </li>
  );
}
