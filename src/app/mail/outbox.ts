import type { Kysely } from 'kysely';
import type { Lang } from '../../domain/language.ts';
import { limits } from '../../domain/limits.ts';
import type { Database } from '../../db/schema.ts';
import { checkParams, type MailTemplates, type TemplateName } from './templates.ts';

/** One e-mail to queue: a template, its parameters, and the recipient with their language. */
export type MailRequest = {
  [K in TemplateName]: {
    tenantId: number;
    template: K;
    lang: Lang;
    to: string;
    params: MailTemplates[K];
  };
}[TemplateName];

// One bare address: no display name, no list, no spaces or line breaks. Routes check the
// address people type; this only keeps anything else out of the outbox.
const singleAddress = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** The recipient is not one plain e-mail address. */
export class MailAddressError extends Error {
  constructor() {
    super('the recipient is not a single e-mail address');
  }
}

/**
 * Queues an e-mail. Call it with the transaction of the change that causes the message:
 * the message is then sent after that transaction commits, and never when it rolls back.
 * The mail sender (src/jobs/mail-sender.ts) delivers it. Returns the outbox row's id.
 */
export async function enqueueMail(db: Kysely<Database>, mail: MailRequest): Promise<number> {
  const to = mail.to.trim();
  if (to.length > limits.email || !singleAddress.test(to)) {
    throw new MailAddressError();
  }
  const params = checkParams(mail.template, mail.params);

  const row = await db
    .insertInto('mail_outbox')
    .values({
      tenant_id: mail.tenantId,
      template: mail.template,
      lang: mail.lang,
      to_address: to,
      params: JSON.stringify(params),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
