import type { RoleGrant } from '../../../domain/policy.ts';
import type { MemberRow } from '../../../app/accounts/members.ts';
import type { SignedIn } from '../../../app/accounts/users.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, Form, Notice, TextField, hasErrors } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { CurrentPasswordField, NewPasswordFields } from './password-fields.tsx';

/** A moment as people in the tenant read it: 2026年12月3日 10:00 / 3 December 2026, 10:00. */
export function formatMoment(ctx: PageContext, moment: Date): string {
  return new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  }).format(moment);
}

export function RoleList(props: {
  ctx: PageContext;
  roles: readonly RoleGrant[];
  departments: Map<number, string>;
}) {
  const a = props.ctx.t.account;
  return (
    <ul>
      {props.roles.map((grant) => (
        <li>
          {a.roleNames[grant.role]}
          {' – '}
          {grant.departmentId === null
            ? a.allDepartments
            : (props.departments.get(grant.departmentId) ?? '')}
        </li>
      ))}
    </ul>
  );
}

export function AccountPage(props: {
  ctx: PageContext;
  signedIn: SignedIn;
  notice?: string | undefined;
  departments: Map<number, string>;
}) {
  const { ctx, signedIn } = props;
  const { user, actor, membership } = signedIn;
  const a = ctx.t.account;
  const link = (path: string, label: string) => (
    <li>
      <a href={href(ctx.lang, path)}>{label}</a>
    </li>
  );
  return (
    <Layout ctx={ctx} title={a.accountTitle}>
      {props.notice && <Notice>{props.notice}</Notice>}
      {actor.kind === 'proposer' && !actor.verified && (
        <Notice tone="warning">
          <p>{a.unverifiedNotice}</p>
          <ActionButton
            action={href(ctx.lang, '/account/verification')}
            csrf={ctx.csrf!}
            label={a.resendVerification}
            tone="secondary"
          />
        </Notice>
      )}
      <h2>{a.accountSection}</h2>
      <dl class="facts">
        <dt>{a.accountName}</dt>
        <dd>{user.name}</dd>
        <dt>{a.accountEmail}</dt>
        <dd>{user.email}</dd>
        {membership && (
          <>
            <dt>{a.organisation}</dt>
            <dd>{membership.organisation.name}</dd>
            <dt>{a.organisationRole}</dt>
            <dd>{a.organisationRoles[membership.role]}</dd>
          </>
        )}
        <dt>{a.twoFactorTitle}</dt>
        <dd>{user.totp_enabled_at ? a.twoFactorOn : a.twoFactorOff}</dd>
      </dl>
      {actor.kind === 'staff' && (
        <>
          <h2>{a.staffRolesHeading}</h2>
          <RoleList ctx={ctx} roles={actor.roles} departments={props.departments} />
        </>
      )}
      <ul class="link-list">
        {actor.kind === 'staff' && link('/staff', a.staffArea)}
        {membership && link('/my/proposals', ctx.t.proposal.myProposals)}
        {membership && link('/account/organisation', a.organisationTitle)}
        {link('/account/password', a.changePassword)}
        {link('/account/email', a.changeEmail)}
        {link('/account/two-factor', a.twoFactorTitle)}
        {link('/account/sessions', a.sessionsTitle)}
      </ul>
    </Layout>
  );
}

