import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isCalendarDate } from '../../app/accounts/audit-query.ts';
import { stepChallenge } from '../../app/challenges/review.ts';
import { referChallenge, shareChallenge } from '../../app/challenges/sharing.ts';
import { answerQuestion, saveThemeCall } from '../../app/challenges/theme-calls.ts';
import { addDays } from '../../domain/calendar.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import { partnerChoices } from '../../db/queries/challenge-office.ts';
import { authorize, NotFound } from '../auth.ts';
import { errorText, formValues, optionalText, requiredText, postedList } from '../forms.ts';
import { localized, personalContext, redirectTo, setNotice } from './localized.ts';
import { challengeEnv, pathId } from './challenge-staff.ts';
import {
  challengeDetailPages,
  challengeStepList,
  parse,
  policyObject,
} from './challenge-detail.tsx';

/**
 * The gate's work on one challenge: the steps (submit, return with a comment, publish,
 * close, archive), its theme call, public answers, the hand-over to a partner program and
 * sharing with partner cities. Each re-renders the challenge's page on a mistake.
 */

const themeCallForm = z.object({
  opensOn: z.string().trim(),
  closesOn: z.string().trim(),
  questionDeadline: z.string().trim(),
  conditions_ja: optionalText(limits.text),
  conditions_en: optionalText(limits.text),
  criteria_ja: optionalText(limits.text),
  criteria_en: optionalText(limits.text),
});

