import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  accountOfLink,
  requestPasswordReset,
  setPasswordWithLink,
} from '../../app/accounts/credentials.ts';
import { verifyPassword } from '../../app/accounts/password-hash.ts';
import { confirmEmail, registerOrganisation } from '../../app/accounts/registration.ts';
import { enableTotp, useRecoveryCode, verifyTotp } from '../../app/accounts/second-factor.ts';
import {
  clearThrottle,
  recordThrottleFailure,
  throttleKeys,
  throttleWait,
  type ThrottleScope,
} from '../../app/accounts/throttle.ts';
import { findToken } from '../../app/accounts/tokens.ts';
import { newTotpSecret, totpQrSvg, totpUri } from '../../app/accounts/totp.ts';
import { findUser, findUserByEmail, normaliseEmail } from '../../app/accounts/users.ts';
import { localize } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import type { UserAccount } from '../../db/schema.ts';
import { href } from '../views/context.ts';
import { audit, isLocalPath, originOf, sessionCookieName } from '../auth.ts';
import {
  checkbox,
  checkNewPassword,
  corporateNumberField,
  emailField,
  emptyForm,
  errorText,
  optionalText,
  optionalUrl,
  passwordField,
  readForm,
  requiredText,
  type FormState,
  tokenParam,
} from '../forms.ts';
import {
  ConfirmLinkPage,
  EnrolPage,
  ForgotPasswordPage,
  MessagePage,
  NewPasswordPage,
  RecoveryCodesPage,
  SecondFactorPage,
  SignInPage,
  SignUpPage,
} from '../views/account/auth-pages.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/** What the account services need from a request. */
export function serviceEnv(request: FastifyRequest) {
  const gate = request.server.gate;
  return {
    db: gate.database.db,
    clock: gate.clock,
    tenantId: gate.tenant().id,
    publicUrl: gate.config.publicUrl,
    origin: originOf(request),
  };
}

const signUpForm = z.object({
  organisationName: requiredText(limits.name),
  organisationKind: z.enum(['company', 'npo', 'university', 'association', 'other'], 'choose'),
  corporateNumber: corporateNumberField,
  address: optionalText(limits.name),
  website: optionalUrl,
  name: requiredText(limits.name),
  email: emailField,
  password: passwordField,
  passwordConfirm: z.string(),
  consent: checkbox,
});

const signInForm = z.object({ email: emailField, password: passwordField });
const emailOnlyForm = z.object({ email: emailField });
const codeForm = z.object({ code: z.string().trim().min(1, 'required').max(20, 'codeInvalid') });
const recoveryForm = z.object({
  recoveryCode: z.string().trim().min(1, 'required').max(40, 'codeInvalid'),
});
const newPasswordForm = z.object({
  token: z.string().max(200),
  password: passwordField,
  passwordConfirm: z.string(),
});
const tokenForm = z.object({ token: z.string().max(200) });

/** Adds the checks of a new password (quality and confirmation) to a form's errors. */
export function passwordErrors(
  request: FastifyRequest,
  values: Record<string, string>,
  email: string | undefined,
): Record<string, string> {
  const t = request.server.gate.context(request).t;
  const errors: Record<string, string> = {};
  const password = values.password ?? '';
  if (password === '') {
    return errors;
  }
  const problem = checkNewPassword(t, password, email);
  if (problem) {
    errors.password = problem;
  } else if (values.passwordConfirm !== password) {
    errors.passwordConfirm = t.account.errors.passwordMismatch;
  }
  return errors;
}

/**
 * The answer to a link from an e-mail that is expired, used up or unknown (410 Gone), with
 * where to go instead.
 */
export function sendLinkInvalid(
  request: FastifyRequest,
  reply: FastifyReply,
  links: { path: string; label: string }[] = [],
) {
  const ctx = personalContext(request, reply);
  const a = ctx.t.account;
  return sendPersonalPage(
    reply,
    <MessagePage ctx={ctx} title={a.linkInvalidTitle} links={links}>
      <p>{a.linkInvalidBody}</p>
    </MessagePage>,
    410,
  );
}