export function ChangePasswordPage(props: { ctx: PageContext; state: FormState; email: string }) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.changePassword} lead={a.changePasswordLead}>
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={{
          currentPassword: a.currentPassword,
          password: a.newPassword,
          passwordConfirm: a.passwordConfirm,
        }}
      />
      <Form ctx={ctx} action={href(ctx.lang, '/account/password')} csrf={ctx.csrf!}>
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <CurrentPasswordField ctx={ctx} state={state} />
        <NewPasswordFields ctx={ctx} state={state} />
        <div class="button-row">
          <button type="submit" class="button">
            {a.changePassword}
          </button>
          <a href={href(ctx.lang, '/account')}>{a.cancel}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function ChangeEmailPage(props: {
  ctx: PageContext;
  state: FormState;
  email: string;
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.changeEmail} lead={a.changeEmailLead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={{ email: a.newEmail, currentPassword: a.currentPassword }}
      />
      <dl class="facts">
        <dt>{a.accountEmail}</dt>
        <dd>{props.email}</dd>
      </dl>
      <Form ctx={ctx} action={href(ctx.lang, '/account/email')} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          label={a.newEmail}
          type="email"
          required
          autocomplete="email"
        />
        <CurrentPasswordField ctx={ctx} state={state} />
        <div class="button-row">
          <button type="submit" class="button">
            {a.changeEmail}
          </button>
          <a href={href(ctx.lang, '/account')}>{a.cancel}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function TwoFactorPage(props: {
  ctx: PageContext;
  state: FormState;
  enabled: boolean;
  staff: boolean;
  remaining: number;
  notice?: string | undefined;
}) {
  const { ctx, state } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.twoFactorTitle}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary ctx={ctx} state={state} labels={{ currentPassword: a.currentPassword }} />
      <p>{props.enabled ? a.twoFactorOn : a.twoFactorOff}</p>
      {props.enabled && <p>{a.recoveryCodesLeft(props.remaining)}</p>}
      {!props.enabled && (
        <Form ctx={ctx} action={href(ctx.lang, '/account/two-factor/start')} csrf={ctx.csrf!}>
          <CurrentPasswordField ctx={ctx} state={state} />
          <div class="button-row">
            <button type="submit" class="button">
              {a.twoFactorEnable}
            </button>
          </div>
        </Form>
      )}
      {props.enabled && (
        <Form ctx={ctx} action={href(ctx.lang, '/account/two-factor/change')} csrf={ctx.csrf!}>
          <CurrentPasswordField ctx={ctx} state={state} />
          <div class="button-row">
            <button type="submit" class="button" name="change" value="regenerate">
              {a.twoFactorRegenerate}
            </button>
            {!props.staff && (
              <button type="submit" class="button button-danger" name="change" value="disable">
                {a.twoFactorDisable}
              </button>
            )}
          </div>
          {props.staff && <p class="hint">{a.twoFactorRequiredForStaff}</p>}
        </Form>
      )}
    </Layout>
  );
}

