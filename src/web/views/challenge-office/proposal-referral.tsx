import { localize } from '../../../domain/language.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, SelectField, TextAreaField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminNotice } from '../admin/parts.tsx';

/** The page where the gate hands a free proposal to a partner program, with its record. */
export function ProposalReferralPage(props: {
  ctx: PageContext;
  proposalId: number;
  receipt: string;
  title: string;
  state: FormState;
  programs: { value: string; label: string }[];
  referrals: { referred_at: Date; name_ja: string; name_en: string | null; note: string }[];
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  const time = new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  });
  return (
    <Layout
      ctx={ctx}
      title={m.proposalReferralTitle(props.receipt)}
      lead={m.proposalReferralLead}
      error={hasErrors(state)}
    >
      <AdminNotice notice={props.notice} />
      <ErrorSummary ctx={ctx} state={state} labels={{ program: m.program, note: m.referralNote }} />
      <p>{props.title}</p>
      <h2>{m.referralHeading}</h2>
      {props.referrals.length === 0 ? (
        <p>{m.noReferrals}</p>
      ) : (
        <ul class="link-list">
          {props.referrals.map((r) => (
            <li>
              {time.format(r.referred_at)}{' '}
              {localize({ ja: r.name_ja, en: r.name_en }, ctx.lang).text}: {r.note}
            </li>
          ))}
        </ul>
      )}
      <Form
        ctx={ctx}
        action={href(ctx.lang, `/staff/partner-referrals/proposals/${props.proposalId}`)}
        csrf={ctx.csrf ?? ''}
      >
        <SelectField
          ctx={ctx}
          state={state}
          name="program"
          label={m.program}
          options={props.programs}
          blank=""
          required
        />
        <TextAreaField ctx={ctx} state={state} name="note" label={m.referralNote} required />
        <button type="submit" class="button">
          {m.refer}
        </button>
      </Form>
    </Layout>
  );
}
