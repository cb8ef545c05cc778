import { formatDate } from '../../../domain/calendar.ts';
import {
  maxExclusiveMonthsRange,
  type ExclusiveDuration,
  type FairnessFlag,
  type ReviewedArrangement,
} from '../../../domain/fairness.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, Notice, TextField } from '../forms.tsx';
import { Layout } from '../layout.tsx';

export interface FairnessPageData {
  flags: FairnessFlag[];
  maxMonths: number;
  /** The reader may open the proposals' work pages (gate staff). */
  linkProposals: boolean;
  /** The reader may change the threshold (tenant admin). */
  configure: boolean;
  state: FormState;
  notice?: string | undefined;
}

function durationText(ctx: PageContext, duration: ExclusiveDuration): string {
  const f = ctx.t.fairness;
  switch (duration.kind) {
    case 'openEnded':
      return f.durations.openEnded;
    case 'exclusiveMonths':
      return f.durations.exclusiveMonths(duration.months);
    case 'agreement':
      return f.durations.agreement(duration.months, duration.days);
  }
}

function exclusivityText(ctx: PageContext, a: ReviewedArrangement): string {
  const f = ctx.t.fairness;
  const parts = [
    a.exclusivityTime === 'high' ? f.exclusivity.time : '',
    a.exclusivitySpace === 'high' ? f.exclusivity.space : '',
  ].filter(Boolean);
  return parts.join(f.listSeparator);
}

function ArrangementTable(props: { ctx: PageContext; flag: FairnessFlag; linkProposals: boolean }) {
  const { ctx, flag } = props;
  const f = ctx.t.fairness;
  const caption = f.tableCaption(flag.holder.name);
  const several = new Set(flag.several.map((a) => a.proposalId));
  return (
    <ScrollTable label={caption}>
      <thead>
        <tr>
          <th scope="col">{f.columns.proposal}</th>
          <th scope="col">{f.columns.period}</th>
          <th scope="col">{f.columns.duration}</th>
          <th scope="col">{f.columns.status}</th>
          <th scope="col">{f.columns.exclusivity}</th>
          <th scope="col">{f.columns.reasons}</th>
        </tr>
      </thead>
      <tbody>
        {flag.arrangements.map((a) => (
          <tr>
            <td>
              {props.linkProposals ? (
                <a href={href(ctx.lang, `/staff/proposals/${a.proposalId}`)}>{a.proposalTitle}</a>
              ) : (
                a.proposalTitle
              )}
            </td>
            <td>
              {f.period(
                formatDate(a.startsOn, ctx.lang),
                a.endsOn === null ? null : formatDate(a.endsOn, ctx.lang),
              )}
            </td>
            <td>{durationText(ctx, a.duration)}</td>
            <td>{a.status === 'ended' ? '' : f.statuses[a.status]}</td>
            <td>{exclusivityText(ctx, a)}</td>
            <td>
              {[several.has(a.proposalId) ? f.reasonSeveral : '', a.long ? f.reasonLong : '']
                .filter(Boolean)
                .join(f.listSeparator)}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/**
 * The fairness monitor for the gate: organisations holding several exclusive arrangements at
 * once, or one longer than the tenant's threshold, with their arrangements in words.
 */
export function FairnessPage(props: { ctx: PageContext; data: FairnessPageData }) {
  const { ctx, data } = props;
  const f = ctx.t.fairness;
  const range = maxExclusiveMonthsRange;
  return (
    <Layout ctx={ctx} title={f.title} lead={f.lead} error={hasErrors(data.state)}>
      <p>
        <a href={href(ctx.lang, '/staff')}>{f.backToInbox}</a>
      </p>
      {data.notice && <Notice>{data.notice}</Notice>}
      <ErrorSummary ctx={ctx} state={data.state} labels={{ months: f.monthsLabel }} />

      <h2>{f.thresholdHeading}</h2>
      <p>{f.thresholdText(data.maxMonths)}</p>
      <p>{f.scope}</p>

      <h2>{f.flaggedHeading(data.flags.length)}</h2>
      {data.flags.length === 0 && <p>{f.noFlags}</p>}
      {data.flags.map((flag, index) => (
        <section class="assessment" aria-labelledby={`holder-${index}`}>
          <h3 id={`holder-${index}`}>
            {flag.holder.name}
            {flag.holder.organisationId === null && <> {f.nameOnly}</>}
          </h3>
          <ul>
            {flag.several.length > 0 && <li>{f.several(flag.several.length)}</li>}
            {flag.long.length > 0 && <li>{f.long(flag.long.length, data.maxMonths)}</li>}
          </ul>
          <ArrangementTable ctx={ctx} flag={flag} linkProposals={data.linkProposals} />
        </section>
      ))}

      {data.configure && (
        <section aria-labelledby="threshold-form-heading">
          <h2 id="threshold-form-heading">{f.formHeading}</h2>
          <Form ctx={ctx} action={href(ctx.lang, '/staff/fairness/threshold')} csrf={ctx.csrf!}>
            <TextField
              ctx={ctx}
              state={data.state}
              name="months"
              label={f.monthsLabel}
              hint={f.monthsHint(range.min, range.max)}
              required
              inputMode="numeric"
              autocomplete="off"
              maxLength={8}
              size="short"
            />
            <div class="button-row">
              <button type="submit" class="button">
                {f.submit}
              </button>
            </div>
          </Form>
        </section>
      )}
    </Layout>
  );
}
