import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, hasErrors } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminNotice } from '../admin/parts.tsx';
import { ReferralSection, type ReferralRecord } from './parts.tsx';

/** The page where the gate hands a free proposal to a partner program, with its record. */
export function ProposalReferralPage(props: {
  ctx: PageContext;
  proposalId: number;
  receipt: string;
  title: string;
  state: FormState;
  programs: { value: string; label: string }[];
  referrals: ReferralRecord[];
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
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
      <ReferralSection
        ctx={ctx}
        state={state}
        action={href(ctx.lang, `/staff/partner-referrals/proposals/${props.proposalId}`)}
        programs={props.programs}
        referrals={props.referrals}
        buttonClass="button"
      />
    </Layout>
  );
}