/** Registers the gate's steps, theme call, answers, referral and sharing of a challenge. */
export function registerChallengeReviewRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;
  const { enter, loadChallenge, detailPage } = challengeDetailPages(app);
  const steps = challengeStepList;

  localized(app, 'POST', '/staff/challenges/:id/step', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    const posted = formValues(request.body, ['step', 'comment', 'version']);
    // Every step form carries the version it showed; one without it is not ours.
    const seenVersion = /^\d{1,9}$/.test(posted.version ?? '') ? Number(posted.version) : -1;
    const step = steps.find((s) => s === posted.step);
    if (!step) {
      return detailPage(request, reply, data, { problem: m.errors.wrongStatus }, 400);
    }
    const comment = (posted.comment ?? '').trim();
    if (step === 'return' && comment === '') {
      const state = { values: { comment }, errors: { comment: m.errors.commentRequired } };
      return detailPage(request, reply, data, { state }, 400);
    }
    if (comment.length > limits.text) {
      const state = {
        values: { comment },
        errors: { comment: errorText(ctx.t, `tooLong:${limits.text}`) },
      };
      return detailPage(request, reply, data, { state }, 400);
    }
    if (!can(request.actor, 'challenge', step, policyObject(data.challenge))) {
      // Someone moved it first, or the step is not this actor's to take.
      await authorize(request, 'challenge', 'view', policyObject(data.challenge));
      return detailPage(request, reply, data, { problem: m.errors.wrongStatus }, 409);
    }
    const result = await stepChallenge(
      challengeEnv(request),
      data.challenge.id,
      step,
      step === 'return' ? comment : null,
      seenVersion,
    );
    await gate.refresh();
    if (!result.ok) {
      const fresh = await loadChallenge(request);
      const problem = result.reason === 'changed' ? m.errors.changedSince : m.errors.wrongStatus;
      return detailPage(request, reply, fresh, { problem }, 409);
    }
    setNotice(
      request,
      step === 'publish' && result.notified > 0
        ? m.publishedNotified(result.notified)
        : m.stepDone[step],
    );
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(app, 'POST', '/staff/challenges/:id/theme-call', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'manageThemeCall', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    const form = parse(themeCallForm, request.body, ctx);
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const opensOn = (values.opensOn ?? '').trim();
    const closesOn = (values.closesOn ?? '').trim();
    const questionDeadline = (values.questionDeadline ?? '').trim();
    for (const [name, value, optional] of [
      ['opensOn', opensOn, false],
      ['closesOn', closesOn, false],
      ['questionDeadline', questionDeadline, true],
    ] as const) {
      if (!(optional && value === '') && !isCalendarDate(value)) {
        errors[name] = m.errors.dateInvalid;
      }
    }
    if (!errors.opensOn && !errors.closesOn && closesOn < opensOn) {
      errors.closesOn = m.errors.closesBeforeOpens;
    }
    if (!errors.closesOn && !errors.questionDeadline && questionDeadline > closesOn) {
      errors.questionDeadline = m.errors.questionAfterClose;
    }
    // Questions are taken from the opening day: a deadline before it leaves no day to ask.
    if (
      !errors.opensOn &&
      !errors.questionDeadline &&
      questionDeadline !== '' &&
      questionDeadline < opensOn
    ) {
      errors.questionDeadline = m.errors.questionBeforeOpen;
    }
    // A call that has already ended, or one running beyond two years, is a typing mistake.
    if (!errors.closesOn && closesOn < ctx.today) {
      errors.closesOn = m.errors.closesInPast;
    }
    if (!errors.opensOn && !errors.closesOn && closesOn > addDays(opensOn, 731)) {
      errors.closesOn = m.errors.callTooLong;
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return detailPage(request, reply, data, { state: { values, errors } }, 400);
    }
    const orNull = (text: string) => (text === '' ? null : text);
    await saveThemeCall(challengeEnv(request), data.challenge.id, {
      opensOn,
      closesOn,
      questionDeadline: orNull(questionDeadline),
      conditionsJa: orNull(form.data.conditions_ja),
      conditionsEn: orNull(form.data.conditions_en),
      criteriaJa: orNull(form.data.criteria_ja),
      criteriaEn: orNull(form.data.criteria_en),
    });
    await gate.refresh();
    setNotice(request, m.themeCallSaved);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(
    app,
    'POST',
    '/staff/challenges/:id/questions/:question/answer',
    async (request, reply) => {
      await enter(request);
      const data = await loadChallenge(request);
      await authorize(request, 'themeQuestion', 'answer', { tenantId: tenantId(), open: true });
      const questionId = pathId(request, 'question');
      const question = data.questions.find((q) => q.id === questionId);
      if (!question) {
        throw new NotFound();
      }
      const ctx = personalContext(request, reply);
      const schema = z.object({
        [`answer_ja_${questionId}`]: requiredText(limits.text),
        [`answer_en_${questionId}`]: optionalText(limits.text),
      });
      const form = parse(schema, request.body, ctx);
      if (!form.ok) {
        return detailPage(request, reply, data, { state: form.state }, 400);
      }
      const en = String(form.data[`answer_en_${questionId}`] ?? '');
      await answerQuestion(challengeEnv(request), questionId, {
        ja: String(form.data[`answer_ja_${questionId}`]),
        en: en === '' ? null : en,
      });
      await gate.refresh();
      // A corrected answer is shown at once, but nobody is mailed about it twice.
      setNotice(
        request,
        question.answered_at === null ? ctx.t.challenge.answered : ctx.t.challenge.answerCorrected,
      );
      return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
    },
  );

  localized(app, 'POST', '/staff/challenges/:id/referral', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'refer', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const form = parse(
      z.object({ program: z.string(), note: requiredText(limits.text) }),
      request.body,
      ctx,
    );
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const { programs } = await partnerChoices(db, tenantId());
    const program = programs.find((p) => String(p.id) === values.program);
    if (!program) {
      errors.program = ctx.t.challenge.errors.choose;
    }
    if (!form.ok || !program) {
      return detailPage(request, reply, data, { state: { values, errors } }, 400);
    }
    await referChallenge(challengeEnv(request), data.challenge.id, program.id, form.data.note);
    setNotice(request, ctx.t.challenge.referred);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });

  localized(app, 'POST', '/staff/challenges/:id/sharing', async (request, reply) => {
    await enter(request);
    const data = await loadChallenge(request);
    await authorize(request, 'challenge', 'share', policyObject(data.challenge));
    const ctx = personalContext(request, reply);
    const chosen = postedList(request.body, 'cities');
    const { cities } = await partnerChoices(db, tenantId());
    if (chosen.some((id) => !cities.some((c) => String(c.id) === id))) {
      const state = {
        values: { cities: chosen.join(',') },
        errors: { cities: ctx.t.challenge.errors.cityRequired },
      };
      return detailPage(request, reply, data, { state }, 400);
    }
    await shareChallenge(challengeEnv(request), data.challenge.id, chosen.map(Number));
    await gate.refresh();
    setNotice(request, ctx.t.challenge.shared);
    return redirectTo(request, reply, `/staff/challenges/${data.challenge.id}`);
  });
}
