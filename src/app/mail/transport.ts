import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Address, type SendMailOptions } from 'nodemailer';
import type { Lang } from '../../domain/language.ts';

/** A rendered message, ready to leave. */
export interface OutgoingMail {
  /** The outbox row: names the .eml file and the Message-ID. */
  id: number;
  from: string | Address;
  to: string;
  lang: Lang;
  subject: string;
  text: string;
  messageId: string;
  /** A one-click unsubscription address (RFC 8058), for messages to subscribers. */
  listUnsubscribe?: string | undefined;
}

/** Where messages go: an SMTP server, or .eml files when none is configured. */
export interface MailTransport {
  kind: 'smtp' | 'file';
  /** Delivers one message; resolves with the file written, for the file transport. */
  send(mail: OutgoingMail): Promise<{ file?: string }>;
  close(): void;
}

/**
 * The longest one SMTP delivery may take before it is abandoned and retried later. The
 * sender's lease (src/jobs/mail-sender.ts) must outlast a whole batch of these.
 */
export const SEND_TIMEOUT_MS = 60_000;

/** An SMTP transport for `smtpUrl`, or one that writes DATA_DIR/outbox/<id>.eml without it. */
export function createMailTransport(options: {
  smtpUrl: string | undefined;
  dataDir: string;
}): MailTransport {
  return options.smtpUrl
    ? smtpTransport(options.smtpUrl)
    : fileTransport(path.join(options.dataDir, 'outbox'));
}

function message(mail: OutgoingMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    headers: {
      'Content-Language': mail.lang,
      // RFC 3834: asks vacation responders and other robots not to answer.
      'Auto-Submitted': 'auto-generated',
      ...(mail.listUnsubscribe
        ? {
            'List-Unsubscribe': `<${mail.listUnsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : {}),
    },
  };
}

function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 30_000,
    // Our messages are plain text; nothing may make the mailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        ...message(mail),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      return {};
    },
    close: () => transporter.close(),
  };
}

function fileTransport(dir: string): MailTransport {
  // nodemailer composes the RFC 822 message exactly as it would for SMTP, into a buffer.
  const transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    kind: 'file',
    async send(mail) {
      const info = await transporter.sendMail(message(mail));
      if (!Buffer.isBuffer(info.message)) {
        throw new Error('the mail composer returned a stream, not a buffer');
      }
      const file = path.join(dir, `${mail.id}.eml`);
      // Written aside and renamed, so that nobody ever opens half a message.
      const partial = `${file}.${randomUUID()}.partial`;
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(partial, info.message);
      await fs.rename(partial, file);
      return { file };
    },
    close: () => transporter.close(),
  };
}
