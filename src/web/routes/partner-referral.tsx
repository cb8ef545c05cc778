import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { referProposal } from '../../app/challenges/sharing.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { partnerChoices } from '../../db/queries/challenge-office.ts';
import { proposalAccess } from '../../db/queries/proposal-access.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { readForm, requiredText, type FormState } from '../forms.ts';
import { ProposalReferralPage } from '../views/challenge-office/proposal-referral.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';
import { challengeEnv, pathId } from './challenge-staff.ts';

/**
 * The hand-over of a free proposal to a partner program (Sapporo DX Lab, Local Innovation
 * Challenge HOKKAIDO). The gate routes proposals, so the policy's "assign" decides who may.
 */

const referralForm = z.object({ program: z.string(), note: requiredText(limits.text) });

/** Registers the gate's page that hands a free proposal to a partner program. */
export function registerPartnerReferralRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const path = '/staff/partner-referrals/proposals/:id';

  async function load(request: FastifyRequest) {
    requireSignedIn(request);
    const id = pathId(request);
    const proposal = await db
      .selectFrom('proposal')
      .select(['id', 'tenant_id', 'organisation_id', 'state', 'escalated_at', 'kind', 'title'])
      .select('receipt_number')
      .where('tenant_id', '=', gate.tenant().id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!proposal) {
      throw new NotFound();
    }
    const label = proposal.receipt_number ?? undefined;
    await authorize(request, 'proposal', 'assign', await proposalAccess(db, proposal), {
      id,
      label,
    });
    if (proposal.kind !== 'free') {
      throw new NotFound();
    }
    return proposal;
  }

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    proposal: Awaited<ReturnType<typeof load>>,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const [{ programs }, referrals] = await Promise.all([
      partnerChoices(db, gate.tenant().id),
      db
        .selectFrom('challenge_referral as r')
        .innerJoin('partner_program as p', 'p.id', 'r.partner_program_id')
        .select(['r.referred_at', 'r.note', 'p.name_ja', 'p.name_en'])
        .where('r.proposal_id', '=', proposal.id)
        .orderBy('r.id')
        .execute(),
    ]);
    return sendPersonalPage(
      reply,
      <ProposalReferralPage
        ctx={ctx}
        proposalId={proposal.id}
        receipt={proposal.receipt_number ?? ''}
        title={proposal.title}
        state={state}
        programs={programs.map((p) => ({
          value: String(p.id),
          label: localize({ ja: p.name_ja, en: p.name_en }, ctx.lang).text,
        }))}
        referrals={referrals}
        notice={takeNotice(request)}
      />,
      status,
    );
  };

  localized(app, 'GET', path, async (request, reply) =>
    page(request, reply, await load(request), { values: {}, errors: {} }),
  );

  localized(app, 'POST', path, async (request, reply) => {
    const proposal = await load(request);
    const t = gate.context(request).t;
    const form = readForm(referralForm, request.body, t);
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const { programs } = await partnerChoices(db, gate.tenant().id);
    const program = programs.find((p) => String(p.id) === values.program);
    if (!program) {
      errors.program = t.challenge.errors.choose;
    }
    if (!form.ok || !program) {
      return page(request, reply, proposal, { values, errors }, 400);
    }
    await referProposal(challengeEnv(request), proposal.id, program.id, form.data.note);
    setNotice(request, t.challenge.referred);
    return redirectTo(request, reply, `/staff/partner-referrals/proposals/${proposal.id}`);
  });
}
