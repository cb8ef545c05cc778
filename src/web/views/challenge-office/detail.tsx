import { challengeTextNames, type ChallengeStep } from '../../../domain/challenge.ts';
import { localize } from '../../../domain/language.ts';
import type { OfficeChallenge } from '../../../db/queries/challenge-office.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, Form, hasErrors, TextAreaField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { AdminNotice, CheckboxGroup, Problem } from '../admin/parts.tsx';
import { ChallengeMenu, DateInput, ReferralSection, statusName } from './parts.tsx';

/** One challenge as staff see it: its texts, its status and what they may do with it. */

export interface ChallengePermissions {
  update: boolean;
  steps: ChallengeStep[];
  themeCall: boolean;
  answer: boolean;
  refer: boolean;
  share: boolean;
}

export function OfficeChallengePage(props: {
  ctx: PageContext;
  data: OfficeChallenge;
  department: string;
  callTitle: string | undefined;
  can: ChallengePermissions;
  state: FormState;
  problem?: string | undefined;
  notice?: string | undefined;
  programs: { value: string; label: string }[];
  cities: { value: string; label: string }[];
}) {
  const { ctx, data, can, state } = props;
  const { challenge } = data;
  const m = ctx.t.challenge;
  const title = localize({ ja: challenge.title_ja, en: challenge.title_en }, ctx.lang).text;
  const base = `/staff/challenges/${challenge.id}`;
  const csrf = ctx.csrf ?? '';
  const time = new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  });
  const labels: Record<string, string> = {
    comment: m.returnComment,
    opensOn: m.opensOn,
    closesOn: m.closesOn,
    questionDeadline: m.questionDeadline,
    program: m.program,
    note: m.referralNote,
    cities: m.cities,
  };
  for (const q of data.questions) {
    labels[`answer_ja_${q.id}`] = m.answerJa;
  }
  const plainSteps = can.steps.filter((step) => step !== 'return');
  return (
    <Layout ctx={ctx} title={title} error={hasErrors(state, props.problem)}>
      <ChallengeMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      {props.problem && <Problem ctx={ctx}>{props.problem}</Problem>}
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <dl class="facts">
        <dt>{m.status}</dt>
        <dd>{statusName(ctx, challenge.status)}</dd>
        <dt>{m.department}</dt>
        <dd>{props.department}</dd>
        <dt>{m.call}</dt>
        <dd>{props.callTitle ?? m.noCall}</dd>
        <dt>{m.updated}</dt>
        <dd>{time.format(challenge.updated_at)}</dd>
      </dl>
      {challenge.status === 'returned' && challenge.review_comment && (
        <section class="notice notice-warning" aria-labelledby="comment-heading">
          <h2 id="comment-heading">{m.reviewComment}</h2>
          <p>{challenge.review_comment}</p>
        </section>
      )}
      {(can.update || plainSteps.length > 0) && (
        <div class="button-row">
          {can.update && (
            <a class="button button-secondary" href={href(ctx.lang, `${base}/edit`)}>
              {m.editChallenge}
            </a>
          )}
          {plainSteps.map((step) => (
            <ActionButton
              action={href(ctx.lang, `${base}/step`)}
              csrf={csrf}
              label={m.steps[step]}
              fields={{ step, version: String(challenge.version) }}
              tone={step === 'archive' ? 'danger' : undefined}
            />
          ))}
        </div>
      )}
      {can.steps.includes('return') && (
        <section aria-labelledby="return-heading">
          <h2 id="return-heading">{m.steps.return}</h2>
          <Form ctx={ctx} action={href(ctx.lang, `${base}/step`)} csrf={csrf}>
            <input type="hidden" name="step" value="return" />
            <input type="hidden" name="version" value={String(challenge.version)} />
            <TextAreaField
              ctx={ctx}
              state={state}
              name="comment"
              label={m.returnComment}
              hint={m.returnHint}
              required
            />
            <button type="submit" class="button button-secondary">
              {m.steps.return}
            </button>
          </Form>
        </section>
      )}
      {challengeTextNames.map((name) => {
        const ja = challenge[`${name}_ja`];
        const en = challenge[`${name}_en`];
        if (name === 'title' || (!ja && !en)) {
          return null;
        }
        return (
          <section aria-labelledby={`text-${name}`}>
            <h2 id={`text-${name}`}>{m.textNames[name]}</h2>
            {ja && <p>{ja}</p>}
            {en && <p lang="en">{en}</p>}
          </section>
        );
      })}
      <ThemeCallSection ctx={ctx} data={data} state={state} can={can} base={base} />
      <QuestionsSection ctx={ctx} data={data} state={state} can={can} base={base} />
      {can.refer && (
        <section aria-labelledby="referral-heading">
          <h2 id="referral-heading">{m.referralHeading}</h2>
          <p>{m.referralLead}</p>
          <ReferralSection
            ctx={ctx}
            state={state}
            action={href(ctx.lang, `${base}/referral`)}
            programs={props.programs}
            referrals={data.referrals}
            buttonClass="button button-secondary"
          />
        </section>
      )}
      {can.share && (
        <section aria-labelledby="sharing-heading">
          <h2 id="sharing-heading">{m.sharingHeading}</h2>
          <p>{m.sharingLead}</p>
          <Form ctx={ctx} action={href(ctx.lang, `${base}/sharing`)} csrf={csrf}>
            <CheckboxGroup
              ctx={ctx}
              state={state}
              name="cities"
              legend={m.cities}
              options={props.cities}
            />
            <button type="submit" class="button button-secondary">
              {m.share}
            </button>
          </Form>
        </section>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{m.history}</h2>
        <ol class="link-list">
          {data.events.map((event) => (
            <li>
              {time.format(event.at)}{' '}
              {event.from_status === null
                ? m.created
                : m.historyEntry(
                    statusName(ctx, event.from_status as never),
                    statusName(ctx, event.to_status as never),
                  )}
              {event.actor ? ` (${event.actor})` : ''}
              {event.comment ? `: ${event.comment}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href={href(ctx.lang, '/staff/challenges')}>{m.backToList}</a>
      </p>
    </Layout>
  );
}

interface SectionProps {
  ctx: PageContext;
  data: OfficeChallenge;
  state: FormState;
  can: ChallengePermissions;
  base: string;
}

function ThemeCallSection(props: SectionProps) {
  const { ctx, state, base } = props;
  const m = ctx.t.challenge;
  if (!props.can.themeCall) {
    return null;
  }
  return (
    <section aria-labelledby="theme-call-heading">
      <h2 id="theme-call-heading">{m.themeCallHeading}</h2>
      <p>{m.themeCallLead}</p>
      <Form ctx={ctx} action={href(ctx.lang, `${base}/theme-call`)} csrf={ctx.csrf ?? ''}>
        <DateInput ctx={ctx} state={state} name="opensOn" label={m.opensOn} required />
        <DateInput ctx={ctx} state={state} name="closesOn" label={m.closesOn} required />
        <DateInput
          ctx={ctx}
          state={state}
          name="questionDeadline"
          label={m.questionDeadline}
          hint={m.questionDeadlineHint}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="conditions_ja"
          label={`${m.conditions}${m.japanese}`}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="conditions_en"
          label={`${m.conditions}${m.english}`}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="criteria_ja"
          label={`${m.criteria}${m.japanese}`}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="criteria_en"
          label={`${m.criteria}${m.english}`}
        />
        <button type="submit" class="button button-secondary">
          {m.saveThemeCall}
        </button>
      </Form>
    </section>
  );
}

function QuestionsSection(props: SectionProps) {
  const { ctx, data, state, base } = props;
  const m = ctx.t.challenge;
  if (data.calls.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">{m.questionsHeading}</h2>
      {data.questions.length === 0 && <p>{m.noQuestions}</p>}
      {data.questions.map((q, index) => (
        <article class="card" aria-labelledby={`question-${q.id}`}>
          <h3 id={`question-${q.id}`}>
            {m.question} {index + 1}
            {q.answered_at === null ? ` (${m.unanswered})` : ''}
          </h3>
          <p>{q.question}</p>
          <p class="hint">
            {m.askedBy}: {q.organisation}
          </p>
          {props.can.answer ? (
            <Form
              ctx={ctx}
              action={href(ctx.lang, `${base}/questions/${q.id}/answer`)}
              csrf={ctx.csrf ?? ''}
            >
              <TextAreaField
                ctx={ctx}
                state={state}
                name={`answer_ja_${q.id}`}
                label={m.answerJa}
                required
              />
              <TextAreaField
                ctx={ctx}
                state={state}
                name={`answer_en_${q.id}`}
                label={m.answerEn}
              />
              <button type="submit" class="button button-secondary">
                {q.answered_at === null ? m.publishAnswer : m.correctAnswer}
              </button>
            </Form>
          ) : (
            q.answer_ja && (
              <p>
                {m.answer}: {localize({ ja: q.answer_ja, en: q.answer_en }, ctx.lang).text}
              </p>
            )
          )}
        </article>
      ))}
    </section>
  );
}
