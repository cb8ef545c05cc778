import type { ComponentChildren } from 'preact';
import { formatFiscalYear } from '../../../domain/calendar.ts';
import { localize } from '../../../domain/language.ts';
import {
  proposalSections,
  totalBurden,
  type Disclosure,
  type ProposalSection,
} from '../../../domain/proposal.ts';
import { stageOf } from '../../../domain/proposal-state.ts';
import type { FormState } from '../../forms.ts';
import { formatMoment } from '../account/account-pages.tsx';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { nameOf } from '../labels.ts';
import {
  attachmentPath,
  fileTypeLabel,
  formatBytes,
  formatYen,
  Moment,
  stateLabel,
  type ProposalBundle,
} from './parts.tsx';

/** How much of the proposal the reader may see, and what links they get. */
export interface ReaderView {
  /** Confidential sections and files are shown (else only their marks). */
  showConfidential: boolean;
  /** Files link to their download. */
  downloads: boolean;
  /** For staff: who made each change, by user id; the proposer's view names nobody. */
  actorNames?: Map<number, string>;
}

function Mark(props: { ctx: PageContext; disclosure: Disclosure | undefined }) {
  const p = props.ctx.t.proposal;
  const { disclosure } = props;
  return (
    <p class="disclosure">
      {p.disclosure}
      {props.ctx.t.account.labelSeparator}
      <span class={disclosure?.mark === 'confidential' ? 'tag tag-confidential' : 'tag'}>
        {disclosure ? p.marks[disclosure.mark] : p.notMarked}
      </span>
      {disclosure?.mark === 'confidential' && disclosure.reason.trim() !== '' && (
        <>
          {' '}
          <span class="disclosure-reason">
            {p.disclosureReason}
            {props.ctx.t.account.labelSeparator}
            {disclosure.reason}
          </span>
        </>
      )}
    </p>
  );
}

function Text(props: { ctx: PageContext; text: string | undefined }) {
  const text = props.text?.trim() ?? '';
  return text === '' ? (
    <p class="not-written">{props.ctx.t.proposal.notWritten}</p>
  ) : (
    <div class="proposal-text">{text}</div>
  );
}

