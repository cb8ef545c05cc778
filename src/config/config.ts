import path from 'node:path';
import { z } from 'zod';

// One sender: a bare address, or a display name followed by <address>, on one line.
const mailFrom = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

const hourProblem = 'must be a whole hour from 0 to 23';

/** Every setting the gate reads from the environment, documented in docs/configuration.md. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TENANT: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a tenant slug such as sapporo')
    .default('sapporo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z
    .string()
    .regex(mailFrom, 'must be an address such as "Gate" <no-reply@example.jp>')
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DIGEST_HOUR: z.coerce
    .number(hourProblem)
    .int(hourProblem)
    .min(0, hourProblem)
    .max(23, hourProblem)
    .default(8),
  TRUST_PROXY: z
    .string()
    .regex(/^([0-9]{1,2}|true|false)$/, 'must be a number of proxies, true or false')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  tenant: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  pageCache: boolean;
  /** SMTP server for e-mail; without it, messages are written to DATA_DIR/outbox. */
  smtpUrl: string | undefined;
  /** Sender of e-mail; without it, the tenant's gate name at no-reply@localhost. */
  mailFrom: string | undefined;
  production: boolean;
  /** Signs session cookies; without it, a secret generated once and kept in the database. */
  sessionSecret: string | undefined;
  /**
   * Proxies in front of the gate whose X-Forwarded-* headers are believed: client addresses
   * for throttling and the audit log, and https for secure cookies. By default one when
   * PUBLIC_URL is https (TLS ends at a proxy), none otherwise.
   */
  trustProxy: number | boolean;
  /** The hour of the tenant's day (0–23) from which the daily overdue digest is sent. */
  digestHour: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** Reads and validates the configuration; reports every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    tenant: v.TENANT,
    logLevel: v.LOG_LEVEL,
    pageCache: v.PAGE_CACHE === 'on',
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    production: v.NODE_ENV === 'production',
    sessionSecret: v.SESSION_SECRET,
    trustProxy: trustProxy(v.TRUST_PROXY, v.PUBLIC_URL),
    digestHour: v.DIGEST_HOUR,
  };
}

function trustProxy(value: string | undefined, publicUrl: string | undefined): number | boolean {
  if (value === undefined) {
    return publicUrl?.startsWith('https://') ? 1 : false;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return Number(value);
}
