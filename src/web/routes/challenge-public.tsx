import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { VNode } from 'preact';
import { z } from 'zod';
import { askQuestion } from '../../app/challenges/theme-calls.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { can, visitor } from '../../domain/policy.ts';
import { takesQuestions } from '../../domain/theme-call.ts';
import { publicAnswers, sharedCities } from '../../db/queries/challenge-office.ts';
import { findPublicChallenge } from '../../db/queries/challenges.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import type { Database } from '../../db/schema.ts';
import { authorize, NotFound, requireSignedIn } from '../auth.ts';
import { readForm, requiredText, type FormState } from '../forms.ts';
import { PublicQuestions, type AskMode } from '../views/challenge-questions.tsx';
import { ChallengePage } from '../views/challenges.tsx';
import type { PageContext } from '../views/context.ts';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';
import { pathId } from './challenge-staff.ts';

/**
 * A public challenge's page with its questions and answers, and the form that asks one.
 * Only a published or closed challenge has a page; everything else answers "not found".
 */

/** Builds the page of a public challenge for `request`; undefined when it has none. */
export async function challengePageView(
  db: Kysely<Database>,
  ctx: PageContext,
  request: FastifyRequest,
  id: number,
  ask: { state: FormState; notice?: string | undefined } = { state: { values: {}, errors: {} } },
): Promise<VNode | undefined> {
  const [challenge, taxonomies] = await Promise.all([
    findPublicChallenge(db, ctx.tenant.id, id),
    loadTaxonomies(db, ctx.tenant.id),
  ]);
  // The query reads public challenges only; the policy has the last word all the same.
  const visible =
    challenge &&
    can(visitor, 'challenge', 'view', {
      tenantId: challenge.tenant_id,
      departmentId: challenge.department_id,
      status: challenge.status,
    });
  if (!visible) {
    return undefined;
  }
  const [answers, cities] = await Promise.all([publicAnswers(db, id), sharedCities(db, id)]);
  const call = challenge.calls[0];
  const window = call && {
    opensOn: call.opens_on,
    closesOn: call.closes_on,
    questionDeadline: call.question_deadline,
  };
  const open =
    window !== undefined && challenge.status === 'published' && takesQuestions(window, ctx.today);
  const actor = request.actor;
  let mode: AskMode = 'none';
  if (open) {
    mode =
      actor.kind === 'visitor'
        ? 'signIn'
        : actor.kind === 'proposer'
          ? actor.verified
            ? 'form'
            : 'unverified'
          : 'none';
  } else if (window && ctx.today > (window.questionDeadline ?? window.closesOn)) {
    mode = 'closed';
  }
  return (
    <ChallengePage
      ctx={ctx}
      challenge={challenge}
      taxonomies={taxonomies}
      cities={cities.map((c) => localize({ ja: c.name_ja, en: c.name_en }, ctx.lang).text)}
      error={Object.keys(ask.state.errors).length > 0}
    >
      {call && (
        <PublicQuestions
          ctx={ctx}
          challengeId={id}
          answers={answers}
          mode={mode}
          until={open ? (window.questionDeadline ?? window.closesOn) : undefined}
          state={ask.state}
          notice={ask.notice}
        />
      )}
    </ChallengePage>
  );
}

const questionForm = z.object({ question: requiredText(limits.text) });

/** Registers the form that asks a public question on a theme call. */
export function registerChallengePublicRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;

  const again = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    state: FormState,
    status: number,
  ) => {
    // The page of the challenge, not of the address posted to (its language link, for one).
    const ctx = { ...personalContext(request, reply), path: `/challenges/${id}`, query: '' };
    const view = await challengePageView(db, ctx, request, id, { state });
    if (!view) {
      throw new NotFound();
    }
    return sendPersonalPage(reply, view, status);
  };

  localized(app, 'POST', '/challenges/:id/questions', async (request, reply) => {
    requireSignedIn(request);
    const id = pathId(request);
    const t = gate.context(request).t;
    const form = readForm(questionForm, request.body, t);
    const actor = request.actor;
    if (actor.kind !== 'proposer') {
      throw new NotFound();
    }
    if (!form.ok) {
      return again(request, reply, id, form.state, 400);
    }
    const today = gate.today();
    await authorize(request, 'themeQuestion', 'ask', { tenantId: gate.tenant().id, open: true });
    const asked = await askQuestion(
      { db, clock: gate.clock, tenantId: gate.tenant().id },
      {
        challengeId: id,
        today,
        userId: actor.userId,
        organisationId: actor.organisationId,
        question: form.data.question,
      },
    );
    if (!asked.ok) {
      const state = { values: form.values, errors: { question: t.challenge.askClosed } };
      return again(request, reply, id, state, 409);
    }
    setNotice(request, t.challenge.asked);
    return redirectTo(request, reply, `/challenges/${id}#questions`);
  });
}

/** The one-time notice of a signed-in visitor's page, if any. */
export function pageNotice(request: FastifyRequest): string | undefined {
  return request.signedIn ? takeNotice(request) : undefined;
}
