import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BaseLogger } from 'pino';
import type { Config } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Lang } from '../domain/language.ts';
import type { Database, Tenant } from '../db/schema.ts';
import { createMailTransport, SEND_TIMEOUT_MS, type MailTransport } from '../app/mail/transport.ts';
import { renderStoredMail, signatureOf, type MailSignature } from '../app/mail/templates.ts';

/*
 * Sends the e-mail queued in mail_outbox (src/app/mail/outbox.ts), from any number of
 * processes at once. Each pass works in three steps, and none holds a transaction while
 * it talks to the mail server:
 *
 * 1. Claim: one short transaction picks due rows with SELECT … FOR UPDATE SKIP LOCKED (so
 *    two senders never pick the same row, nor wait for each other) and marks them 'sending',
 *    counts the attempt and sets next_attempt_at to now + the lease, then commits.
 * 2. Send, outside any transaction. Holding row locks across a network call would keep a
 *    database connection (on the embedded engine: the only one) busy for as long as the mail
 *    server takes.
 * 3. Mark: 'sent', or back to 'pending' at a later time, or 'failed'. The update only applies
 *    while the row is still 'sending' with the attempt we counted: a sender whose lease ran
 *    out and whose row was claimed again cannot overwrite the newer outcome.
 *
 * A sender that dies between 1 and 3 leaves its rows 'sending'; they are due again when the
 * lease ends. Every send is bounded by SEND_TIMEOUT_MS and a batch by BATCH_SIZE of them, so
 * the lease outlasts a live sender. Delivery is therefore at least once, never lost: a crash
 * after the server accepted a message and before step 3 sends it again, with the same
 * Message-ID so that mail systems can recognise the copy.
 *
 * Time is the database's now(), not this process's clock: every process sees the same one.
 */

/** Rows claimed per transaction; with SEND_TIMEOUT_MS it bounds how long a batch can take. */
export const BATCH_SIZE = 5;

/** How long claimed rows stay reserved for their sender. */
export const LEASE_MS = 2 * BATCH_SIZE * SEND_TIMEOUT_MS;

/** The wait after the 1st, 2nd, … failed attempt. After the last, the message has failed. */
export const RETRY_DELAYS_MS = [1, 5, 30, 120, 720].map((minutes) => minutes * 60_000);

/** Attempts before a message is given up: about 15 hours of retries. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How often a process looks for due messages. */
export const POLL_INTERVAL_MS = 2_000;

type MailLog = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/** What a pass needs: the tenant whose mail it sends, and where the mail goes. */
export interface MailSender {
  db: Kysely<Database>;
  tenant: Tenant;
  transport: MailTransport;
  /** MAIL_FROM; without it, the tenant's gate name at no-reply@localhost. */
  from: string | undefined;
  publicUrl: string;
  log: MailLog;
}

/** What one pass did. */
export interface MailPass {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

interface ClaimedMail {
  id: number;
  template: string;
  lang: Lang;
  to_address: string;
  params: unknown;
  attempts: number;
  created_at: Date;
}

type Outcome = 'sent' | 'retrying' | 'failed';

/** Claims the tenant's due messages (at most `limit`), sends them and records the outcome. */
export async function sendDueMail(sender: MailSender, limit = BATCH_SIZE): Promise<MailPass> {
  const claimed = await claimDueMail(sender.db, sender.tenant.id, limit);
  const pass: MailPass = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  for (const mail of claimed) {
    pass[await deliver(sender, mail)] += 1;
  }
  return pass;
}

async function claimDueMail(
  db: Kysely<Database>,
  tenantId: number,
  limit: number,
): Promise<ClaimedMail[]> {
  return db.transaction().execute(async (tx) => {
    // The status list is written out (not bound) so the planner can use the partial index.
    const due = await tx
      .selectFrom('mail_outbox')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where(sql<boolean>`status in ('pending', 'sending')`)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) {
      return [];
    }
    const rows = await tx
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: sql<Date>`now() + ${interval(LEASE_MS)}`,
      }))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .returning(['id', 'template', 'lang', 'to_address', 'params', 'attempts', 'created_at'])
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  });
}