function IndicatorTable(props: { ctx: PageContext; bundle: ProposalBundle }) {
  const { ctx } = props;
  const p = ctx.t.proposal;
  const indicators = props.bundle.content.indicators;
  return (
    <>
      <h4>{p.indicators}</h4>
      {indicators.length === 0 ? (
        <p>{p.noIndicators}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={p.indicatorTable}>
          <table>
            <thead>
              <tr>
                <th scope="col">{p.indicatorName}</th>
                <th scope="col">{p.indicatorTarget}</th>
                <th scope="col">{p.indicatorUnit}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((indicator) => (
                <tr>
                  <td>{indicator.name}</td>
                  <td>{indicator.target}</td>
                  <td>{indicator.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function BurdenTable(props: { ctx: PageContext; bundle: ProposalBundle }) {
  const { ctx } = props;
  const p = ctx.t.proposal;
  const { content } = props.bundle;
  if (content.burdenKind === 'none') {
    return <p>{p.burdenNone}</p>;
  }
  if (content.burden.length === 0) {
    return <p>{p.burdenEmpty}</p>;
  }
  return (
    <ScrollTable label={p.burdenTable}>
      <thead>
        <tr>
          <th scope="col">{p.fiscalYear}</th>
          <th scope="col" class="number">
            {p.amount}
          </th>
          <th scope="col">{p.burdenType}</th>
          <th scope="col">{p.note}</th>
        </tr>
      </thead>
      <tbody>
        {content.burden.map((row) => (
          <tr>
            <td>{formatFiscalYear(row.fiscalYear, ctx.lang)}</td>
            <td class="number">{formatYen(ctx, row.amountYen)}</td>
            <td>{row.upkeep ? p.upkeep : p.projectCost}</td>
            <td>{row.note}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{p.total}</th>
          <td class="number">{formatYen(ctx, totalBurden(content.burden))}</td>
          <td></td>
          <td></td>
        </tr>
      </tfoot>
    </ScrollTable>
  );
}

/** The body of one section of a proposal, as the proposal pages show it. */
export function SectionBody(props: {
  ctx: PageContext;
  bundle: ProposalBundle;
  section: ProposalSection;
}) {
  const { ctx, bundle, section } = props;
  const p = ctx.t.proposal;
  const { content } = bundle;
  if (section === 'summary') {
    return <Text ctx={ctx} text={content.summary} />;
  }
  const text = content.sections[section];
  switch (section) {
    case 'effects':
      return (
        <>
          <Text ctx={ctx} text={text} />
          <IndicatorTable ctx={ctx} bundle={bundle} />
        </>
      );
    case 'cityRequests':
      return (
        <>
          {content.cityRequests.length > 0 && (
            <ul>
              {content.cityRequests.map((kind) => (
                <li>{p.cityRequestKinds[kind] ?? kind}</li>
              ))}
            </ul>
          )}
          <Text ctx={ctx} text={text} />
        </>
      );
    case 'burden':
      return (
        <>
          <BurdenTable ctx={ctx} bundle={bundle} />
          {text?.trim() && <Text ctx={ctx} text={text} />}
        </>
      );
    default:
      return <Text ctx={ctx} text={text} />;
  }
}

function Names(props: { ctx: PageContext; names: string[] }) {
  if (props.names.length === 0) {
    return <p>{props.ctx.t.proposal.noneChosen}</p>;
  }
  return (
    <ul class="tags">
      {props.names.map((name) => (
        <li class="tag">{name}</li>
      ))}
    </ul>
  );
}

function Attachments(props: { ctx: PageContext; bundle: ProposalBundle; reader: ReaderView }) {
  const { ctx, bundle, reader } = props;
  const p = ctx.t.proposal;
  if (bundle.attachments.length === 0) {
    return <p>{p.noAttachments}</p>;
  }
  return (
    <ScrollTable label={p.attachmentTable}>
      <thead>
        <tr>
          <th scope="col">{p.fileName}</th>
          <th scope="col">{p.fileSize}</th>
          <th scope="col">{p.fileType}</th>
          <th scope="col">{p.disclosure}</th>
        </tr>
      </thead>
      <tbody>
        {bundle.attachments.map((file) => {
          const hidden = file.disclosure === 'confidential' && !reader.showConfidential;
          return (
            <tr>
              <td class="file-name">
                {reader.downloads && !hidden ? (
                  <a href={href(ctx.lang, attachmentPath(bundle.proposal.id, file.id))}>
                    {file.file_name}
                  </a>
                ) : (
                  file.file_name
                )}
              </td>
              <td>{formatBytes(ctx, file.size_bytes)}</td>
              <td>{fileTypeLabel(file.media_type)}</td>
              <td>
                {p.marks[file.disclosure]}
                {file.disclosure === 'confidential' && file.disclosure_reason && (
                  <span class="disclosure-reason">
                    {' '}
                    ({p.disclosureReason}
                    {ctx.t.account.labelSeparator}
                    {file.disclosure_reason})
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

function Timeline(props: {
  ctx: PageContext;
  bundle: ProposalBundle;
  actorNames?: Map<number, string> | undefined;
}) {
  const { ctx, bundle, actorNames } = props;
  const p = ctx.t.proposal;
  return (
    <ScrollTable label={p.timelineTable}>
      <thead>
        <tr>
          <th scope="col">{p.eventAt}</th>
          <th scope="col">{p.eventChange}</th>
          {actorNames && <th scope="col">{ctx.t.staff.changedBy}</th>}
          <th scope="col">{p.eventReason}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            <Moment ctx={ctx} at={bundle.proposal.created_at} />
          </td>
          <td>{p.created}</td>
          {actorNames && <td></td>}
          <td></td>
        </tr>
        {bundle.events.map((event) => (
          <tr>
            <td>
              <Moment ctx={ctx} at={event.at} />
            </td>
            <td>
              {event.from_state ? `${stateLabel(ctx, event.from_state)} → ` : ''}
              {stateLabel(ctx, event.to_state)}
            </td>
            {actorNames && (
              <td>
                {event.actor_user_id === null
                  ? ctx.t.staff.systemActor
                  : (actorNames.get(event.actor_user_id) ?? '')}
              </td>
            )}
            <td class="proposal-text">{event.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/**
 * The whole proposal: facts and where it stands, every section with its disclosure mark,
 * preferences, attachments, declarations and history. The same on the proposer's page, the
 * staff page and the printable page.
 */
export function ProposalDocument(props: {
  ctx: PageContext;
  bundle: ProposalBundle;
  reader: ReaderView;
}) {
  const { ctx, bundle, reader } = props;
  const p = ctx.t.proposal;
  const { proposal, content, taxonomies } = bundle;
  const pick = <T extends { id: number; name_ja: string; name_en: string | null }>(
    items: T[],
    ids: number[],
  ) => items.filter((item) => ids.includes(item.id)).map((item) => nameOf(item, ctx.lang));
  const confirmed = bundle.grounds.filter((ground) => ground.code in proposal.eligibility);
  return (
    <div class="proposal-document">
      <h2>{p.facts}</h2>
      <dl class="facts">
        <dt>{p.receiptNumber}</dt>
        <dd>{proposal.receipt_number ?? p.notYet}</dd>
        <dt>{p.organisation}</dt>
        <dd>{bundle.organisationName}</dd>
        <dt>{p.kind}</dt>
        <dd>{p.kinds[proposal.kind]}</dd>
        {bundle.challengeTitle !== null && (
          <>
            <dt>{p.challenge}</dt>
            <dd>{bundle.challengeTitle}</dd>
          </>
        )}
        <dt>{p.submittedAt}</dt>
        <dd>
          <Moment ctx={ctx} at={proposal.submitted_at} />
        </dd>
        <dt>{p.updatedAt}</dt>
        <dd>
          <Moment ctx={ctx} at={proposal.updated_at} />
        </dd>
      </dl>

      <h2>{p.standing}</h2>
      <dl class="facts">
        <dt>{p.state}</dt>
        <dd>
          <strong>{stateLabel(ctx, proposal.state)}</strong>
        </dd>
        <dt>{p.stage}</dt>
        <dd>{ctx.t.stageNames[stageOf[proposal.state]]}</dd>
        {proposal.withdrawn_at && (
          <>
            <dt>{p.withdrawnAt}</dt>
            <dd>
              <Moment ctx={ctx} at={proposal.withdrawn_at} />
            </dd>
          </>
        )}
        {proposal.withdrawal_reason && (
          <>
            <dt>{p.withdrawalReason}</dt>
            <dd class="proposal-text">{proposal.withdrawal_reason}</dd>
          </>
        )}
      </dl>
      <p>{ctx.t.stateMeanings[proposal.state]}</p>

      <h2>{p.contents}</h2>
      {proposalSections.map((section) => {
        const disclosure = content.disclosure[section];
        const hidden = disclosure?.mark === 'confidential' && !reader.showConfidential;
        return (
          <section class="proposal-section" aria-labelledby={`section-${section}`}>
            <h3 id={`section-${section}`}>{p.sections[section]}</h3>
            <Mark ctx={ctx} disclosure={disclosure} />
            {hidden ? (
              <p class="withheld">{p.withheld}</p>
            ) : (
              <SectionBody ctx={ctx} bundle={bundle} section={section} />
            )}
          </section>
        );
      })}

      <h2>{p.preferences}</h2>
      <h3>{p.methods}</h3>
      <Names ctx={ctx} names={pick(taxonomies.methods, content.methodIds)} />
      <h3>{p.fields}</h3>
      <Names ctx={ctx} names={pick(taxonomies.fields, content.fieldIds)} />
      <h3>{p.concepts}</h3>
      <Names ctx={ctx} names={pick(taxonomies.concepts, content.conceptIds)} />

      <h2>{p.attachments}</h2>
      <Attachments ctx={ctx} bundle={bundle} reader={reader} />

      <h2>{p.eligibility}</h2>
      {confirmed.length === 0 ? (
        <p>{p.eligibilityNone}</p>
      ) : (
        <>
          <p>{p.eligibilityLead}</p>
          <ul>
            {confirmed.map((ground) => {
              const at = new Date(proposal.eligibility[ground.code]!);
              return (
                <li>
                  {localize({ ja: ground.text_ja, en: ground.text_en }, ctx.lang).text}
                  {Number.isNaN(at.getTime()) ? '' : p.confirmedAt(formatMoment(ctx, at))}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <h2>{p.privacy}</h2>
      <p>
        {proposal.privacy_notice_version
          ? p.privacyAccepted(proposal.privacy_notice_version)
          : p.privacyNotAccepted}
      </p>

      <h2>{p.timeline}</h2>
      <Timeline ctx={ctx} bundle={bundle} actorNames={reader.actorNames} />
    </div>
  );
}

/** A required text area with its hint and message, for the page's small forms. */
export function TextArea(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint: string;
  maxLength: number;
}) {
  const { ctx, state, name } = props;
  const error = state.errors[name];
  const described = [`hint-${name}`, error ? `error-${name}` : ''].filter(Boolean).join(' ');
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        <span class="badge badge-required">{ctx.t.account.required}</span>
      </label>
      <p class="hint" id={`hint-${name}`}>
        {props.hint}
      </p>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <textarea
        id={`field-${name}`}
        name={name}
        rows={5}
        required
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        class="input textarea"
        value={state.values[name] ?? ''}
      />
    </div>
  );
}

/** The row of links at the top of a proposal's page. */
export function Links(props: { children: ComponentChildren }) {
  return <ul class="link-list proposal-links">{props.children}</ul>;
}

/** A staff member's page of one proposal. */
