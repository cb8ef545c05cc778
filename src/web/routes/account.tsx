import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changePassword,
  confirmEmailChange,
  pendingEmailChange,
  requestEmailChange,
} from '../../app/accounts/credentials.ts';
import {
  acceptInvitation,
  cancelInvitation,
  InvitationError,
  inviteMember,
  listMembers,
  listPendingInvitations,
  openInvitation,
  removeMember,
} from '../../app/accounts/members.ts';
import { verifyPassword } from '../../app/accounts/password-hash.ts';
import { sendVerification } from '../../app/accounts/registration.ts';
import {
  disableTotp,
  enableTotp,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
} from '../../app/accounts/second-factor.ts';
import { revokeUserSessions } from '../../app/accounts/session-store.ts';
import { recordThrottleFailure, throttleKeys, throttleWait } from '../../app/accounts/throttle.ts';
import { newTotpSecret, totpQrSvg, totpUri } from '../../app/accounts/totp.ts';
import { tokenHash } from '../../app/accounts/tokens.ts';
import type { SignedIn } from '../../app/accounts/users.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import { audit, authorize, requireSignedIn } from '../auth.ts';
import {
  emailField,
  emptyForm,
  errorText,
  passwordField,
  readForm,
  requiredText,
  type FormState,
  tokenParam,
} from '../forms.ts';
import {
  AccountPage,
  ChangeEmailPage,
  ChangePasswordPage,
  OrganisationPage,
  SessionsPage,
  TwoFactorPage,
} from '../views/account/account-pages.tsx';
import {
  ConfirmLinkPage,
  EnrolPage,
  MessagePage,
  NewPasswordPage,
} from '../views/account/auth-pages.tsx';
import { passwordErrors, sendLinkInvalid, serviceEnv } from './auth.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

const changePasswordForm = z.object({
  currentPassword: passwordField,
  password: passwordField,
  passwordConfirm: z.string(),
});
const changeEmailForm = z.object({ email: emailField, currentPassword: passwordField });
const reauthForm = z.object({
  currentPassword: passwordField,
  change: z.enum(['regenerate', 'disable']).default('regenerate'),
});
const passwordOnlyForm = z.object({ currentPassword: passwordField });
const codeForm = z.object({ code: z.string().trim().min(1, 'required').max(20, 'codeInvalid') });
const tokenForm = z.object({ token: z.string().max(200) });
const inviteForm = z.object({ email: emailField });
const idField = (name: string) => z.object({ [name]: z.coerce.number().int().positive() });
const sessionForm = z.object({ session: z.string().min(1).max(100) });
const joinForm = z.object({
  token: z.string().max(200),
  name: requiredText(limits.name),
  password: passwordField,
  passwordConfirm: z.string(),
});

/** Names of the departments, for showing staff roles. */
async function departmentNames(request: FastifyRequest, lang: 'ja' | 'en') {
  const rows = await request.server.gate.database.db
    .selectFrom('department')
    .select(['id', 'name_ja', 'name_en'])
    .where('tenant_id', '=', request.server.gate.tenant().id)
    .execute();
  return new Map(
    rows.map((row) => [row.id, localize({ ja: row.name_ja, en: row.name_en }, lang).text]),
  );
}

/**
 * Checks the current password before a sensitive change. Wrong answers count toward the
 * account's sign-in throttling, so this form is no side door for guessing.
 */
async function reauthenticate(
  request: FastifyRequest,
  signedIn: SignedIn,
  password: string,
): Promise<'ok' | 'wrong' | number> {
  const gate = request.server.gate;
  const keys = throttleKeys(signedIn.user.email, request.ip);
  const wait = await throttleWait(gate.database.db, gate.clock, gate.tenant().id, 'signIn', keys);
  if (wait > 0) {
    return wait;
  }
  if (await verifyPassword(signedIn.user.password_hash, password)) {
    request.session.reauthenticatedAt = gate.clock.now().getTime();
    return 'ok';
  }
  await recordThrottleFailure(gate.database.db, gate.clock, gate.tenant().id, 'signIn', keys);
  await audit(request, {
    action: 'signIn.failure',
    targetKind: 'user',
    targetId: signedIn.user.id,
    details: { reason: 'wrongPassword', step: 'reauthentication' },
  });
  return 'wrong';
}

function reauthMessage(request: FastifyRequest, result: 'wrong' | number): string {
  const t = request.server.gate.context(request).t;
  return result === 'wrong'
    ? t.account.errors.passwordWrong
    : t.account.throttled(Math.max(1, Math.ceil(result / 60)));
}

type FormPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  state: FormState,
  status?: number,
) => Promise<FastifyReply> | FastifyReply;

/**
 * Re-authentication before a sensitive change: checks the current password and, when it is
 * wrong (or guessing is paused), answers with the form again and the reason beside the field.
 * Returns undefined when the password is right. (The reply is wrapped: a reply is thenable,
 * and an async function would otherwise wait on it and hand back undefined.)
 */
async function refuseWithoutPassword(
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: SignedIn,
  form: { data: { currentPassword: string } },
  values: Record<string, string>,
  page: FormPage,
): Promise<{ reply: FastifyReply | Promise<FastifyReply> } | undefined> {
  const check = await reauthenticate(request, signedIn, form.data.currentPassword);
  if (check === 'ok') {
    return undefined;
  }
  const state = { values, errors: { currentPassword: reauthMessage(request, check) } };
  return { reply: page(request, reply, state, check === 'wrong' ? 400 : 429) };
}

export function registerAccountRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const tenantId = () => gate.tenant().id;

  localized(app, 'GET', '/account', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <AccountPage
        ctx={ctx}
        signedIn={signedIn}
        notice={takeNotice(request)}
        departments={await departmentNames(request, ctx.lang)}
      />,
    );
  });

  localized(app, 'POST', '/account/verification', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    if (signedIn.user.kind !== 'proposer' || signedIn.user.email_verified_at !== null) {
      return redirectTo(request, reply, '/account');
    }
    // A few resends an hour: the mail goes to an address nobody has proved yet.
    const keys = throttleKeys(`verify:${signedIn.user.id}`, null);
    const wait = await throttleWait(db, gate.clock, tenantId(), 'reset', keys);
    if (wait > 0) {
      setNotice(request, t.account.resendThrottled(Math.max(1, Math.ceil(wait / 60))));
      return redirectTo(request, reply, '/account');
    }
    await recordThrottleFailure(db, gate.clock, tenantId(), 'reset', keys);
    await sendVerification(db, serviceEnv(request), signedIn.user);
    setNotice(request, t.account.verificationResent);
    return redirectTo(request, reply, '/account');
  });

  // Password

  const passwordPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const signedIn = requireSignedIn(request);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <ChangePasswordPage ctx={ctx} state={state} email={signedIn.user.email} />,
      status,
    );
  };

  localized(app, 'GET', '/account/password', async (request, reply) =>
    passwordPage(request, reply, emptyForm),
  );

  localized(app, 'POST', '/account/password', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const form = readForm(changePasswordForm, request.body, t);
    const values = form.ok ? form.values : form.state.values;
    const errors = {
      ...(form.ok ? {} : form.state.errors),
      ...passwordErrors(request, values, signedIn.user.email),
    };
    if (!form.ok || Object.keys(errors).length > 0) {
      return passwordPage(request, reply, { values, errors }, 400);
    }
    const refused = await refuseWithoutPassword(
      request,
      reply,
      signedIn,
      form,
      values,
      passwordPage,
    );
    if (refused) {
      return refused.reply;
    }
    await changePassword(
      serviceEnv(request),
      signedIn.user,
      form.data.password,
      request.session.sessionId,
    );
    setNotice(request, t.account.passwordChanged);
    return redirectTo(request, reply, '/account');
  });

  // E-mail address

  const emailPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const signedIn = requireSignedIn(request);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <ChangeEmailPage
        ctx={ctx}
        state={state}
        email={signedIn.user.email}
        notice={takeNotice(request)}
      />,
      status,
    );
  };

  localized(app, 'GET', '/account/email', async (request, reply) =>
    emailPage(request, reply, emptyForm),
  );

  localized(app, 'POST', '/account/email', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const form = readForm(changeEmailForm, request.body, t);
    if (!form.ok) {
      return emailPage(request, reply, form.state, 400);
    }
    const refused = await refuseWithoutPassword(
      request,
      reply,
      signedIn,
      form,
      form.values,
      emailPage,
    );
    if (refused) {
      return refused.reply;
    }
    await requestEmailChange(serviceEnv(request), signedIn.user, form.data.email);
    setNotice(request, t.account.changeEmailSent(form.data.email.toLowerCase()));
    return redirectTo(request, reply, '/account/email');
  });

  localized(app, 'GET', '/account/email/confirm', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    const token = tokenParam(request.query);
    const pending = await pendingEmailChange(serviceEnv(request), token);
    if (!pending) {
      return sendLinkInvalid(request, reply);
    }
    return sendPersonalPage(
      reply,
      <ConfirmLinkPage
        ctx={ctx}
        title={a.confirmEmailChangeTitle}
        lead={a.confirmEmailChangeLead(pending.email)}
        action="/account/email/confirm"
        token={token}
        submit={a.confirmEmailChangeSubmit}
      />,
    );
  });

  localized(app, 'POST', '/account/email/confirm', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    const parsed = tokenForm.safeParse(request.body ?? {});
    const ok = parsed.success && (await confirmEmailChange(serviceEnv(request), parsed.data.token));
    return sendPersonalPage(
      reply,
      <MessagePage
        ctx={ctx}
        title={ok ? a.emailChanged : a.linkInvalidTitle}
        links={[{ path: '/account', label: a.myPage }]}
      >
        <p>{ok ? a.emailChanged : a.linkInvalidBody}</p>
      </MessagePage>,
      ok ? 200 : 410,
    );
  });

  // Two-step verification

  const twoFactorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const signedIn = requireSignedIn(request);
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <TwoFactorPage
        ctx={ctx}
        state={state}
        enabled={signedIn.user.totp_enabled_at !== null}
        staff={signedIn.user.kind === 'staff'}
        remaining={await remainingRecoveryCodes(db, signedIn.user.id)}
        notice={takeNotice(request)}
      />,
      status,
    );
  };

  localized(app, 'GET', '/account/two-factor', async (request, reply) =>
    twoFactorPage(request, reply, emptyForm),
  );

  // Enrolling an app also needs the password: with only a stolen session, nobody can tie
  // the account to their own phone.
  localized(app, 'POST', '/account/two-factor/start', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const form = readForm(passwordOnlyForm, request.body, t);
    if (!form.ok) {
      return twoFactorPage(request, reply, form.state, 400);
    }
    const refused = await refuseWithoutPassword(request, reply, signedIn, form, {}, twoFactorPage);
    if (refused) {
      return refused.reply;
    }
    request.session.pendingTotpSecret = newTotpSecret();
    return redirectTo(request, reply, '/account/two-factor/enrol');
  });

  const enrolPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const signedIn = requireSignedIn(request);
    const secret = request.session.pendingTotpSecret;
    if (!secret || signedIn.user.totp_enabled_at) {
      return redirectTo(request, reply, '/account/two-factor');
    }
    const ctx = personalContext(request, reply);
    const issuer = localize(
      { ja: ctx.tenant.gate_name_ja, en: ctx.tenant.gate_name_en },
      ctx.lang,
    ).text;
    return sendPersonalPage(
      reply,
      <EnrolPage
        ctx={ctx}
        state={state}
        action="/account/two-factor/enrol"
        staff={signedIn.user.kind === 'staff'}
        qrSvg={await totpQrSvg(totpUri(secret, issuer, signedIn.user.email))}
        secret={secret}
      />,
      status,
    );
  };

  localized(app, 'GET', '/account/two-factor/enrol', async (request, reply) =>
    enrolPage(request, reply, emptyForm),
  );

  localized(app, 'POST', '/account/two-factor/enrol', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const secret = request.session.pendingTotpSecret;
    if (!secret || signedIn.user.totp_enabled_at) {
      return redirectTo(request, reply, '/account/two-factor');
    }
    const t = gate.context(request).t;
    const form = readForm(codeForm, request.body, t);
    if (!form.ok) {
      return enrolPage(request, reply, form.state, 400);
    }
    const codes = await enableTotp(serviceEnv(request), signedIn.user, secret, form.data.code);
    if (!codes) {
      return enrolPage(
        request,
        reply,
        { values: {}, errors: { code: errorText(t, 'codeInvalid') } },
        400,
      );
    }
    request.session.pendingTotpSecret = undefined;
    request.session.freshRecoveryCodes = codes;
    return redirectTo(request, reply, '/account/recovery-codes');
  });

  localized(app, 'POST', '/account/two-factor/change', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const form = readForm(reauthForm, request.body, t);
    if (!form.ok) {
      return twoFactorPage(request, reply, form.state, 400);
    }
    const refused = await refuseWithoutPassword(request, reply, signedIn, form, {}, twoFactorPage);
    if (refused) {
      return refused.reply;
    }
    if (!signedIn.user.totp_enabled_at) {
      return redirectTo(request, reply, '/account/two-factor');
    }
    if (form.data.change === 'disable') {
      if (signedIn.user.kind === 'staff') {
        return twoFactorPage(
          request,
          reply,
          { values: {}, errors: { currentPassword: t.account.twoFactorRequiredForStaff } },
          400,
        );
      }
      await disableTotp(serviceEnv(request), signedIn.user);
      setNotice(request, t.account.twoFactorDisabled);
      return redirectTo(request, reply, '/account/two-factor');
    }
    request.session.freshRecoveryCodes = await regenerateRecoveryCodes(
      serviceEnv(request),
      signedIn.user,
    );
    return redirectTo(request, reply, '/account/recovery-codes');
  });

  // Sessions

  localized(app, 'GET', '/account/sessions', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const ctx = personalContext(request, reply);
    const current = tokenHash(request.session.sessionId);
    const rows = await db
      .selectFrom('user_session')
      .select(['id_hash', 'created_at', 'last_seen_at', 'user_agent', 'client_address', 'data'])
      .where('user_id', '=', signedIn.user.id)
      .where('expires_at', '>', gate.clock.now())
      .orderBy('last_seen_at', 'desc')
      .execute();
    const sessions = rows
      .filter((row) => (row.data as { stage?: string }).stage === 'full' || row.id_hash === current)
      .map((row) => ({
        idHash: row.id_hash,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        userAgent: row.user_agent,
        clientAddress: row.client_address,
        current: row.id_hash === current,
      }));
    return sendPersonalPage(
      reply,
      <SessionsPage ctx={ctx} sessions={sessions} notice={takeNotice(request)} />,
    );
  });

  localized(app, 'POST', '/account/sessions/end', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const parsed = sessionForm.safeParse(request.body ?? {});
    let ended = 0;
    if (parsed.success && parsed.data.session !== tokenHash(request.session.sessionId)) {
      const result = await db
        .deleteFrom('user_session')
        .where('id_hash', '=', parsed.data.session)
        .where('user_id', '=', signedIn.user.id)
        .executeTakeFirst();
      ended = Number(result.numDeletedRows);
    }
    if (ended === 0) {
      return reply.callNotFound(); // not a session of this account (any more)
    }
    await audit(request, {
      action: 'session.revoked',
      targetKind: 'user',
      targetId: signedIn.user.id,
    });
    setNotice(request, t.account.sessionsEnded(ended));
    return redirectTo(request, reply, '/account/sessions');
  });

  localized(app, 'POST', '/account/sessions/end-others', async (request, reply) => {
    const signedIn = requireSignedIn(request);
    const t = gate.context(request).t;
    const ended = await revokeUserSessions(db, signedIn.user.id, {
      except: request.session.sessionId,
    });
    await audit(request, {
      action: 'session.revoked',
      targetKind: 'user',
      targetId: signedIn.user.id,
      details: { count: ended },
    });
    setNotice(request, t.account.sessionsEnded(ended));
    return redirectTo(request, reply, '/account/sessions');
  });

  // The organisation and its members

  const organisationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const signedIn = requireSignedIn(request);
    const membership = signedIn.membership;
    if (!membership) {
      return redirectTo(request, reply, '/account');
    }
    await authorize(request, 'organisation', 'view', {
      tenantId: tenantId(),
      id: membership.organisation.id,
    });
    const ctx = personalContext(request, reply);
    const admin = membership.role === 'admin';
    return sendPersonalPage(
      reply,
      <OrganisationPage
        ctx={ctx}
        signedIn={signedIn}
        members={await listMembers(db, membership.organisation.id)}
        invitations={
          admin
            ? await listPendingInvitations({ db, clock: gate.clock }, membership.organisation.id)
            : []
        }
        state={state}
        notice={takeNotice(request)}
      />,
      status,
    );
  };

  /** The organisation of a signed-in organisation admin (others get "not found"). */
  const managedOrganisation = async (request: FastifyRequest) => {
    const signedIn = requireSignedIn(request);
    const organisation = signedIn.membership?.organisation;
    await authorize(request, 'organisation', 'manageMembers', {
      tenantId: tenantId(),
      id: organisation?.id ?? 0,
    });
    return { signedIn, organisation: organisation! };
  };

  localized(app, 'GET', '/account/organisation', async (request, reply) =>
    organisationPage(request, reply, emptyForm),
  );

  localized(app, 'POST', '/account/organisation/invitations', async (request, reply) => {
    const { signedIn, organisation } = await managedOrganisation(request);
    const t = gate.context(request).t;
    const form = readForm(inviteForm, request.body, t);
    if (!form.ok) {
      return organisationPage(request, reply, form.state, 400);
    }
    const keys = throttleKeys(String(organisation.id), null);
    const wait = await throttleWait(db, gate.clock, tenantId(), 'invite', keys);
    if (wait > 0) {
      return organisationPage(
        request,
        reply,
        { values: form.values, errors: { email: t.account.throttled(Math.ceil(wait / 60)) } },
        429,
      );
    }
    try {
      await inviteMember(
        serviceEnv(request),
        organisation,
        signedIn.user,
        form.data.email,
        request.lang,
      );
    } catch (error) {
      if (error instanceof InvitationError) {
        return organisationPage(
          request,
          reply,
          { values: form.values, errors: { email: t.account.alreadyMember } },
          400,
        );
      }
      throw error;
    }
    // Invitations count toward a limit per organisation, so the form cannot be used to send
    // mail to strangers in bulk.
    await recordThrottleFailure(db, gate.clock, tenantId(), 'invite', keys);
    setNotice(request, t.account.invited(form.data.email.toLowerCase()));
    return redirectTo(request, reply, '/account/organisation');
  });

  localized(app, 'POST', '/account/organisation/invitations/cancel', async (request, reply) => {
    const { organisation } = await managedOrganisation(request);
    const t = gate.context(request).t;
    const parsed = idField('invitation').safeParse(request.body ?? {});
    const cancelled =
      parsed.success &&
      (await cancelInvitation(
        serviceEnv(request),
        organisation.id,
        parsed.data.invitation as number,
      ));
    if (!cancelled) {
      return reply.callNotFound();
    }
    await audit(request, {
      action: 'member.invitationCancelled',
      targetKind: 'organisation',
      targetId: organisation.id,
      targetLabel: organisation.name,
    });
    setNotice(request, t.account.invitationCancelled);
    return redirectTo(request, reply, '/account/organisation');
  });

  localized(app, 'POST', '/account/organisation/members/remove', async (request, reply) => {
    const { signedIn, organisation } = await managedOrganisation(request);
    const t = gate.context(request).t;
    const parsed = idField('user').safeParse(request.body ?? {});
    const userId = parsed.success ? (parsed.data.user as number) : 0;
    await authorize(request, 'user', 'disable', {
      tenantId: tenantId(),
      id: userId,
      kind: 'proposer',
      organisationId: organisation.id,
    });
    const name = await removeMember(serviceEnv(request), organisation, signedIn.user, userId);
    if (name === undefined) {
      return reply.callNotFound();
    }
    setNotice(request, t.account.memberRemoved(name));
    return redirectTo(request, reply, '/account/organisation');
  });

  // Joining an organisation through an invitation

  const joinPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    const invitation = await openInvitation(serviceEnv(request), token);
    if (!invitation || invitation.taken) {
      return sendPersonalPage(
        reply,
        <MessagePage
          ctx={ctx}
          title={a.linkInvalidTitle}
          links={[{ path: '/signin', label: a.signIn }]}
        >
          <p>{invitation ? a.alreadyMember : a.linkInvalidBody}</p>
        </MessagePage>,
        410,
      );
    }
    return sendPersonalPage(
      reply,
      <NewPasswordPage
        ctx={ctx}
        state={state}
        title={a.joinTitle}
        lead={a.joinLead(invitation.organisation.name)}
        action="/join"
        token={token}
        submit={a.joinSubmit}
        email={invitation.email}
        askName
      />,
      status,
    );
  };

  localized(app, 'GET', '/join', async (request, reply) => {
    const token = tokenParam(request.query);
    return joinPage(request, reply, token, emptyForm);
  });

  localized(app, 'POST', '/join', async (request, reply) => {
    const t = gate.context(request).t;
    const form = readForm(joinForm, request.body, t);
    const values = form.ok ? form.values : form.state.values;
    const token = values.token ?? '';
    const invitation = await openInvitation(serviceEnv(request), token);
    const errors = {
      ...(form.ok ? {} : form.state.errors),
      ...passwordErrors(request, values, invitation?.email),
    };
    if (!form.ok || Object.keys(errors).length > 0 || !invitation || invitation.taken) {
      return joinPage(request, reply, token, { values, errors }, 400);
    }
    const organisation = await acceptInvitation(serviceEnv(request), token, {
      name: form.data.name,
      password: form.data.password,
      lang: request.lang,
    });
    if (!organisation) {
      return joinPage(request, reply, token, { values, errors: {} }, 410);
    }
    await request.session.regenerate();
    setNotice(request, t.account.joined(organisation.name));
    return redirectTo(request, reply, '/signin');
  });
}