export interface SessionRow {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

/** A short description of a browser from its user-agent string. */
function device(userAgent: string | null, fallback: string): string {
  if (!userAgent) {
    return fallback;
  }
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : '';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  const text = [browser, system].filter(Boolean).join(' / ');
  return text === '' ? userAgent.slice(0, 60) : text;
}

export function SessionsPage(props: {
  ctx: PageContext;
  sessions: SessionRow[];
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const a = ctx.t.account;
  return (
    <Layout ctx={ctx} title={a.sessionsTitle} lead={a.sessionsLead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={a.sessionsTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{a.sessionDevice}</th>
              <th scope="col">{a.sessionStarted}</th>
              <th scope="col">{a.sessionLastSeen}</th>
              <th scope="col">{a.sessionAddress}</th>
              <th scope="col">
                <span class="visually-hidden">{a.sessionEnd}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((session) => (
              <tr>
                <td>
                  {device(session.userAgent, a.unknownDevice)}
                  {session.current && <strong class="tag tag-open">{a.sessionCurrent}</strong>}
                </td>
                <td>{formatMoment(ctx, session.createdAt)}</td>
                <td>{formatMoment(ctx, session.lastSeenAt)}</td>
                <td>{session.clientAddress ?? a.unknownDevice}</td>
                <td>
                  {!session.current && (
                    <ActionButton
                      action={href(ctx.lang, '/account/sessions/end')}
                      csrf={ctx.csrf!}
                      label={a.sessionEnd}
                      fields={{ session: session.idHash }}
                      tone="secondary"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.sessions.length > 1 && (
        <ActionButton
          action={href(ctx.lang, '/account/sessions/end-others')}
          csrf={ctx.csrf!}
          label={a.sessionEndOthers}
          tone="danger"
        />
      )}
    </Layout>
  );
}

export function OrganisationPage(props: {
  ctx: PageContext;
  signedIn: SignedIn;
  members: MemberRow[];
  invitations: { id: number; email: string; expires_at: Date }[];
  state: FormState;
  notice?: string | undefined;
}) {
  const { ctx, signedIn, state } = props;
  const a = ctx.t.account;
  const organisation = signedIn.membership!.organisation;
  const verified = signedIn.user.email_verified_at !== null;
  // Members are managed by an administrator whose own address has been confirmed.
  const admin = signedIn.membership!.role === 'admin' && verified;
  return (
    <Layout ctx={ctx} error={hasErrors(state)} title={a.organisationTitle}>
      {props.notice && <Notice>{props.notice}</Notice>}
      {!verified && <Notice tone="warning">{a.unverifiedNotice}</Notice>}
      <ErrorSummary ctx={ctx} state={state} labels={{ email: a.email }} />
      <dl class="facts">
        <dt>{a.organisationName}</dt>
        <dd>{organisation.name}</dd>
        <dt>{a.organisationKind}</dt>
        <dd>{a.organisationKinds[organisation.kind]}</dd>
        {organisation.corporate_number && (
          <>
            <dt>{a.corporateNumber}</dt>
            <dd>{organisation.corporate_number}</dd>
          </>
        )}
        {organisation.address && (
          <>
            <dt>{a.address}</dt>
            <dd>{organisation.address}</dd>
          </>
        )}
        {organisation.website && (
          <>
            <dt>{a.website}</dt>
            <dd>{organisation.website}</dd>
          </>
        )}
      </dl>
      <h2 id="members-heading">{a.membersHeading}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="members-heading">
        <table>
          <thead>
            <tr>
              <th scope="col">{a.personName}</th>
              <th scope="col">{a.email}</th>
              <th scope="col">{a.organisationRole}</th>
              <th scope="col">{a.memberJoined}</th>
              {admin && (
                <th scope="col">
                  <span class="visually-hidden">{a.removeMember}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.members.map((member) => (
              <tr>
                <td>
                  {member.name}
                  {member.userId === signedIn.user.id && a.you}
                </td>
                <td>{member.email}</td>
                <td>{a.organisationRoles[member.role]}</td>
                <td>{formatMoment(ctx, member.joinedAt)}</td>
                {admin && (
                  <td>
                    {member.userId !== signedIn.user.id && (
                      <ActionButton
                        action={href(ctx.lang, '/account/organisation/members/remove')}
                        csrf={ctx.csrf!}
                        label={a.removeMember}
                        fields={{ user: String(member.userId) }}
                        tone="danger"
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin && (
        <>
          {props.invitations.length > 0 && (
            <>
              <h2>{a.pendingInvitations}</h2>
              <ul class="plain-list">
                {props.invitations.map((invitation) => (
                  <li>
                    {invitation.email} ({a.invitationExpires}:{' '}
                    {formatMoment(ctx, invitation.expires_at)}){' '}
                    <ActionButton
                      action={href(ctx.lang, '/account/organisation/invitations/cancel')}
                      csrf={ctx.csrf!}
                      label={a.cancelInvitation}
                      fields={{ invitation: String(invitation.id) }}
                      tone="secondary"
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{a.inviteHeading}</h2>
          <p>{a.inviteLead}</p>
          <Form
            ctx={ctx}
            action={href(ctx.lang, '/account/organisation/invitations')}
            csrf={ctx.csrf!}
          >
            <TextField
              ctx={ctx}
              state={state}
              name="email"
              label={a.email}
              type="email"
              required
              autocomplete="off"
            />
            <div class="button-row">
              <button type="submit" class="button">
                {a.inviteSubmit}
              </button>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}
