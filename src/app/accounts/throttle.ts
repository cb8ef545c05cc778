import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../domain/calendar.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Throttling of guessable steps (password, second factor, reset requests) per account and
 * per client address. Each failure past a free allowance doubles a waiting time, capped at
 * 15 minutes: guessing becomes hopeless, yet the real owner is never shut out for good.
 * Counters live in the database, so every server process sees the same ones.
 */
export type ThrottleScope = 'signIn' | 'secondFactor' | 'reset' | 'signUp' | 'invite';

interface Rule {
  /** Failures allowed before waiting starts. */
  free: number;
  /** A counter is forgotten this long after its last failure. */
  windowMs: number;
}

const rules: Record<'account' | 'address', Rule> = {
  account: { free: 5, windowMs: 60 * 60_000 },
  // One address may be a whole office behind one gateway: allow more before waiting.
  address: { free: 20, windowMs: 60 * 60_000 },
};
const firstWaitMs = 30_000;
const longestWaitMs = 15 * 60_000;

export interface ThrottleKey {
  kind: 'account' | 'address';
  value: string;
}

/** The keys of an attempt: the account (e-mail or user id) and the client address. */
export function throttleKeys(account: string | null, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  if (account) {
    keys.push({ kind: 'account', value: account.toLowerCase() });
  }
  if (address) {
    keys.push({ kind: 'address', value: address });
  }
  return keys;
}

function keyText(key: ThrottleKey): string {
  return `${key.kind}:${key.value}`;
}

/** The waiting time after `failures` failures under `rule`, in ms (0: no wait). */
export function waitAfter(failures: number, rule: Rule): number {
  if (failures < rule.free) {
    return 0;
  }
  return Math.min(firstWaitMs * 2 ** (failures - rule.free), longestWaitMs);
}

/** Seconds until an attempt with these keys is allowed again, or 0 when it is allowed now. */
export async function throttleWait(
  db: Kysely<Database>,
  clock: Clock,
  tenantId: number,
  scope: ThrottleScope,
  keys: ThrottleKey[],
): Promise<number> {
  if (keys.length === 0) {
    return 0;
  }
  const rows = await db
    .selectFrom('auth_throttle')
    .select(['blocked_until'])
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', scope)
    .where('key', 'in', keys.map(keyText))
    .execute();
  const now = clock.now().getTime();
  const until = Math.max(0, ...rows.map((row) => row.blocked_until?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Counts a failed attempt against every key. */
export async function recordThrottleFailure(
  db: Kysely<Database>,
  clock: Clock,
  tenantId: number,
  scope: ThrottleScope,
  keys: ThrottleKey[],
): Promise<void> {
  const now = clock.now();
  for (const key of keys) {
    const rule = rules[key.kind];
    const forgetBefore = new Date(now.getTime() - rule.windowMs);
    const row = await db
      .insertInto('auth_throttle')
      .values({ tenant_id: tenantId, scope, key: keyText(key), failures: 1, last_failure_at: now })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'scope', 'key']).doUpdateSet({
          failures: sql<number>`case when auth_throttle.last_failure_at < ${forgetBefore}
            then 1 else auth_throttle.failures + 1 end`,
          last_failure_at: now,
        }),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow();
    const wait = waitAfter(row.failures, rule);
    await db
      .updateTable('auth_throttle')
      .set({ blocked_until: wait > 0 ? new Date(now.getTime() + wait) : null })
      .where('tenant_id', '=', tenantId)
      .where('scope', '=', scope)
      .where('key', '=', keyText(key))
      .execute();
  }
}

/** Forgets the failures of an account after it proved itself (never those of an address). */
export async function clearThrottle(
  db: Kysely<Database>,
  tenantId: number,
  scopes: ThrottleScope[],
  account: string,
): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where('tenant_id', '=', tenantId)
    .where('scope', 'in', scopes)
    .where('key', '=', keyText({ kind: 'account', value: account.toLowerCase() }))
    .execute();
}