/** Seconds to wait → whole minutes for people (at least one). */
function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Where a signed-in person lands (a full path): where they were going, else their own area. */
function landing(request: FastifyRequest, user: Pick<UserAccount, 'kind'>): string {
  const returnTo = request.session.returnTo;
  request.session.returnTo = undefined;
  if (returnTo && isLocalPath(returnTo)) {
    return returnTo;
  }
  return href(request.lang, user.kind === 'staff' ? '/staff' : '/account');
}

/**
 * Finishes signing in once every factor is done: a fresh session id for the signed-in
 * session, its clocks started, and the record in the audit log.
 */
async function completeSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserAccount,
  method: string,
) {
  const now = request.server.gate.clock.now().getTime();
  const returnTo = request.session.returnTo;
  const freshCodes = request.session.freshRecoveryCodes;
  await request.session.regenerate();
  Object.assign(request.session, {
    userId: user.id,
    userKind: user.kind,
    stage: 'full',
    createdAt: now,
    lastSeenAt: now,
    reauthenticatedAt: now,
    userAgent: request.headers['user-agent']?.slice(0, 300),
    clientAddress: request.ip,
    returnTo,
    freshRecoveryCodes: freshCodes,
  });
  await audit(request, {
    action: 'signIn.success',
    actorUserId: user.id,
    actorEmail: user.email,
    targetKind: 'user',
    targetId: user.id,
    details: { method },
  });
  if (freshCodes) {
    return redirectTo(request, reply, '/account/recovery-codes');
  }
  return reply.redirect(landing(request, user), 303);
}

/** The account of a session that has passed the password but not yet the second factor. */
async function pendingUser(
  request: FastifyRequest,
  stage: 'secondFactor' | 'enrolSecondFactor',
): Promise<UserAccount | undefined> {
  const session = request.session as FastifyRequest['session'] | null;
  if (!session || session.stage !== stage || session.userId === undefined) {
    return undefined;
  }
  const user = await findUser(
    request.server.gate.database.db,
    request.server.gate.tenant().id,
    session.userId,
  );
  return user?.status === 'active' ? user : undefined;
}

async function throttled(
  request: FastifyRequest,
  scope: ThrottleScope,
  account: string | null,
): Promise<number> {
  const gate = request.server.gate;
  return throttleWait(
    gate.database.db,
    gate.clock,
    gate.tenant().id,
    scope,
    throttleKeys(account, request.ip),
  );
}

async function failed(request: FastifyRequest, scope: ThrottleScope, account: string | null) {
  const gate = request.server.gate;
  await recordThrottleFailure(
    gate.database.db,
    gate.clock,
    gate.tenant().id,
    scope,
    throttleKeys(account, request.ip),
  );
}

