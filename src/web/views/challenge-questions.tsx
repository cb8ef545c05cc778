import { formatDate } from '../../domain/calendar.ts';
import { localize } from '../../domain/language.ts';
import type { FormState } from '../forms.ts';
import { ErrorSummary, Form, hasErrors, Notice, TextAreaField } from './forms.tsx';
import { href, type PageContext } from './context.ts';

/**
 * The public questions and answers of a challenge's theme call. Every answer is shown to
 * everyone, so every bidder knows the same things; the asker is never named.
 */

export type AskMode = 'form' | 'signIn' | 'unverified' | 'closed' | 'none';

export interface PublicAnswer {
  id: number;
  question: string;
  answer_ja: string | null;
  answer_en: string | null;
}

export function PublicQuestions(props: {
  ctx: PageContext;
  challengeId: number;
  answers: PublicAnswer[];
  mode: AskMode;
  /** The last day questions are taken, when they are. */
  until?: string | undefined;
  state: FormState;
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  const action = href(ctx.lang, `/challenges/${props.challengeId}/questions`);
  return (
    <section id="questions" aria-labelledby="questions-heading">
      <h2 id="questions-heading">{m.questionsHeading}</h2>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p>{m.publicQuestionsLead}</p>
      {props.answers.length === 0 ? (
        <p>{m.noQuestions}</p>
      ) : (
        props.answers.map((a, index) => (
          <div class="card qa">
            <h3>
              {m.question} {index + 1}
            </h3>
            <p class="qa-question">{a.question}</p>
            <h4>{m.answer}</h4>
            <p class="qa-answer">
              {localize({ ja: a.answer_ja ?? '', en: a.answer_en }, ctx.lang).text}
            </p>
          </div>
        ))
      )}
      {props.mode !== 'none' && <h3>{m.askHeading}</h3>}
      {props.mode === 'form' && (
        <>
          {hasErrors(state) && (
            <ErrorSummary ctx={ctx} state={state} labels={{ question: m.askLabel }} />
          )}
          {props.until && <p>{m.askUntil(formatDate(props.until, ctx.lang))}</p>}
          <Form ctx={ctx} action={action} csrf={ctx.csrf ?? ''}>
            <TextAreaField
              ctx={ctx}
              state={state}
              name="question"
              label={m.askLabel}
              hint={m.askHint}
              required
              rows={5}
            />
            <button type="submit" class="button">
              {m.ask}
            </button>
          </Form>
        </>
      )}
      {props.mode === 'signIn' && (
        <p>
          {props.until && `${m.askUntil(formatDate(props.until, ctx.lang))} `}
          {m.askSignIn} <a href={href(ctx.lang, '/signin')}>{ctx.t.account.signIn}</a>
        </p>
      )}
      {props.mode === 'unverified' && <p>{m.askUnverified}</p>}
      {props.mode === 'closed' &&
        (state.values.question ? (
          // A question sent too late: said at the top of the part, with the text kept to copy.
          <div class="error-summary" role="alert" tabIndex={-1} autofocus>
            <h2>{ctx.t.account.errorSummaryTitle}</h2>
            <p>{m.askClosed}</p>
            <p>
              {m.askLabel}
              {ctx.t.account.labelSeparator}
              {state.values.question}
            </p>
          </div>
        ) : (
          <p>{m.askClosed}</p>
        ))}
    </section>
  );
}
