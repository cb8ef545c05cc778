import type { AgreementView, DeliveryFileView } from '../../../app/delivery/agreement.ts';
import type { IndicatorView, ProjectView } from '../../../app/delivery/project.ts';
import type { DeliveryRecords } from '../../../app/delivery/records.ts';
import type { SelectionView } from '../../../app/delivery/selection.ts';
import {
  needsContractProcedure,
  type VerificationView,
} from '../../../app/delivery/verification.ts';
import { formatDate, formatFiscalYear } from '../../../domain/calendar.ts';
import {
  cityPays,
  originalityGrounds,
  type Burden,
  type SelectionReason,
} from '../../../domain/implementer-selection.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { Notice } from '../forms.tsx';
import { fileTypeLabel, formatBytes, formatYen } from '../proposals/parts.tsx';

/**
 * The delivery records as both sides read them: the selection record with its reasons in
 * words, the agreement, the project's indicators with their actual values, and the
 * verification. Staff see the internal facts too; the proposer sees what concerns them.
 */

export type Audience = 'staff' | 'proposer';

/** The address of a delivery file's download. */
export function deliveryFilePath(proposalId: number, fileId: number): string {
  return `/proposals/${proposalId}/delivery-files/${fileId}`;
}

/** One reason of the recommendation, in words. */
export function reasonText(ctx: PageContext, reason: SelectionReason): string {
  const d = ctx.t.delivery;
  switch (reason.kind) {
    case 'cityPays':
      return d.reasons.cityPays(formatYen(ctx, reason.totalYen), reason.upkeep);
    case 'openSpecification':
      return d.reasons.openSpecification;
    case 'highExclusivity':
      return d.reasons.highExclusivity(
        reason.dimensions.map((dimension) => d.dimensions[dimension]).join(d.listSeparator),
      );
    case 'lowExclusivity':
      return d.reasons.lowExclusivity;
    case 'originality':
      return d.reasons.originality(
        reason.grounds.map((ground) => d.grounds[ground]).join(d.listSeparator),
      );
    case 'limitExclusivity':
      return d.reasons.limitExclusivity;
  }
}

/** The recommended method with each of its reasons. */
export function Recommendation(props: {
  ctx: PageContext;
  method: SelectionView['recommendedMethod'];
  reasons: readonly SelectionReason[];
}) {
  const d = props.ctx.t.delivery;
  return (
    <div class="recommendation">
      <p>
        <strong>{d.recommendationIs(d.methods[props.method])}</strong>
      </p>
      <ul>
        {props.reasons.map((reason) => (
          <li>{reasonText(props.ctx, reason)}</li>
        ))}
      </ul>
    </div>
  );
}

function BurdenText(props: { ctx: PageContext; burden: Burden }) {
  const { ctx, burden } = props;
  const d = ctx.t.delivery;
  if (burden.kind === 'none' || burden.years.length === 0) {
    return <>{d.burdenNoneText}</>;
  }
  const total = burden.years.reduce((sum, year) => sum + year.amountYen, 0);
  return (
    <>
      <ul class="plain-list">
        {burden.years.map((year) => (
          <li>
            {formatFiscalYear(year.fiscalYear, ctx.lang)}: {formatYen(ctx, year.amountYen)}
            {year.upkeep && ` (${d.upkeep})`}
          </li>
        ))}
      </ul>
      <p>{d.burdenTotal(formatYen(ctx, total))}</p>
    </>
  );
}

