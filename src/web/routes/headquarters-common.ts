import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isCalendarDate } from '../../app/accounts/audit-query.ts';
import type { UploadResult } from '../../app/files/checked-upload.ts';
import { limits } from '../../domain/limits.ts';
import { can } from '../../domain/policy.ts';
import {
  agendaOf,
  findSession,
  type HeadquartersSession,
  type Person,
} from '../../db/queries/headquarters.ts';
import type { Database } from '../../db/schema.ts';
import { audit, authorize, NotFound, requireSignedIn } from '../auth.ts';
import { errorText, formValues, optionalText, requiredText, type FormResult } from '../forms.ts';
import type { Messages } from '../i18n/index.ts';
import type { HeadquartersReader } from '../views/headquarters/parts.tsx';
import { idFrom } from './proposal-records.ts';

/** What the headquarters routes share: their forms, and who gets in to what. */

/** A date as people type it: full-width digits and slashes allowed, one-digit months padded. */
const dateField = z
  .string()
  .transform((value) => {
    const text = value.normalize('NFKC').trim().replace(/[/.]/g, '-');
    const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    return parts ? `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}` : text;
  })
  .pipe(z.string().min(1, 'required').refine(isCalendarDate, 'dateInvalid'));

export const sessionForm = z.object({
  heldOn: dateField,
  title: requiredText(limits.title),
  place: optionalText(limits.name),
});

export const addForm = z.object({
  proposalId: z.string().regex(/^[1-9]\d{0,9}$/, 'proposalChoose'),
  note: optionalText(limits.text),
});

export const decisionForm = z.object({
  outcome: z.enum(['adopted', 'notAdopted'], 'outcomeChoose'),
  reason: requiredText(limits.text),
});

export const opinionForm = z.object({
  expertName: requiredText(limits.name),
  affiliation: optionalText(limits.name),
  body: optionalText(limits.text),
});

export const moveForm = z.object({ direction: z.enum(['up', 'down']) });

/** A message for an error code: the meeting's own codes first, then the shared ones. */
export function problemText(t: Messages, code: string): string {
  return t.headquarters.errors[code] ?? errorText(t, code);
}

/** Like `readForm`, with the meeting's own error codes. */
export function readHqForm<S extends z.ZodObject>(
  schema: S,
  body: unknown,
  t: Messages,
): FormResult<z.output<S>> {
  const values = formValues(body, Object.keys(schema.shape));
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    return { ok: true, data: parsed.data, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    errors[String(issue.path[0] ?? '')] ??= problemText(t, issue.message);
  }
  return { ok: false, state: { values, errors } };
}

/** The error code of each reason a file is refused. */
export const uploadProblems: Record<Exclude<UploadResult, { ok: true }>['reason'], string> = {
  tooLarge: 'fileTooLarge',
  type: 'fileType',
  mismatch: 'fileMismatch',
  empty: 'fileEmpty',
};

function tenantOf(request: FastifyRequest): number {
  return request.server.gate.tenant().id;
}

function dbOf(request: FastifyRequest): Kysely<Database> {
  return request.server.gate.database.db;
}

/** Gate staff and headquarters members get in; anyone else is told "not found". */
export async function enter(request: FastifyRequest): Promise<void> {
  requireSignedIn(request);
  await authorize(request, 'headquarters', 'view', { tenantId: tenantOf(request) });
}

/** Only the secretariat (gate staff) changes sessions, agendas and opinions. */
export async function enterToManage(request: FastifyRequest): Promise<void> {
  await enter(request);
  await authorize(request, 'headquarters', 'manage', { tenantId: tenantOf(request) });
}

/** The session of the path, or "not found". */
export async function sessionOf(request: FastifyRequest): Promise<HeadquartersSession> {
  const session = await findSession(dbOf(request), tenantOf(request), idFrom(request, 'id'));
  if (!session) {
    throw new NotFound();
  }
  return session;
}

/** The item of the path in `session`, with its place on the agenda, or "not found". */
export async function itemOf(request: FastifyRequest, session: HeadquartersSession) {
  const itemId = idFrom(request, 'itemId');
  const items = await agendaOf(dbOf(request), tenantOf(request), session.id);
  const index = items.findIndex((item) => item.id === itemId);
  if (index < 0) {
    throw new NotFound();
  }
  return { item: items[index]!, position: index + 1 };
}

/** What the person may do on a session's pages: manage it, decide its items. */
export function readerOf(request: FastifyRequest, members: readonly Person[]): HeadquartersReader {
  const object = { tenantId: tenantOf(request) };
  const userId = request.signedIn?.user.id;
  return {
    manage: can(request.actor, 'headquarters', 'manage', object),
    decide:
      can(request.actor, 'headquarters', 'decide', object) &&
      members.some((member) => member.id === userId),
  };
}

/** Records the refusal like any other denied access, then answers "not found". */
export async function refuseAsNotFound(request: FastifyRequest, sessionId: number): Promise<never> {
  await audit(request, {
    action: 'access.denied',
    targetKind: 'headquarters',
    targetId: sessionId,
    details: { url: request.url.slice(0, 500) },
  });
  throw new NotFound();
}
