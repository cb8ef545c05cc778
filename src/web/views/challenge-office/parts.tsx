import type { ChallengeStatus } from '../../../domain/challenge.ts';
import { localize } from '../../../domain/language.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { Form, SelectField, TextAreaField } from '../forms.tsx';

/** Parts shared by the staff pages about challenges and challenge calls. */

/** The two parts of the challenge work: the challenges, and the calls for them. */
export function ChallengeMenu(props: { ctx: PageContext }) {
  const { ctx } = props;
  const m = ctx.t.challenge;
  const parts = [
    ['/staff/challenges', m.listTitle],
    ['/staff/challenge-calls', m.callsTitle],
  ] as const;
  return (
    <nav class="admin-menu" aria-label={m.officeTitle}>
      <ul>
        <li>
          <a href={href(ctx.lang, '/staff')}>{ctx.t.account.staffArea}</a>
        </li>
        {parts.map(([path, label]) => (
          <li>
            <a
              href={href(ctx.lang, path)}
              aria-current={
                ctx.path === path
                  ? 'page'
                  : ctx.path.startsWith(`${path}/`)
                    ? 'location'
                    : undefined
              }
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A status as the staff pages name it. */
export function statusName(ctx: PageContext, status: ChallengeStatus): string {
  return ctx.t.challenge.statusNames[status];
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A date typed as 2026-12-20, with the format as its hint. */
export function DateInput(props: {
  ctx: PageContext;
  state: FormState;
  name: string;
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
}) {
  const { name, state, ctx } = props;
  const error = state.errors[name];
  const hint = [props.hint, ctx.t.challenge.dateHint].filter(Boolean).join(' ');
  return (
    <div class={`form-row${error ? ' form-row-error' : ''}`}>
      <label for={`field-${name}`}>
        {props.label}
        <span class={props.required ? 'badge badge-required' : 'badge'}>
          {props.required ? ctx.t.account.required : ctx.t.account.optional}
        </span>
      </label>
      <p class="hint" id={`hint-${name}`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        inputMode="numeric"
        autocomplete="off"
        value={state.values[name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, true, Boolean(error))}
        class="input input-short"
      />
    </div>
  );
}

/** A hand-over to a partner program, as recorded. */
export interface ReferralRecord {
  referred_at: Date;
  name_ja: string;
  name_en: string | null;
  note: string;
}

/** The hand-overs made so far, then the form for another (challenge or free proposal). */
export function ReferralSection(props: {
  ctx: PageContext;
  state: FormState;
  action: string;
  programs: { value: string; label: string }[];
  referrals: readonly ReferralRecord[];
  buttonClass: string;
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  const time = new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  });
  return (
    <>
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
      <Form ctx={ctx} action={props.action} csrf={ctx.csrf ?? ''}>
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
        <button type="submit" class={props.buttonClass}>
          {m.refer}
        </button>
      </Form>
    </>
  );
}