/** The selection record; the proposer does not see the staff's notes or the procurement. */
export function SelectionSummary(props: {
  ctx: PageContext;
  selection: SelectionView;
  audience: Audience;
}) {
  const { ctx, selection } = props;
  const d = ctx.t.delivery;
  const staff = props.audience === 'staff';
  const grounds = originalityGrounds.filter((g) => (selection.originality[g] ?? '') !== '');
  return (
    <>
      {staff && cityPays(selection.burden) && (
        <Notice tone="warning">{d.specificationWarning}</Notice>
      )}
      <h4>{d.recommendationHeading}</h4>
      <Recommendation
        ctx={ctx}
        method={selection.recommendedMethod}
        reasons={selection.recommendedReasons}
      />
      <dl class="facts">
        <dt>{d.chosenMethod}</dt>
        <dd>
          <strong>{d.methods[selection.method]}</strong>
          {selection.method !== selection.recommendedMethod && <> {d.chosenDiffers}</>}
        </dd>
        {selection.staffReason !== '' && (
          <>
            <dt>{d.staffReason}</dt>
            <dd class="proposal-text">{selection.staffReason}</dd>
          </>
        )}
        <dt>{d.implementerLegend}</dt>
        <dd>{selection.implementerName}</dd>
        <dt>{d.burdenLegend}</dt>
        <dd>
          <BurdenText ctx={ctx} burden={selection.burden} />
        </dd>
        <dt>{d.exclusivityTimeLegend}</dt>
        <dd>
          {d.levels[selection.exclusivityTime]} (
          {selection.exclusiveMonths === null ? d.noLimit : d.monthsText(selection.exclusiveMonths)}
          )
          {staff && selection.exclusivityTimeNote !== '' && <> — {selection.exclusivityTimeNote}</>}
        </dd>
        <dt>{d.exclusivitySpaceLegend}</dt>
        <dd>
          {d.levels[selection.exclusivitySpace]}
          {staff && selection.exclusivitySpaceNote !== '' && (
            <> — {selection.exclusivitySpaceNote}</>
          )}
        </dd>
        <dt>{d.originalityLegend}</dt>
        <dd>
          {grounds.length === 0 ? (
            d.noGrounds
          ) : (
            <ul class="plain-list">
              {grounds.map((ground) => (
                <li>
                  {d.grounds[ground]}
                  {ctx.t.account.labelSeparator}
                  <span class="proposal-text">{selection.originality[ground]}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {staff && (selection.budgetYear !== null || selection.procedure !== '') && (
          <>
            <dt>{d.budgetYear}</dt>
            <dd>
              {selection.budgetYear === null
                ? d.notRecorded
                : formatFiscalYear(selection.budgetYear, ctx.lang)}
            </dd>
            <dt>{d.procedure}</dt>
            <dd class="proposal-text">{selection.procedure || d.notRecorded}</dd>
            <dt>{d.procedureResult}</dt>
            <dd class="proposal-text">{selection.procedureResult || d.notRecorded}</dd>
          </>
        )}
      </dl>
      {selection.themeCall && (
        <p>
          <a href={href(ctx.lang, `/challenges/${selection.themeCall.challengeId}`)}>
            {d.openCallLink}
          </a>{' '}
          {d.openCallUntil(formatDate(selection.themeCall.closesOn, ctx.lang))}
        </p>
      )}
    </>
  );
}

/** Files with their download links. */
export function DeliveryFiles(props: {
  ctx: PageContext;
  proposalId: number;
  files: readonly DeliveryFileView[];
}) {
  const { ctx } = props;
  if (props.files.length === 0) {
    return <p>{ctx.t.delivery.filesEmpty}</p>;
  }
  return (
    <ul class="thread-files">
      {props.files.map((file) => (
        <li class="file-name">
          <a href={href(ctx.lang, deliveryFilePath(props.proposalId, file.id))}>
            {ctx.t.delivery.fileLabel(
              file.fileName,
              fileTypeLabel(file.mediaType),
              formatBytes(ctx, file.size),
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The agreement: kind, parties with their roles, dates and documents. */
export function AgreementSummary(props: {
  ctx: PageContext;
  proposalId: number;
  agreement: AgreementView;
  files: readonly DeliveryFileView[];
}) {
  const { ctx, agreement } = props;
  const d = ctx.t.delivery;
  const day = (value: string) => formatDate(value, ctx.lang);
  return (
    <>
      <dl class="facts">
        <dt>{d.kindLegend}</dt>
        <dd>{d.kinds[agreement.kind]}</dd>
        <dt>{d.agreementTitle}</dt>
        <dd>{agreement.title}</dd>
        <dt>{d.partiesLegend}</dt>
        <dd>
          <ul class="plain-list">
            {agreement.parties.map((party) => (
              <li>
                <strong>{party.name}</strong>
                {party.responsibilities !== '' && (
                  <>
                    {ctx.t.account.labelSeparator}
                    <span class="proposal-text">{party.responsibilities}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{d.cityRoles}</dt>
        <dd class="proposal-text">{agreement.cityRoles}</dd>
        <dt>{d.partnerRoles}</dt>
        <dd class="proposal-text">{agreement.partnerRoles}</dd>
        <dt>{d.signedOn}</dt>
        <dd>{agreement.signedOn === null ? d.notSigned : day(agreement.signedOn)}</dd>
        <dt>{d.periodLabel}</dt>
        <dd>
          {agreement.endsOn === null
            ? d.periodOpen(day(agreement.startsOn))
            : d.period(day(agreement.startsOn), day(agreement.endsOn))}
        </dd>
      </dl>
      <h4>{d.documents}</h4>
      <DeliveryFiles ctx={ctx} proposalId={props.proposalId} files={props.files} />
    </>
  );
}

function formatNumber(ctx: PageContext, value: number): string {
  return new Intl.NumberFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(value);
}

/** The share of the target an actual value reaches, as a percentage. */
function shareOf(ctx: PageContext, value: number, target: number): string {
  return target === 0 ? '—' : `${formatNumber(ctx, Math.round((value / target) * 1000) / 10)}%`;
}

/** The indicators as a table: target, actual per period, and the share of target reached. */
export function IndicatorTable(props: { ctx: PageContext; indicators: readonly IndicatorView[] }) {
  const { ctx } = props;
  const d = ctx.t.delivery;
  if (props.indicators.length === 0) {
    return <p>{d.indicatorsEmpty}</p>;
  }
  const amount = (indicator: IndicatorView, value: number) =>
    `${formatNumber(ctx, value)}${indicator.unit === '' ? '' : ` ${indicator.unit}`}`;
  return (
    <ScrollTable label={d.indicatorsTable} showCaption>
      <thead>
        <tr>
          <th scope="col">{d.indicatorName}</th>
          <th scope="col">{d.indicatorTarget}</th>
          <th scope="col">{d.periodLabel}</th>
          <th scope="col">{d.actualValue}</th>
          <th scope="col">{d.achieved}</th>
        </tr>
      </thead>
      <tbody>
        {props.indicators.flatMap((indicator) =>
          indicator.actuals.length === 0
            ? [
                <tr>
                  <th scope="row">{indicator.name}</th>
                  <td>{amount(indicator, indicator.target)}</td>
                  <td colSpan={3}>{d.noActual}</td>
                </tr>,
              ]
            : indicator.actuals.map((actual) => (
                <tr>
                  <th scope="row">{indicator.name}</th>
                  <td>{amount(indicator, indicator.target)}</td>
                  <td>{actual.period}</td>
                  <td>
                    {amount(indicator, actual.value)}
                    {actual.note !== '' && <span class="hint proposal-text"> {actual.note}</span>}
                  </td>
                  <td>{shareOf(ctx, actual.value, indicator.target)}</td>
                </tr>
              )),
        )}
      </tbody>
    </ScrollTable>
  );
}

/** The latest actual value of an indicator, as a phrase. */
export function latestActual(ctx: PageContext, indicator: IndicatorView): string {
  const latest = indicator.actuals[indicator.actuals.length - 1];
  if (!latest) {
    return ctx.t.delivery.noActual;
  }
  const unit = indicator.unit === '' ? '' : ` ${indicator.unit}`;
  return `${formatNumber(ctx, latest.value)}${unit} (${latest.period}, ${shareOf(ctx, latest.value, indicator.target)})`;
}

/** The progress notes, newest first. */
export function ProjectNotes(props: { ctx: PageContext; project: ProjectView }) {
  const { ctx } = props;
  if (props.project.notes.length === 0) {
    return <p>{ctx.t.delivery.notesEmpty}</p>;
  }
  return (
    <ul class="plain-list project-notes">
      {props.project.notes.map((note) => (
        <li>
          <strong>{formatDate(note.notedOn, ctx.lang)}</strong> ({note.writtenBy})
          <div class="proposal-text">{note.body}</div>
        </li>
      ))}
    </ul>
  );
}

/** The verification: results per indicator, what worked and not, the views, what is next. */
export function VerificationSummary(props: {
  ctx: PageContext;
  verification: VerificationView;
  indicators: readonly IndicatorView[];
}) {
  const { ctx, verification } = props;
  const d = ctx.t.delivery;
  const results = props.indicators.filter(
    (indicator) => (verification.indicatorResults[String(indicator.id)] ?? '') !== '',
  );
  return (
    <>
      {results.length > 0 && (
        <dl class="facts">
          {results.map((indicator) => (
            <>
              <dt>{indicator.name}</dt>
              <dd class="proposal-text">{verification.indicatorResults[String(indicator.id)]}</dd>
            </>
          ))}
        </dl>
      )}
      <dl class="facts">
        <dt>{d.worked}</dt>
        <dd class="proposal-text">{verification.worked}</dd>
        <dt>{d.fellShort}</dt>
        <dd class="proposal-text">{verification.fellShort}</dd>
        <dt>{d.lessons}</dt>
        <dd class="proposal-text">{verification.lessons}</dd>
        <dt>{d.cityView}</dt>
        <dd class="proposal-text">{verification.cityView}</dd>
        <dt>{d.implementerView}</dt>
        <dd class="proposal-text">{verification.implementerView}</dd>
        <dt>{d.continuationLegend}</dt>
        <dd>
          {d.continuations[verification.continuation]}
          {verification.needsCityMoney && <> ({d.needsCityMoney})</>}
        </dd>
      </dl>
      {needsContractProcedure(verification) && <Notice tone="warning">{d.contractNote}</Notice>}
    </>
  );
}

/** What the proposer's page shows of the delivery, once each record exists. */
export function ProposerDelivery(props: {
  ctx: PageContext;
  proposalId: number;
  records: DeliveryRecords;
}) {
  const { ctx, records } = props;
  const d = ctx.t.delivery;
  const indicators = records.project.indicators;
  if (
    !records.selection &&
    !records.agreement &&
    indicators.length === 0 &&
    !records.verification
  ) {
    return null;
  }
  return (
    <section class="delivery" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{d.heading}</h2>
      {records.selection && (
        <>
          <h3>{d.selectionHeading}</h3>
          <SelectionSummary ctx={ctx} selection={records.selection} audience="proposer" />
        </>
      )}
      {records.agreement && (
        <>
          <h3>{d.agreementHeading}</h3>
          <AgreementSummary
            ctx={ctx}
            proposalId={props.proposalId}
            agreement={records.agreement}
            files={records.agreementFiles}
          />
        </>
      )}
      {indicators.length > 0 && (
        <>
          <h3>{d.indicatorsHeading}</h3>
          <IndicatorTable ctx={ctx} indicators={indicators} />
        </>
      )}
      {records.verification && (
        <>
          <h3>{d.verificationHeading}</h3>
          <VerificationSummary
            ctx={ctx}
            verification={records.verification}
            indicators={indicators}
          />
        </>
      )}
    </section>
  );
}
