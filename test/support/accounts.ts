import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createStaffUser } from '../../src/app/accounts/staff.ts';
import { setPasswordWithLink } from '../../src/app/accounts/credentials.ts';
import { registerOrganisation } from '../../src/app/accounts/registration.ts';
import { totpCode } from '../../src/app/accounts/totp.ts';
import type { Clock } from '../../src/domain/calendar.ts';
import type { RoleGrant } from '../../src/domain/policy.ts';
import { multipartBody, type FilePart } from './multipart.ts';
import type { TestGate } from './server.ts';

export const goodPassword = 'a long and quiet river 2026';

/**
 * A visitor with a cookie jar, driving the gate through app.inject the way a browser
 * without JavaScript would: GET a page, then POST its form with the CSRF token it carried.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) {
        this.cookies.delete(cookie.name);
      } else {
        this.cookies.set(cookie.name, cookie.value);
      }
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) {
      this.csrf = token;
    }
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
    });
    this.remember(response);
    return response;
  }

  /** POSTs a form with the current CSRF token (unless `_csrf` is given). */
  async post(
    url: string,
    fields: Record<string, string> | [string, string][] = {},
  ): Promise<LightMyRequestResponse> {
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    const hasToken = pairs.some(([name]) => name === '_csrf');
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(hasToken ? pairs : [['_csrf', this.csrf], ...pairs]).toString(),
    });
    this.remember(response);
    return response;
  }

  /** POSTs a form with files (multipart), the CSRF token first as the page's form has it. */
  async postMultipart(
    url: string,
    fields: [string, string][],
    files: FilePart[] = [],
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const all: [string, string][] =
      options.csrf === false ? fields : [['_csrf', this.csrf], ...fields];
    const body = multipartBody(all, files);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': body.contentType },
      payload: body.payload,
    });
    this.remember(response);
    return response;
  }

  /** GETs `page` for its form's token, then POSTs `fields` to `action` (default: the page). */
  async submit(
    page: string,
    fields: Record<string, string>,
    action = page.split('?')[0]!,
  ): Promise<LightMyRequestResponse> {
    await this.get(page);
    return this.post(action, fields);
  }

  /** Signs in with a password; returns the response of the sign-in POST. */
  async signIn(email: string, password = goodPassword): Promise<LightMyRequestResponse> {
    return this.submit('/signin', { email, password });
  }
}

/** The value of a query parameter of a link. */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

function env(gate: TestGate) {
  return {
    db: gate.database.db,
    clock: gate.clock as Clock,
    tenantId: gate.app.gate.tenant().id,
    publicUrl: 'http://gate.test',
    origin: { clientAddress: null, requestId: null },
  };
}

/** A department of the seeded tenant, by its place in the list. */
export async function someDepartment(gate: TestGate, index = 0): Promise<number> {
  const rows = await gate.database.db
    .selectFrom('department')
    .select('id')
    .where('tenant_id', '=', gate.app.gate.tenant().id)
    .orderBy('id')
    .execute();
  return rows[index]!.id;
}

/** A staff account with a password set (but no second factor yet). */
export async function createStaff(
  gate: TestGate,
  email: string,
  roles: RoleGrant[],
  password = goodPassword,
) {
  const { user, setupLink } = await createStaffUser(
    { ...env(gate), actor: null },
    { email, name: `Staff ${email}`, lang: 'ja', roles, sendMail: false },
  );
  await setPasswordWithLink(env(gate), 'staffSetup', tokenOf(setupLink), password);
  return user;
}

/**
 * Signs a staff member in all the way: password, then enrolment of the second factor on
 * the first sign-in (or the code when already enrolled). Returns the TOTP secret.
 */
export async function signInStaff(
  gate: TestGate,
  visitor: Visitor,
  email: string,
  secret?: string,
): Promise<string> {
  const response = await visitor.signIn(email);
  if (response.headers.location?.toString().endsWith('/signin/enrol')) {
    const page = await visitor.get('/signin/enrol');
    const found = /data-secret="([A-Z2-7]+)"/.exec(page.body)?.[1];
    if (!found) {
      throw new Error('no enrolment secret on the page');
    }
    await visitor.post('/signin/enrol', { code: totpCode(found, gate.clock.now()) });
    return found;
  }
  if (!secret) {
    throw new Error('the account is enrolled: pass its secret');
  }
  // A code works once: step the clock to the next 30-second window first.
  gate.clock.set(new Date(gate.clock.now().getTime() + 30_000));
  await visitor.post('/signin/verify', { code: totpCode(secret, gate.clock.now()) });
  return secret;
}

/** A staff member signed in with the given roles. */
export async function staffVisitor(gate: TestGate, email: string, roles: RoleGrant[]) {
  const user = await createStaff(gate, email, roles);
  const visitor = new Visitor(gate.app);
  const secret = await signInStaff(gate, visitor, email);
  return { user, visitor, secret };
}

/** Registers an organisation with its first member (verified unless told otherwise), signed in. */
export async function proposerVisitor(
  gate: TestGate,
  email: string,
  organisation = 'Test Co.',
  options: { verified?: boolean } = {},
) {
  await registerOrganisation(env(gate), {
    organisation: {
      name: organisation,
      kind: 'company',
      corporateNumber: '',
      address: '',
      website: '',
    },
    member: { name: `Member ${email}`, email, password: goodPassword, lang: 'ja' },
  });
  if (options.verified !== false) {
    // As if the link in the mail had been opened (the link itself is tested elsewhere).
    await gate.database.db
      .updateTable('user_account')
      .set({ email_verified_at: gate.clock.now() })
      .where('email', '=', email.toLowerCase())
      .execute();
  }
  const visitor = new Visitor(gate.app);
  await visitor.signIn(email);
  return visitor;
}

/** What the account services need outside a request, acting as the command line does. */
export function accountEnv(gate: TestGate) {
  return { ...env(gate), actor: null };
}

/** One e-mail waiting in the outbox. */
export interface QueuedMail {
  to: string;
  lang: string;
  params: Record<string, unknown>;
}

/** The e-mails queued with a template, newest first; only those to `to` when given. */
export async function queuedMails(
  gate: TestGate,
  template: string,
  to?: string,
): Promise<QueuedMail[]> {
  let query = gate.database.db
    .selectFrom('mail_outbox')
    .select(['to_address', 'lang', 'params'])
    .where('template', '=', template);
  if (to !== undefined) {
    query = query.where('to_address', '=', to);
  }
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    to: row.to_address,
    lang: row.lang,
    params: (typeof row.params === 'string' ? JSON.parse(row.params) : row.params) as Record<
      string,
      unknown
    >,
  }));
}

/** The link of the newest e-mail of a template to an address (fails when there is none). */
export async function linkIn(gate: TestGate, template: string, to: string): Promise<string> {
  const [mail] = await queuedMails(gate, template, to);
  if (!mail || typeof mail.params.link !== 'string') {
    throw new Error(`no ${template} e-mail with a link to ${to}`);
  }
  return mail.params.link;
}
