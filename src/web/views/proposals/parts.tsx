import type { Selectable } from 'kysely';
import { attachmentKinds } from '../../../app/files/kinds.ts';
import type { ProposalContent } from '../../../domain/proposal.ts';
import type { ProposalState } from '../../../domain/proposal-state.ts';
import type { Taxonomies } from '../../../db/queries/taxonomy.ts';
import type {
  EligibilityGroundTable,
  Proposal,
  ProposalAttachment,
  ProposalEventTable,
} from '../../../db/schema.ts';
import { formatMoment } from '../account/account-pages.tsx';
import type { PageContext } from '../context.ts';

/** Everything the pages show of one proposal, gathered by the route. */
export interface ProposalBundle {
  proposal: Proposal;
  content: ProposalContent;
  organisationName: string;
  /** The challenge a theme proposal answers, in the page's language. */
  challengeTitle: string | null;
  attachments: ProposalAttachment[];
  /** The history shown: for proposers only the events meant for them. */
  events: Selectable<ProposalEventTable>[];
  taxonomies: Taxonomies;
  grounds: Selectable<EligibilityGroundTable>[];
}

/** A proposal's title, or the words for a draft that has none yet. */
export function titleOf(ctx: PageContext, title: string): string {
  return title.trim() === '' ? ctx.t.proposal.untitled : title;
}

/** The name of a state, as the process page writes it. */
export function stateLabel(ctx: PageContext, state: ProposalState): string {
  return ctx.t.stateNames[state];
}

/** A moment in a table cell, or a dash when there is none. */
export function Moment(props: { ctx: PageContext; at: Date | null }) {
  if (!props.at) {
    return <>{props.ctx.t.proposal.notYet}</>;
  }
  return <time dateTime={props.at.toISOString()}>{formatMoment(props.ctx, props.at)}</time>;
}

/** An amount in yen: 1,200,000円 / ¥1,200,000. */
export function formatYen(ctx: PageContext, amount: number): string {
  return ctx.t.proposal.yen(new Intl.NumberFormat('en-US').format(amount));
}

/** A file size for people: 532 bytes, 12.4 KB, 3.1 MB. */
export function formatBytes(ctx: PageContext, bytes: number): string {
  const number = (value: number) =>
    new Intl.NumberFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
      maximumFractionDigits: 1,
    }).format(value);
  if (bytes < 1024) {
    return ctx.lang === 'ja' ? `${number(bytes)}バイト` : `${number(bytes)} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${number(bytes / 1024)} KB`;
  }
  return `${number(bytes / (1024 * 1024))} MB`;
}

/** The kind of a stored file by its media type: PDF, DOCX, JPEG… */
export function fileTypeLabel(mediaType: string): string {
  const found = Object.entries(attachmentKinds).find(([, rule]) => rule.mediaType === mediaType);
  return found ? found[0].toUpperCase() : mediaType;
}

/** The address of an attachment's download. */
export function attachmentPath(proposalId: number, attachmentId: number): string {
  return `/proposals/${proposalId}/attachments/${attachmentId}`;
}

/** Whether a proposal holds anything marked confidential: a section or an attachment. */
export function hasConfidential(
  content: ProposalContent,
  attachments: readonly ProposalAttachment[],
): boolean {
  return (
    Object.values(content.disclosure).some((d) => d?.mark === 'confidential') ||
    attachments.some((a) => a.disclosure === 'confidential')
  );
}
