import { sql, type Kysely, type Transaction } from 'kysely';
import { enqueueMail } from '../app/mail/outbox.ts';
import { isoDate, type Clock } from '../domain/calendar.ts';
import type { Lang } from '../domain/language.ts';
import { can, type Actor, type RoleGrant } from '../domain/policy.ts';
import { holderOf, openStates, type Holder, type ProposalState } from '../domain/proposal-state.ts';
import { isWorkingDay, workingDaysBetween } from '../domain/working-days.ts';
import { proposalAccessOfMany } from '../db/queries/proposal-access.ts';
import type { Database, StaffRoleName, Tenant } from '../db/schema.ts';

/*
 * The daily overdue digest: once a working day, from a set hour of the tenant's day, every
 * member of staff who holds proposals past their time target gets one e-mail listing them.
 * The holder of a proposal is whoever must act next (holderOf): the gate, the lead
 * department's staff, its approvers or the headquarters members; never the proposer. The
 * mail names each proposal by receipt number and title only, with a link to its staff page.
 *
 * Several processes may run the job at once: the day is claimed with a unique row in
 * daily_run inside the transaction that queues the mail, so exactly one of them sends it,
 * and a run that fails half-way claims nothing and leaves the day to the next attempt.
 */

/** The kind of the digest's rows in daily_run. */
export const DIGEST_KIND = 'overdueDigest';

/** How often each process looks whether the day's digest is due. */
export const DIGEST_INTERVAL_MS = 5 * 60_000;

export interface DigestOptions {
  db: Kysely<Database>;
  tenant: Pick<Tenant, 'id' | 'time_zone'>;
  clock: Clock;
  publicUrl: string;
  /** The hour of the tenant's day (0–23) from which the digest goes out. */
  hour: number;
}

export type DigestRun =
  | { sent: true; day: string; mails: number; proposals: number }
  | { sent: false; day: string; why: 'beforeHour' | 'closedDay' | 'alreadySent' };

/** The role that holds a proposal for each holder; the proposer gets no digest. */
const roleOfHolder: Record<Exclude<Holder, 'proposer'>, StaffRoleName> = {
  gate: 'gateStaff',
  leadDepartment: 'departmentStaff',
  leadApprover: 'departmentApprover',
  headquarters: 'headquartersMember',
};

/** The hour (0–23) of a moment in `timeZone`. */
function hourIn(moment: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(moment);
  return Number(hour);
}

/** Sends today's digest unless it is too early, the office is closed, or it has gone. */
export async function runOverdueDigest(options: DigestOptions): Promise<DigestRun> {
  const { db, tenant, clock } = options;
  const now = clock.now();
  const day = isoDate(now, tenant.time_zone);
  if (hourIn(now, tenant.time_zone) < options.hour) {
    return { sent: false, day, why: 'beforeHour' };
  }
  // Nobody reads it on a closed day, and the working days overdue do not grow.
  if (!isWorkingDay(day)) {
    return { sent: false, day, why: 'closedDay' };
  }

  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('daily_run')
      .values({ tenant_id: tenant.id, kind: DIGEST_KIND, day, at: now })
      .onConflict((c) => c.columns(['tenant_id', 'kind', 'day']).doNothing())
      .returning('day')
      .executeTakeFirst();
    if (!claimed) {
      return { sent: false, day, why: 'alreadySent' as const };
    }
    const digests = await digestsOf(trx, tenant.id, day);
    for (const digest of digests) {
      await enqueueDigest(trx, options, digest);
    }
    const proposals = new Set(digests.flatMap((d) => d.items.map((item) => item.id)));
    return { sent: true as const, day, mails: digests.length, proposals: proposals.size };
  });
}

interface OverdueItem {
  id: number;
  receiptNumber: string;
  title: string;
  state: ProposalState;
  dueOn: string;
  daysOverdue: number;
}

interface Digest {
  to: { userId: number; email: string; name: string; lang: Lang };
  items: OverdueItem[];
}

interface StaffMember {
  userId: number;
  email: string;
  name: string;
  lang: Lang;
  grants: { role: StaffRoleName; departmentId: number | null }[];
}

