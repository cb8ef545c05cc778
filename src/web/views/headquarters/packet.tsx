import { localize } from '../../../domain/language.ts';
import type { ProposalSection } from '../../../domain/proposal.ts';
import type {
  AgendaItem,
  ExpertOpinion,
  HeadquartersSession,
  LeadAssessment,
  Person,
} from '../../../db/queries/headquarters.ts';
import { formatMoment } from '../account/account-pages.tsx';
import { href, type PageContext } from '../context.ts';
import { SectionBody } from '../proposals/detail.tsx';
import type { ProposalBundle } from '../proposals/parts.tsx';
import { OpinionList } from './item.tsx';
import { heldOnText, leadDepartmentText, sessionPath } from './parts.tsx';

/** One agenda item as the packet prints it. */
export interface PacketItem {
  item: AgendaItem;
  bundle: ProposalBundle;
  /** The reader may see the proposal's confidential sections. */
  showConfidential: boolean;
  assessments: LeadAssessment[];
  opinions: ExpertOpinion[];
}

/** The sections of a proposal the members read before the meeting. */
export const packetSections: readonly ProposalSection[] = [
  'summary',
  'problem',
  'approach',
  'burden',
];

function ConfidentialLabel(props: { ctx: PageContext }) {
  return <span class="tag tag-confidential">{props.ctx.t.headquarters.confidential}</span>;
}

function Section(props: { ctx: PageContext; entry: PacketItem; section: ProposalSection }) {
  const { ctx, entry, section } = props;
  const disclosure = entry.bundle.content.disclosure[section];
  const confidential = disclosure?.mark === 'confidential';
  const id = `item-${entry.item.id}-${section}`;
  return (
    <section
      class={confidential ? 'packet-section confidential-block' : 'packet-section'}
      aria-labelledby={id}
    >
      <h4 id={id}>
        {ctx.t.proposal.sections[section]}
        {confidential && (
          <>
            {' '}
            <ConfidentialLabel ctx={ctx} />
          </>
        )}
      </h4>
      {confidential && !entry.showConfidential ? (
        <p class="withheld">{ctx.t.headquarters.withheld}</p>
      ) : (
        <SectionBody ctx={ctx} bundle={entry.bundle} section={section} />
      )}
    </section>
  );
}

function Assessments(props: { ctx: PageContext; entry: PacketItem }) {
  const { ctx, entry } = props;
  const h = ctx.t.headquarters;
  const f = h.assessmentFields;
  if (entry.assessments.length === 0) {
    return <p>{h.noAssessment}</p>;
  }
  return (
    <>
      {entry.assessments.map((a) => (
        <dl class="facts">
          <dt>{h.reviewer}</dt>
          <dd>{a.reviewerName}</dd>
          <dt>{f.contribution}</dt>
          <dd class="proposal-text">
            {h.rating}
            {ctx.t.account.labelSeparator}
            {h.ratings[a.contribution_rating]}
            {'\n'}
            {a.contribution}
          </dd>
          <dt>{f.feasibility}</dt>
          <dd class="proposal-text">
            {h.rating}
            {ctx.t.account.labelSeparator}
            {h.ratings[a.feasibility_rating]}
            {'\n'}
            {a.feasibility}
          </dd>
          <dt>{f.strategyFit}</dt>
          <dd class="proposal-text">
            {h.rating}
            {ctx.t.account.labelSeparator}
            {h.ratings[a.strategy_fit_rating]}
            {'\n'}
            {a.strategy_fit}
          </dd>
          <dt>{f.resources}</dt>
          <dd class="proposal-text">{a.resources}</dd>
          <dt>{f.outcomeTargets}</dt>
          <dd class="proposal-text">{a.outcome_targets}</dd>
          {a.concerns.trim() !== '' && (
            <>
              <dt>{f.concerns}</dt>
              <dd class="proposal-text">{a.concerns}</dd>
            </>
          )}
        </dl>
      ))}
    </>
  );
}

function PacketEntry(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  entry: PacketItem;
  position: number;
}) {
  const { ctx, entry } = props;
  const h = ctx.t.headquarters;
  const { item } = entry;
  return (
    <article class="packet-item" aria-labelledby={`item-${item.id}`}>
      <h2 id={`item-${item.id}`}>{h.itemHeading(props.position, item.title)}</h2>
      <dl class="facts">
        <dt>{h.agendaColumns.receiptNumber}</dt>
        <dd>{item.receiptNumber ?? ctx.t.proposal.notYet}</dd>
        <dt>{h.agendaColumns.organisation}</dt>
        <dd>{item.organisationName}</dd>
        <dt>{h.agendaColumns.leadDepartment}</dt>
        <dd>{leadDepartmentText(ctx, item)}</dd>
        <dt>{h.agendaColumns.outcome}</dt>
        <dd>{item.outcome ? ctx.t.stateNames[item.outcome] : h.undecided}</dd>
      </dl>
      <h3>{ctx.t.proposal.contents}</h3>
      {packetSections.map((section) => (
        <Section ctx={ctx} entry={entry} section={section} />
      ))}
      <h3>{h.assessment}</h3>
      <Assessments ctx={ctx} entry={entry} />
      <h3>{h.agendaColumns.escalationReason}</h3>
      <div class="proposal-text">{item.escalationReason ?? h.noReason}</div>
      {item.note.trim() !== '' && (
        <>
          <h3>{h.note}</h3>
          <div class="proposal-text">{item.note}</div>
        </>
      )}
      <h3>{h.opinions}</h3>
      <OpinionList
        ctx={ctx}
        sessionId={props.session.id}
        opinions={entry.opinions}
        downloads={false}
      />
    </article>
  );
}

/**
 * The printable papers of a session: each item with the parts of its proposal the members
 * read, the department's assessment and reason for escalating, and the experts' opinions.
 * Confidential sections are marked as such on screen and on paper.
 */
export function PacketPage(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  members: Person[];
  entries: PacketItem[];
}) {
  const { ctx, session } = props;
  const h = ctx.t.headquarters;
  const { tenant, lang } = ctx;
  const gateName = localize({ ja: tenant.gate_name_ja, en: tenant.gate_name_en }, lang).text;
  const title = h.packetTitle(session.title);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${gateName}`}</title>
        <link rel="stylesheet" href={ctx.stylesheet} />
      </head>
      <body class="print-page">
        <main id="main" class="container">
          <div class="print-tools">
            <p>{h.printHint}</p>
            <p>
              <a href={href(lang, sessionPath(session.id))}>{h.backToSession}</a>
            </p>
          </div>
          <p class="print-gate">{gateName}</p>
          <h1>{title}</h1>
          <dl class="facts">
            <dt>{h.heldOn}</dt>
            <dd>{heldOnText(ctx, session)}</dd>
            <dt>{h.place}</dt>
            <dd>{session.place || h.noPlace}</dd>
            <dt>{h.members}</dt>
            <dd>
              {props.members.map((m) => m.name).join(lang === 'ja' ? '、' : ', ') || h.noMembers}
            </dd>
          </dl>
          <p class="print-moment">{ctx.t.proposal.printedAt(formatMoment(ctx, ctx.clock.now()))}</p>
          <p class="confidential-note">
            <ConfidentialLabel ctx={ctx} /> {h.confidentialNote}
          </p>
          {props.entries.length === 0 ? (
            <p>{h.agendaEmpty}</p>
          ) : (
            props.entries.map((entry, index) => (
              <PacketEntry ctx={ctx} session={session} entry={entry} position={index + 1} />
            ))
          )}
        </main>
      </body>
    </html>
  );
}
