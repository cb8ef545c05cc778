import type { ComponentChildren } from 'preact';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import {
  CheckboxField,
  ErrorSummary,
  Form,
  Notice,
  RadioGroup,
  TextField,
  hasErrors,
} from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { NewPasswordFields } from './password-fields.tsx';

const organisationKinds = ['company', 'npo', 'university', 'association', 'other'] as const;

/** A page that tells one thing, with links onwards. */
export function MessagePage(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  links?: { path: string; label: string }[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      {props.children}
      {props.links && (
        <ul class="link-list">
          {props.links.map((link) => (
            <li>
              <a href={href(ctx.lang, link.path)}>{link.label}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function SignUpPage(props: { ctx: PageContext; state: FormState }) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  const labels = {
    organisationName: a.organisationName,
    organisationKind: a.organisationKind,
    corporateNumber: a.corporateNumber,
    address: a.address,
    website: a.website,
    name: a.personName,
    email: a.email,
    password: a.password,
    passwordConfirm: a.passwordConfirm,
    consent: a.termsConsent,
  };
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.signUpTitle} lead={a.signUpLead}>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <Form ctx={ctx} action={href(ctx.lang, '/signup')} csrf={ctx.csrf!}>
        <fieldset class="form-section">
          <legend>{a.organisationSection}</legend>
          <TextField
            ctx={ctx}
            state={state}
            name="organisationName"
            label={labels.organisationName}
            required
            autocomplete="organization"
          />
          <RadioGroup
            ctx={ctx}
            state={state}
            name="organisationKind"
            legend={labels.organisationKind}
            required
            options={organisationKinds.map((kind) => ({
              value: kind,
              label: a.organisationKinds[kind],
            }))}
          />
          <TextField
            ctx={ctx}
            state={state}
            name="corporateNumber"
            label={labels.corporateNumber}
            hint={a.corporateNumberHint}
            inputMode="numeric"
            size="short"
          />
          <TextField
            ctx={ctx}
            state={state}
            name="address"
            label={labels.address}
            autocomplete="street-address"
          />
          <TextField
            ctx={ctx}
            state={state}
            name="website"
            label={labels.website}
            hint={a.websiteHint}
            type="url"
            autocomplete="url"
          />
        </fieldset>
        <fieldset class="form-section">
          <legend>{a.memberSection}</legend>
          <TextField
            ctx={ctx}
            state={state}
            name="name"
            label={labels.name}
            required
            autocomplete="name"
          />
          <TextField
            ctx={ctx}
            state={state}
            name="email"
            label={labels.email}
            hint={a.emailHint}
            type="email"
            required
            autocomplete="email"
          />
          <NewPasswordFields ctx={ctx} state={state} label={labels.password} />
        </fieldset>
        <p class="privacy-notice">{a.privacyNotice}</p>
        <CheckboxField ctx={ctx} state={state} name="consent" label={labels.consent} />
        <div class="button-row">
          <button type="submit" class="button">
            {a.signUpSubmit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

/** A page with one button that confirms what a link from an e-mail asks for. */
export function ConfirmLinkPage(props: {
  ctx: PageContext;
  title: string;
  lead: string;
  action: string;
  token: string;
  submit: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title} lead={props.lead}>
      <Form ctx={ctx} action={href(ctx.lang, props.action)} csrf={ctx.csrf!}>
        <input type="hidden" name="token" value={props.token} />
        <div class="button-row">
          <button type="submit" class="button">
            {props.submit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

export function SignInPage(props: {
  ctx: PageContext;
  state: FormState;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout
      ctx={ctx}
      error={hasErrors(state, props.problem)}
      title={a.signInTitle}
      lead={a.signInLead}
    >
      {props.notice && <Notice tone="warning">{props.notice}</Notice>}
      {props.problem && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{a.errorSummaryTitle}</h2>
          <p>{props.problem}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} state={state} labels={{ email: a.email, password: a.password }} />
      <Form ctx={ctx} action={href(ctx.lang, '/signin')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          label={a.email}
          type="email"
          required
          autocomplete="username"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="password"
          label={a.password}
          type="password"
          required
          autocomplete="current-password"
        />
        <div class="button-row">
          <button type="submit" class="button">
            {a.signInSubmit}
          </button>
        </div>
      </Form>
      <ul class="link-list">
        <li>
          <a href={href(ctx.lang, '/password/forgot')}>{a.forgotPassword}</a>
        </li>
        <li>
          {a.noAccount}: <a href={href(ctx.lang, '/signup')}>{a.signUp}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function SecondFactorPage(props: {
  ctx: PageContext;
  state: FormState;
  problem?: string | undefined;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout
      ctx={ctx}
      error={hasErrors(state, props.problem)}
      title={a.secondFactorTitle}
      lead={a.secondFactorLead}
    >
      {props.problem && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{a.errorSummaryTitle}</h2>
          <p>{props.problem}</p>
        </div>
      )}
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={{ code: a.totpCode, recoveryCode: a.recoveryCode }}
      />
      <Form ctx={ctx} action={href(ctx.lang, '/signin/verify')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={{ values: {}, errors: state.errors }}
          name="code"
          label={a.totpCode}
          hint={a.totpCodeHint}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
          size="short"
          maxLength={10}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {a.secondFactorSubmit}
          </button>
        </div>
      </Form>
      <h2>{a.recoveryCode}</h2>
      <p>{a.useRecoveryCode}</p>
      <Form ctx={ctx} action={href(ctx.lang, '/signin/recovery')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={{ values: {}, errors: state.errors }}
          name="recoveryCode"
          label={a.recoveryCode}
          hint={a.recoveryCodeHint}
          required
          autocomplete="off"
          size="short"
          maxLength={30}
        />
        <div class="button-row">
          <button type="submit" class="button button-secondary">
            {a.recoveryCodeSubmit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

/** Enrolment of an authenticator app: the QR code, the key as text, and the first code. */
export function EnrolPage(props: {
  ctx: PageContext;
  state: FormState;
  action: string;
  staff: boolean;
  qrSvg: string;
  secret: string;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  const qr = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`;
  // The key in groups of four, as apps show it, so it can be typed without losing one's place.
  const grouped = props.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.enrolTitle}>
      <ErrorSummary ctx={ctx} state={state} labels={{ code: a.totpCode }} />
      <p>{props.staff ? a.enrolLeadStaff : a.enrolLeadProposer}</p>
      <p>
        <img class="qr-code" src={qr} alt={a.qrCodeAlt} width={220} height={220} />
      </p>
      <p>{a.manualKey}</p>
      <p>
        <code class="secret-key" data-secret={props.secret}>
          {grouped}
        </code>
      </p>
      <p>{a.enrolCodeLead}</p>
      <Form ctx={ctx} action={href(ctx.lang, props.action)} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={{ values: {}, errors: state.errors }}
          name="code"
          label={a.totpCode}
          hint={a.totpCodeHint}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
          size="short"
          maxLength={10}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {a.enrolSubmit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

export function RecoveryCodesPage(props: { ctx: PageContext; codes: string[]; next: string }) {
  const { ctx } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} title={a.recoveryCodesTitle} lead={a.recoveryCodesLead}>
      <ul class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={href(ctx.lang, props.next)}>
          {a.recoveryCodesDone}
        </a>
      </p>
    </Layout>
  );
}

export function ForgotPasswordPage(props: {
  ctx: PageContext;
  state: FormState;
  problem?: string;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout
      ctx={ctx}
      error={hasErrors(state, props.problem)}
      title={a.forgotTitle}
      lead={a.forgotLead}
    >
      {props.problem && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{a.errorSummaryTitle}</h2>
          <p>{props.problem}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} state={state} labels={{ email: a.email }} />
      <Form ctx={ctx} action={href(ctx.lang, '/password/forgot')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          label={a.email}
          type="email"
          required
          autocomplete="username"
        />
        <div class="button-row">
          <button type="submit" class="button">
            {a.forgotSubmit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

/** Choosing a new password through a link: reset, staff set-up, or joining an organisation. */
export function NewPasswordPage(props: {
  ctx: PageContext;
  state: FormState;
  title: string;
  lead: string;
  action: string;
  token: string;
  submit: string;
  email: string;
  askName?: boolean;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={props.title} lead={props.lead}>
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={{ name: a.personName, password: a.newPassword, passwordConfirm: a.passwordConfirm }}
      />
      <Form ctx={ctx} action={href(ctx.lang, props.action)} csrf={ctx.csrf!}>
        <input type="hidden" name="token" value={props.token} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <dl class="facts">
          <dt>{a.email}</dt>
          <dd>{props.email}</dd>
        </dl>
        {props.askName && (
          <TextField
            ctx={ctx}
            state={state}
            name="name"
            label={a.personName}
            required
            autocomplete="name"
          />
        )}
        <NewPasswordFields ctx={ctx} state={state} />
        <div class="button-row">
          <button type="submit" class="button">
            {props.submit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}