/** Each responsible staff member with the overdue proposals they hold, most overdue first. */
async function digestsOf(
  trx: Transaction<Database>,
  tenantId: number,
  today: string,
): Promise<Digest[]> {
  const overdue = await trx
    .selectFrom('proposal')
    .select([
      'id',
      'tenant_id',
      'organisation_id',
      'state',
      'escalated_at',
      'receipt_number',
      'title',
      'due_on',
    ])
    .where('tenant_id', '=', tenantId)
    // Written out (not bound) so the planner can use the inbox's partial index.
    .where(sql<boolean>`state <> 'draft'`)
    .where('state', 'in', openStates)
    .where('due_on', '<', today)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  if (overdue.length === 0) {
    return [];
  }
  const [access, staff] = await Promise.all([
    proposalAccessOfMany(trx, overdue),
    activeStaff(trx, tenantId),
  ]);

  const digests = new Map<number, Digest>();
  for (const proposal of overdue) {
    const holder = holderOf[proposal.state];
    const object = access.get(proposal.id)!;
    if (holder === null || holder === 'proposer') {
      continue;
    }
    const role = roleOfHolder[holder];
    const byDepartment = holder === 'leadDepartment' || holder === 'leadApprover';
    if (byDepartment && object.leadDepartmentId === null) {
      continue;
    }
    const item: OverdueItem = {
      id: proposal.id,
      receiptNumber: proposal.receipt_number ?? '',
      title: proposal.title,
      state: proposal.state,
      dueOn: proposal.due_on!,
      daysOverdue: workingDaysBetween(proposal.due_on!, today),
    };
    for (const member of staff) {
      const holds = member.grants.some(
        (grant) =>
          grant.role === role && (!byDepartment || grant.departmentId === object.leadDepartmentId),
      );
      // The policy has the last word: a mail is a side path to the proposal like any other.
      if (!holds || !can(actorOf(tenantId, member), 'proposal', 'view', object)) {
        continue;
      }
      const digest = digests.get(member.userId) ?? { to: member, items: [] };
      digest.items.push(item);
      digests.set(member.userId, digest);
    }
  }
  return [...digests.values()];
}

/** The tenant's active staff with their roles, in the order of their ids. */
async function activeStaff(trx: Transaction<Database>, tenantId: number): Promise<StaffMember[]> {
  const rows = await trx
    .selectFrom('staff_role as r')
    .innerJoin('user_account as u', 'u.id', 'r.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'u.lang', 'r.role', 'r.department_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('u.tenant_id', '=', tenantId)
    .where('u.kind', '=', 'staff')
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .orderBy('r.id')
    .execute();
  const members = new Map<number, StaffMember>();
  for (const row of rows) {
    const { userId, email, name, lang } = row;
    const member = members.get(userId) ?? { userId, email, name, lang, grants: [] };
    member.grants.push({ role: row.role, departmentId: row.department_id });
    members.set(userId, member);
  }
  return [...members.values()];
}

function actorOf(tenantId: number, member: StaffMember): Actor {
  const roles: RoleGrant[] = member.grants.map((grant) => ({
    role: grant.role,
    departmentId: grant.departmentId,
  }));
  return { kind: 'staff', userId: member.userId, tenantId, roles };
}

async function enqueueDigest(
  trx: Transaction<Database>,
  options: DigestOptions,
  digest: Digest,
): Promise<void> {
  const { to } = digest;
  const base = `${options.publicUrl}${to.lang === 'en' ? '/en' : ''}`;
  await enqueueMail(trx, {
    tenantId: options.tenant.id,
    template: 'overdueDigest',
    lang: to.lang,
    to: to.email,
    params: {
      name: to.name,
      items: digest.items.map(({ id, ...item }) => ({
        ...item,
        link: `${base}/staff/proposals/${id}`,
      })),
      link: `${base}/staff?overdue=yes`,
    },
  });
}

/**
 * Looks every DIGEST_INTERVAL_MS whether the day's digest is due, until stopped. Runs never
 * overlap within a process; other processes may look too (see the note at the top).
 */
export function scheduleOverdueDigest(options: {
  db: Kysely<Database>;
  tenant: () => Pick<Tenant, 'id' | 'time_zone'>;
  clock: Clock;
  publicUrl: string;
  hour: number;
  onRun: (run: DigestRun) => void;
  onError: (error: unknown) => void;
  intervalMs?: number;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) {
      return;
    }
    running = true;
    runOverdueDigest({ ...options, tenant: options.tenant() })
      .then(options.onRun, options.onError)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? DIGEST_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