export function registerAuthRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;

  // Sign-up

  localized(app, 'GET', '/signup', async (request, reply) => {
    if (request.signedIn) {
      return redirectTo(request, reply, '/account');
    }
    const ctx = personalContext(request, reply);
    return sendPersonalPage(reply, <SignUpPage ctx={ctx} state={emptyForm} />);
  });

  localized(app, 'POST', '/signup', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const form = readForm(signUpForm, request.body, ctx.t);
    const values = form.ok ? form.values : form.state.values;
    const errors = {
      ...(form.ok ? {} : form.state.errors),
      ...passwordErrors(request, values, values.email),
    };
    if (!form.ok || Object.keys(errors).length > 0) {
      return sendPersonalPage(reply, <SignUpPage ctx={ctx} state={{ values, errors }} />, 400);
    }
    const wait = await throttled(request, 'signUp', null);
    if (wait > 0) {
      return sendPersonalPage(
        reply,
        <SignUpPage
          ctx={ctx}
          state={{ values, errors: { email: ctx.t.account.throttled(minutes(wait)) } }}
        />,
        429,
      );
    }
    await failed(request, 'signUp', null); // counts registrations from one address
    const data = form.data;
    await registerOrganisation(serviceEnv(request), {
      organisation: {
        name: data.organisationName,
        kind: data.organisationKind,
        corporateNumber: data.corporateNumber,
        address: data.address,
        website: data.website,
      },
      member: { name: data.name, email: data.email, password: data.password, lang: request.lang },
    });
    setNotice(request, normaliseEmail(data.email));
    return redirectTo(request, reply, '/signup/sent');
  });

  localized(app, 'GET', '/signup/sent', async (request, reply) => {
    const email = takeNotice(request);
    if (!email) {
      return redirectTo(request, reply, '/signup');
    }
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    return sendPersonalPage(
      reply,
      <MessagePage ctx={ctx} title={a.signUpSentTitle}>
        <p>{a.signUpSentBody(email)}</p>
        <p>{a.mailNotArrived}</p>
      </MessagePage>,
    );
  });

  // Confirming an address. The link only shows a button: mail scanners that open links must
  // not use up the token, and a GET never changes anything.

  localized(app, 'GET', '/verify', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    const token = tokenParam(request.query);
    if (!(await findToken(db, gate.clock, gate.tenant().id, 'verifyEmail', token))) {
      return sendLinkInvalid(request, reply, [{ path: '/account', label: a.myPage }]);
    }
    return sendPersonalPage(
      reply,
      <ConfirmLinkPage
        ctx={ctx}
        title={a.verifyTitle}
        lead={a.verifyLead}
        action="/verify"
        token={token}
        submit={a.verifySubmit}
      />,
    );
  });

  localized(app, 'POST', '/verify', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    const parsed = tokenForm.safeParse(request.body ?? {});
    const ok = parsed.success && (await confirmEmail(serviceEnv(request), parsed.data.token));
    if (!ok) {
      return sendLinkInvalid(request, reply, [{ path: '/account', label: a.myPage }]);
    }
    return sendPersonalPage(
      reply,
      <MessagePage
        ctx={ctx}
        title={a.verifiedTitle}
        links={[
          request.signedIn
            ? { path: '/account', label: a.myPage }
            : { path: '/signin', label: a.signIn },
        ]}
      >
        <p>{a.verifiedBody}</p>
      </MessagePage>,
    );
  });

  // Sign-in

  const signInPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    problem?: string,
  ) => {
    const ctx = personalContext(request, reply);
    const query = request.query as Record<string, string | undefined>;
    const notice =
      query.timeout !== undefined || request.sessionTimedOut
        ? ctx.t.account.sessionTimedOut
        : query.signedout !== undefined
          ? ctx.t.account.signedOut
          : takeNotice(request);
    return sendPersonalPage(
      reply,
      <SignInPage ctx={ctx} state={state} notice={notice} problem={problem} />,
      status,
    );
  };

  localized(app, 'GET', '/signin', async (request, reply) => {
    if (request.signedIn) {
      return reply.redirect(landing(request, request.signedIn.user), 303);
    }
    return signInPage(request, reply, emptyForm, 200);
  });

  localized(app, 'POST', '/signin', async (request, reply) => {
    const t = gate.context(request).t;
    const form = readForm(signInForm, request.body, t);
    if (!form.ok) {
      return signInPage(
        request,
        reply,
        { values: { email: form.state.values.email ?? '' }, errors: form.state.errors },
        400,
      );
    }
    const email = normaliseEmail(form.data.email);
    const keep = { values: { email: form.values.email ?? '' }, errors: {} };
    const wait = await throttled(request, 'signIn', email);
    if (wait > 0) {
      await audit(request, { action: 'signIn.throttled', actorEmail: email.slice(0, 254) });
      return signInPage(request, reply, keep, 429, t.account.throttled(minutes(wait)));
    }
    const user = await findUserByEmail(db, gate.tenant().id, email);
    // The password is checked even for an unknown or unusable account, so that the answer
    // takes the same time and reads the same whichever it is.
    const matches = await verifyPassword(user?.password_hash ?? null, form.data.password);
    if (!user || !matches || user.status !== 'active') {
      await failed(request, 'signIn', email);
      await audit(request, {
        action: 'signIn.failure',
        actorEmail: email.slice(0, 254),
        targetKind: user ? 'user' : null,
        targetId: user?.id ?? null,
        details: { reason: !user ? 'unknownEmail' : !matches ? 'wrongPassword' : user.status },
      });
      return signInPage(request, reply, keep, 401, t.account.signInFailed);
    }
    await clearThrottle(db, gate.tenant().id, ['signIn'], email);

    const returnTo = request.session.returnTo;
    await request.session.regenerate();
    const now = gate.clock.now().getTime();
    const enrolled = user.totp_enabled_at !== null;
    Object.assign(request.session, {
      userId: user.id,
      userKind: user.kind,
      stage: enrolled ? 'secondFactor' : user.kind === 'staff' ? 'enrolSecondFactor' : 'full',
      createdAt: now,
      lastSeenAt: now,
      returnTo,
    });
    if (enrolled) {
      return redirectTo(request, reply, '/signin/verify');
    }
    if (user.kind === 'staff') {
      return redirectTo(request, reply, '/signin/enrol');
    }
    return completeSignIn(request, reply, user, 'password');
  });

  // Second factor

  localized(app, 'GET', '/signin/verify', async (request, reply) => {
    if (!(await pendingUser(request, 'secondFactor'))) {
      return redirectTo(request, reply, '/signin');
    }
    const ctx = personalContext(request, reply);
    return sendPersonalPage(reply, <SecondFactorPage ctx={ctx} state={emptyForm} />);
  });

  const secondFactorAttempt =
    (kind: 'totp' | 'recovery') => async (request: FastifyRequest, reply: FastifyReply) => {
      const user = await pendingUser(request, 'secondFactor');
      if (!user) {
        return redirectTo(request, reply, '/signin');
      }
      const ctx = personalContext(request, reply);
      const t = ctx.t;
      const field = kind === 'totp' ? 'code' : 'recoveryCode';
      const form = readForm(kind === 'totp' ? codeForm : recoveryForm, request.body, t);
      if (!form.ok) {
        return sendPersonalPage(reply, <SecondFactorPage ctx={ctx} state={form.state} />, 400);
      }
      const wait = await throttled(request, 'secondFactor', String(user.id));
      if (wait > 0) {
        await audit(request, {
          action: 'signIn.throttled',
          actorUserId: user.id,
          actorEmail: user.email,
          details: { step: 'secondFactor' },
        });
        return sendPersonalPage(
          reply,
          <SecondFactorPage
            ctx={ctx}
            state={emptyForm}
            problem={t.account.throttled(minutes(wait))}
          />,
          429,
        );
      }
      const value = Object.values(form.data)[0] as string;
      const env = serviceEnv(request);
      const ok =
        kind === 'totp'
          ? await verifyTotp(env, user, value)
          : await useRecoveryCode(env, user, value);
      if (!ok) {
        await failed(request, 'secondFactor', String(user.id));
        await audit(request, {
          action: 'secondFactor.failure',
          actorUserId: user.id,
          actorEmail: user.email,
          targetKind: 'user',
          targetId: user.id,
          details: { method: kind },
        });
        return sendPersonalPage(
          reply,
          <SecondFactorPage
            ctx={ctx}
            state={{
              values: {},
              errors: {
                [field]: errorText(t, kind === 'totp' ? 'codeInvalid' : 'recoveryCodeInvalid'),
              },
            }}
          />,
          401,
        );
      }
      await clearThrottle(db, gate.tenant().id, ['secondFactor'], String(user.id));
      await audit(request, {
        action: 'secondFactor.success',
        actorUserId: user.id,
        actorEmail: user.email,
        targetKind: 'user',
        targetId: user.id,
        details: { method: kind },
      });
      return completeSignIn(request, reply, user, kind);
    };

  localized(app, 'POST', '/signin/verify', secondFactorAttempt('totp'));
  localized(app, 'POST', '/signin/recovery', secondFactorAttempt('recovery'));

  // Enrolment of the second factor at a staff member's first sign-in

  const enrolPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserAccount,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    const secret = (request.session.pendingTotpSecret ??= newTotpSecret());
    const issuer = localize(
      { ja: ctx.tenant.gate_name_ja, en: ctx.tenant.gate_name_en },
      ctx.lang,
    ).text;
    const svg = await totpQrSvg(totpUri(secret, issuer, user.email));
    return sendPersonalPage(
      reply,
      <EnrolPage
        ctx={ctx}
        state={state}
        action={
          user.kind === 'staff' && !request.signedIn ? '/signin/enrol' : '/account/two-factor/enrol'
        }
        staff={user.kind === 'staff'}
        qrSvg={svg}
        secret={secret}
      />,
      status,
    );
  };

  localized(app, 'GET', '/signin/enrol', async (request, reply) => {
    const user = await pendingUser(request, 'enrolSecondFactor');
    if (!user) {
      return redirectTo(request, reply, '/signin');
    }
    return enrolPage(request, reply, user, emptyForm);
  });

  localized(app, 'POST', '/signin/enrol', async (request, reply) => {
    const user = await pendingUser(request, 'enrolSecondFactor');
    const secret = request.session.pendingTotpSecret;
    if (!user || !secret) {
      return redirectTo(request, reply, '/signin');
    }
    const t = gate.context(request).t;
    const form = readForm(codeForm, request.body, t);
    if (!form.ok) {
      return enrolPage(request, reply, user, form.state, 400);
    }
    const wait = await throttled(request, 'secondFactor', String(user.id));
    const codes =
      wait > 0 ? null : await enableTotp(serviceEnv(request), user, secret, form.data.code);
    if (!codes) {
      await failed(request, 'secondFactor', String(user.id));
      const message = wait > 0 ? t.account.throttled(minutes(wait)) : errorText(t, 'codeInvalid');
      return enrolPage(request, reply, user, { values: {}, errors: { code: message } }, 400);
    }
    request.session.pendingTotpSecret = undefined;
    request.session.freshRecoveryCodes = codes;
    return completeSignIn(request, reply, user, 'totpEnrolment');
  });

  localized(app, 'GET', '/account/recovery-codes', async (request, reply) => {
    const codes = request.session.freshRecoveryCodes;
    if (!request.signedIn || !codes) {
      return redirectTo(request, reply, '/account');
    }
    request.session.freshRecoveryCodes = undefined;
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <RecoveryCodesPage
        ctx={ctx}
        codes={codes}
        next={request.signedIn.user.kind === 'staff' ? '/staff' : '/account'}
      />,
    );
  });

  // Sign-out

  localized(app, 'POST', '/signout', async (request, reply) => {
    const session = request.session as FastifyRequest['session'] | null;
    if (session?.userId !== undefined) {
      await audit(request, {
        action: 'signOut',
        actorUserId: session.userId,
        actorEmail: request.signedIn?.user.email ?? null,
      });
    }
    await session?.destroy();
    void reply.clearCookie(sessionCookieName(gate.config.publicUrl.startsWith('https://')), {
      path: '/',
    });
    return reply.redirect(`${request.lang === 'en' ? '/en' : ''}/signin?signedout=1`, 303);
  });

  // Forgotten password

  localized(app, 'GET', '/password/forgot', async (request, reply) => {
    const ctx = personalContext(request, reply);
    return sendPersonalPage(reply, <ForgotPasswordPage ctx={ctx} state={emptyForm} />);
  });

  localized(app, 'POST', '/password/forgot', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const form = readForm(emailOnlyForm, request.body, ctx.t);
    if (!form.ok) {
      return sendPersonalPage(reply, <ForgotPasswordPage ctx={ctx} state={form.state} />, 400);
    }
    const email = normaliseEmail(form.data.email);
    // Too many requests from one address get a visible pause; too many for one account are
    // silently not sent, so the answer never tells whether the account exists.
    const addressWait = await throttleWait(
      db,
      gate.clock,
      gate.tenant().id,
      'reset',
      throttleKeys(null, request.ip),
    );
    if (addressWait > 0) {
      return sendPersonalPage(
        reply,
        <ForgotPasswordPage
          ctx={ctx}
          state={{ values: form.values, errors: {} }}
          problem={ctx.t.account.throttled(minutes(addressWait))}
        />,
        429,
      );
    }
    const accountWait = await throttleWait(
      db,
      gate.clock,
      gate.tenant().id,
      'reset',
      throttleKeys(email, null),
    );
    await failed(request, 'reset', email);
    if (accountWait === 0) {
      await requestPasswordReset(serviceEnv(request), email);
    }
    return redirectTo(request, reply, '/password/forgot/sent');
  });

  localized(app, 'GET', '/password/forgot/sent', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    return sendPersonalPage(
      reply,
      <MessagePage
        ctx={ctx}
        title={a.forgotSentTitle}
        links={[{ path: '/signin', label: a.signIn }]}
      >
        <p>{a.forgotSentBody}</p>
      </MessagePage>,
    );
  });

  // Choosing a password through a link: reset, and a new staff member's set-up

  for (const [path, purpose] of [
    ['/password/reset', 'resetPassword'],
    ['/account/setup', 'staffSetup'],
  ] as const) {
    const page = (
      request: FastifyRequest,
      reply: FastifyReply,
      user: UserAccount,
      token: string,
      state: FormState,
      status = 200,
    ) => {
      const ctx = personalContext(request, reply);
      const a = ctx.t.account;
      return sendPersonalPage(
        reply,
        <NewPasswordPage
          ctx={ctx}
          state={state}
          title={purpose === 'staffSetup' ? a.setupTitle : a.resetTitle}
          lead={purpose === 'staffSetup' ? a.setupLead : a.passwordHint}
          action={path}
          token={token}
          submit={purpose === 'staffSetup' ? a.setupSubmit : a.resetSubmit}
          email={user.email}
        />,
        status,
      );
    };
    const invalid = (request: FastifyRequest, reply: FastifyReply) =>
      sendLinkInvalid(
        request,
        reply,
        purpose === 'resetPassword'
          ? [{ path: '/password/forgot', label: gate.context(request).t.account.forgotTitle }]
          : [],
      );

    localized(app, 'GET', path, async (request, reply) => {
      const token = tokenParam(request.query);
      const user = await accountOfLink(serviceEnv(request), purpose, token);
      return user ? page(request, reply, user, token, emptyForm) : invalid(request, reply);
    });

    localized(app, 'POST', path, async (request, reply) => {
      const t = gate.context(request).t;
      const form = readForm(newPasswordForm, request.body, t);
      const values = form.ok ? form.values : form.state.values;
      const token = values.token ?? '';
      const user = await accountOfLink(serviceEnv(request), purpose, token);
      if (!user) {
        return invalid(request, reply);
      }
      const errors = {
        ...(form.ok ? {} : form.state.errors),
        ...passwordErrors(request, values, user.email),
      };
      if (!form.ok || Object.keys(errors).length > 0) {
        return page(request, reply, user, token, { values, errors }, 400);
      }
      const updated = await setPasswordWithLink(
        serviceEnv(request),
        purpose,
        token,
        form.data.password,
      );
      if (!updated) {
        return invalid(request, reply);
      }
      // Any session in this browser belonged to the old password: start clean.
      await request.session.regenerate();
      setNotice(request, purpose === 'staffSetup' ? t.account.setupDone : t.account.resetDone);
      return redirectTo(request, reply, '/signin');
    });
  }
}
