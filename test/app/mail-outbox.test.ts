import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { enqueueMail, MailAddressError, type MailRequest } from '../../src/app/mail/outbox.ts';
import { createMailTransport, type MailTransport } from '../../src/app/mail/transport.ts';
import type { Tenant } from '../../src/db/schema.ts';
import { MAX_ATTEMPTS, sendDueMail, type MailSender } from '../../src/jobs/mail-sender.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/database.ts';
import { sapporo } from '../support/factories.ts';
import { startGate } from '../support/server.ts';
import { parseMessage, startSmtpSink, closedSmtpUrl, type SmtpSink } from '../support/smtp-sink.ts';

const link = 'https://gate.test/account/verify?token=abc123';

for (const kind of testDatabaseKinds()) {
  describe(`mail outbox (${kind})`, () => {
    let database: TestDatabase;
    let tenant: Tenant;
    let sink: SmtpSink;
    let smtp: MailTransport;
    let logLines: string[];

    before(async () => {
      database = await createTestDatabase(kind);
      tenant = (await sapporo(database.db)).tenant;
      sink = await startSmtpSink();
      smtp = createMailTransport({ smtpUrl: sink.url, dataDir: database.dataDir });
    });
    after(async () => {
      smtp.close();
      await sink.close();
      await database.close();
    });
    beforeEach(async () => {
      await database.db.deleteFrom('mail_outbox').execute();
      sink.received.length = 0;
      logLines = [];
    });

    /** A sender on `transport` whose log lines the test can read. */
    function sender(transport: MailTransport = smtp): MailSender {
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      });
      return {
        db: database.db,
        tenant,
        transport,
        from: '"SAPPORO CO-CREATION GATE" <no-reply@gate.test>',
        publicUrl: 'http://gate.test',
        log: pino({ level: 'info' }, stream),
      };
    }

    function verifyMail(overrides: Partial<MailRequest> = {}): MailRequest {
      return {
        tenantId: tenant.id,
        template: 'verifyEmail',
        lang: 'ja',
        to: 'taro@example.jp',
        params: { name: '札幌 太郎', link, expiresInHours: 24 },
        ...overrides,
      } as MailRequest;
    }

    async function outboxRow(id: number) {
      return database.db
        .selectFrom('mail_outbox')
        .selectAll()
        .select(sql<boolean>`next_attempt_at > now() + interval '50 seconds'`.as('later'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    }

    it('sends nothing when the transaction rolls back, and one message once it commits', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (tx) => {
          await enqueueMail(tx, verifyMail());
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal((await sendDueMail(sender())).claimed, 0);
      assert.equal(sink.received.length, 0);

      const id = await database.db
        .transaction()
        .execute(async (tx) => enqueueMail(tx, verifyMail()));
      assert.deepEqual(await sendDueMail(sender()), {
        claimed: 1,
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      assert.deepEqual(await sendDueMail(sender()), {
        claimed: 0,
        sent: 0,
        retrying: 0,
        failed: 0,
      });

      assert.equal(sink.received.length, 1);
      const mail = sink.received[0]!;
      assert.deepEqual(mail.recipients, ['taro@example.jp']);
      assert.equal(mail.subject, 'メールアドレスの確認のお願い');
      assert.ok(mail.text.includes(`\n${link}\n`), mail.text);
      assert.match(mail.text, /^札幌 太郎 様/);
      assert.match(mail.text, /有効期限は、お手続きから24時間です/);
      assert.match(mail.headers.get('from') ?? '', /SAPPORO CO-CREATION GATE.*no-reply@gate\.test/);
      assert.equal(mail.headers.get('content-language'), 'ja');
      assert.equal(mail.headers.get('message-id')?.endsWith('@gate.test>'), true);

      const row = await outboxRow(id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.ok(row.sent_at instanceof Date);
    });

    it('writes in the language of the recipient', async () => {
      await enqueueMail(database.db, {
        tenantId: tenant.id,
        template: 'passwordReset',
        lang: 'en',
        to: 'jane@example.com',
        params: { name: 'Jane Smith', link, expiresInMinutes: 30 },
      });
      await sendDueMail(sender());

      const mail = sink.received[0]!;
      assert.equal(mail.subject, 'Reset your password');
      assert.match(mail.text, /^Dear Jane Smith,/);
      assert.ok(mail.text.includes(`\n${link}\n`), mail.text);
      assert.match(mail.text, /works for 30 minutes/);
      assert.equal(mail.headers.get('content-language'), 'en');
    });

    it('keeps a message pending with a later attempt when the SMTP server is down', async () => {
      const down = createMailTransport({ smtpUrl: await closedSmtpUrl(), dataDir: '' });
      const id = await enqueueMail(database.db, verifyMail());
      assert.deepEqual(await sendDueMail(sender(down)), {
        claimed: 1,
        sent: 0,
        retrying: 1,
        failed: 0,
      });
      down.close();

      const row = await outboxRow(id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.equal(row.later, true, 'the next attempt waits about a minute');
      assert.match(row.last_error ?? '', /ECONNREFUSED|connect/i);
      assert.ok(logLines.some((line) => line.includes('will retry')));
      assert.ok(logLines.every((line) => !line.includes('taro@example.jp')));

      // Not due yet, even though the server is back; once due, it goes out.
      assert.equal((await sendDueMail(sender())).claimed, 0);
      await database.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: sql<Date>`now()` })
        .execute();
      assert.equal((await sendDueMail(sender())).sent, 1);
      assert.equal(sink.received.length, 1);
      assert.equal((await outboxRow(id)).attempts, 2);
    });

    it('gives a message up after the last attempt', async () => {
      const down = createMailTransport({ smtpUrl: await closedSmtpUrl(), dataDir: '' });
      const id = await enqueueMail(database.db, verifyMail());
      await database.db
        .updateTable('mail_outbox')
        .set({ attempts: MAX_ATTEMPTS - 1 })
        .execute();
      assert.equal((await sendDueMail(sender(down))).failed, 1);
      down.close();
      const row = await outboxRow(id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, MAX_ATTEMPTS);
      assert.equal((await sendDueMail(sender())).claimed, 0);
    });

    it('fails a message at once when the server refuses it for good, without logging the address', async () => {
      const refusing = await startSmtpSink({
        refuse: '<taro@example.jp>: mailbox unavailable',
      });
      const transport = createMailTransport({ smtpUrl: refusing.url, dataDir: '' });
      const id = await enqueueMail(database.db, verifyMail());
      assert.equal((await sendDueMail(sender(transport))).failed, 1);
      transport.close();
      await refusing.close();

      const row = await outboxRow(id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /mailbox unavailable/);
      assert.ok(logLines.some((line) => line.includes('mailbox unavailable')));
      assert.ok(logLines.every((line) => !line.includes('taro@example.jp')));
    });

    it('retries a message whose template this release does not know, for a newer release', async () => {
      const row = await database.db
        .insertInto('mail_outbox')
        .values({
          tenant_id: tenant.id,
          template: 'welcomeGift',
          lang: 'ja',
          to_address: 'taro@example.jp',
          params: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.equal((await sendDueMail(sender())).retrying, 1);
      const stored = await outboxRow(row.id);
      assert.equal(stored.status, 'pending');
      assert.match(stored.last_error ?? '', /unknown mail template "welcomeGift"/);
      assert.equal(sink.received.length, 0);
    });

    it('sends every message once when two senders run at the same time', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        ids.push(await enqueueMail(database.db, verifyMail({ to: `person${i}@example.jp` })));
      }
      for (let round = 0; round < 10; round += 1) {
        const passes = await Promise.all([sendDueMail(sender(), 3), sendDueMail(sender(), 3)]);
        if (passes.every((pass) => pass.claimed === 0)) {
          break;
        }
      }

      const recipients = sink.received.flatMap((mail) => mail.recipients).sort();
      assert.deepEqual(
        recipients,
        [0, 1, 2, 3, 4, 5, 6].map((i) => `person${i}@example.jp`),
      );
      const rows = await database.db
        .selectFrom('mail_outbox')
        .select(['status', 'attempts'])
        .where('id', 'in', ids)
        .execute();
      assert.ok(rows.every((row) => row.status === 'sent' && row.attempts === 1));
    });

    it('sends a claimed message again only after its sender’s lease has run out', async () => {
      const id = await enqueueMail(database.db, verifyMail());
      // As left by a sender that claimed the message and died before marking it.
      await database.db
        .updateTable('mail_outbox')
        .set({
          status: 'sending',
          attempts: 1,
          next_attempt_at: sql<Date>`now() + interval '5 minutes'`,
        })
        .execute();
      assert.equal((await sendDueMail(sender())).claimed, 0);

      await database.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: sql<Date>`now() - interval '1 second'` })
        .execute();
      assert.equal((await sendDueMail(sender())).sent, 1);
      assert.equal(sink.received.length, 1);
      const row = await outboxRow(id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
    });

    it('writes an .eml file under DATA_DIR/outbox when no SMTP server is configured', async () => {
      const files = createMailTransport({ smtpUrl: undefined, dataDir: database.dataDir });
      const id = await enqueueMail(database.db, verifyMail({ lang: 'en' }));
      assert.equal((await sendDueMail(sender(files))).sent, 1);

      const file = path.join(database.dataDir, 'outbox', `${id}.eml`);
      const mail = parseMessage(await fs.readFile(file, 'utf8'));
      assert.equal(mail.subject, 'Please confirm your email address');
      assert.equal(mail.headers.get('to'), 'taro@example.jp');
      assert.ok(mail.text.includes(`\n${link}\n`), mail.text);
      assert.ok(
        logLines.some((line) => line.includes(file) && line.includes('"transport":"file"')),
      );
      assert.deepEqual(
        (await fs.readdir(path.dirname(file))).filter((name) => name.endsWith('.partial')),
        [],
      );
    });

    it('refuses anything but one plain address, and parameters that do not fit', async () => {
      await assert.rejects(
        enqueueMail(database.db, verifyMail({ to: 'a@example.jp, b@example.jp' })),
        MailAddressError,
      );
      await assert.rejects(
        enqueueMail(database.db, verifyMail({ to: 'a@example.jp\r\nBcc: b@example.jp' })),
        MailAddressError,
      );
      await assert.rejects(
        enqueueMail(
          database.db,
          verifyMail({ params: { name: 'x', link: 'javascript:alert(1)', expiresInHours: 24 } }),
        ),
        /link/,
      );
      const rows = await database.db.selectFrom('mail_outbox').select('id').execute();
      assert.equal(rows.length, 0);
    });
  });

  describe(`mail sender in the server (${kind})`, () => {
    it('delivers queued mail by itself: to DATA_DIR/outbox when no SMTP is configured', async () => {
      const gate = await startGate(kind, { mailSender: true });
      try {
        const id = await enqueueMail(gate.database.db, {
          tenantId: gate.app.gate.tenant().id,
          template: 'verifyEmail',
          lang: 'ja',
          to: 'taro@example.jp',
          params: { name: '札幌 太郎', link, expiresInHours: 24 },
        });
        const file = path.join(gate.database.dataDir, 'outbox', `${id}.eml`);
        const deadline = Date.now() + 10_000;
        while (!(await exists(file)) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(
          parseMessage(await fs.readFile(file, 'utf8')).subject,
          'メールアドレスの確認のお願い',
        );
      } finally {
        await gate.close();
      }
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