async function deliver(sender: MailSender, mail: ClaimedMail): Promise<Outcome> {
  const signature = signatureOf(sender.tenant, mail.lang, sender.publicUrl);
  let result: { file?: string };
  try {
    const rendered = renderStoredMail(mail.template, mail.lang, mail.params, signature);
    result = await sender.transport.send({
      id: mail.id,
      from: sender.from ?? defaultFrom(signature),
      to: mail.to_address,
      lang: mail.lang,
      subject: rendered.subject,
      text: rendered.text,
      messageId: messageIdOf(mail, sender.from),
      listUnsubscribe: rendered.listUnsubscribe,
    });
  } catch (error) {
    return recordFailure(sender, mail, error);
  }

  // Outside the try: once the server has the message, a failure to record that must not
  // schedule another attempt. The row stays 'sending' and the pass reports the error.
  // A sent message's parameters can hold live links (a password reset): they go once sent.
  await mark(sender, mail, {
    status: 'sent',
    sent_at: sql<Date>`now()`,
    last_error: null,
    params: '{}',
  });
  sender.log.info(
    {
      mailId: mail.id,
      template: mail.template,
      lang: mail.lang,
      attempts: mail.attempts,
      transport: sender.transport.kind,
      file: result.file,
    },
    'mail sent',
  );
  return 'sent';
}

async function recordFailure(
  sender: MailSender,
  mail: ClaimedMail,
  error: unknown,
): Promise<Outcome> {
  const text = errorText(error);
  const details = {
    mailId: mail.id,
    template: mail.template,
    attempts: mail.attempts,
    code: (error as { code?: unknown }).code,
    responseCode: (error as { responseCode?: unknown }).responseCode,
    error: withoutAddresses(text),
  };
  // nodemailer marks a 5xx reply (other than 503) as permanent: the same message would be
  // refused again, so retrying only delays telling anyone. A message this release cannot
  // render is retried like any other: during a rolling update it may come from a newer
  // release with a template this one lacks, and a newer process will send it.
  const permanent = (error as { permanent?: unknown }).permanent === true;
  const delay = RETRY_DELAYS_MS[mail.attempts - 1];
  if (permanent || delay === undefined) {
    await mark(sender, mail, failedNow(text));
    sender.log.error({ ...details, permanent }, 'mail failed for good');
    return 'failed';
  }
  await mark(sender, mail, {
    status: 'pending',
    next_attempt_at: sql<Date>`now() + ${interval(delay)}`,
    last_error: text,
  });
  sender.log.warn({ ...details, retryInMs: delay }, 'mail send failed; will retry');
  return 'retrying';
}

type Mark = {
  status: 'sent' | 'pending' | 'failed';
  last_error: string | null;
  sent_at?: RawBuilder<Date>;
  params?: string;
  next_attempt_at?: RawBuilder<Date>;
};

function failedNow(text: string): Mark {
  return { status: 'failed', last_error: text };
}

/** Records an outcome, unless the row has been claimed again since (see the note above). */
async function mark(sender: MailSender, mail: ClaimedMail, values: Mark): Promise<void> {
  const result = await sender.db
    .updateTable('mail_outbox')
    .set(values)
    .where('id', '=', mail.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', mail.attempts)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    sender.log.warn({ mailId: mail.id, attempts: mail.attempts }, 'mail lease lost');
  }
}

/** A duration as a PostgreSQL interval, from a trusted constant. */
function interval(ms: number) {
  return sql`make_interval(secs => ${Math.round(ms / 1000)})`;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

// Mail servers quote the recipient in their replies; logs keep no personal data.
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

function defaultFrom(signature: MailSignature) {
  return { name: signature.gateName, address: 'no-reply@localhost' };
}

/** The same Message-ID on every attempt, so that a duplicate delivery can be recognised. */
function messageIdOf(mail: ClaimedMail, from: string | undefined): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'localhost';
  return `<outbox-${mail.id}-${mail.created_at.getTime()}@${domain}>`;
}

/**
 * Sends the tenant's due mail every POLL_INTERVAL_MS until stopped. Passes never overlap
 * within a process; other processes may run their own. The returned function stops the
 * sender and resolves once a pass in progress has finished.
 */
export function startMailSender(options: {
  config: Config;
  database: DatabaseHandle;
  tenant: () => Tenant;
  log: MailLog;
  intervalMs?: number;
}): () => Promise<void> {
  const { config, database, log } = options;
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, dataDir: config.dataDir });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const drain = async () => {
    // A full batch means more may be due: go on at once instead of waiting for the timer.
    for (let full = true; full && !stopped;) {
      const pass = await sendDueMail({
        db: database.db,
        tenant: options.tenant(),
        transport,
        from: config.mailFrom,
        publicUrl: config.publicUrl,
        log,
      });
      full = pass.claimed === BATCH_SIZE;
    }
  };
  const schedule = () => {
    if (stopped) {
      return;
    }
    timer = setTimeout(() => {
      running = drain()
        .catch((error: unknown) => log.warn({ err: error }, 'mail pass failed'))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, options.intervalMs ?? POLL_INTERVAL_MS);
    timer.unref();
  };
  schedule();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
