import type { Kysely } from 'kysely';
import { addDays } from '../../domain/calendar.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Reading the audit log: newest first, a page at a time, narrowed by action, actor, target
 * kind and a range of calendar dates in the tenant's time zone.
 */

export const auditPageSize = 50;

export interface AuditFilter {
  action?: string | undefined;
  /** Part of the actor's e-mail address, any case. */
  actorEmail?: string | undefined;
  /** First day, 'YYYY-MM-DD' in the tenant's time zone (inclusive). */
  from?: string | undefined;
  /** Last day, 'YYYY-MM-DD' in the tenant's time zone (inclusive). */
  to?: string | undefined;
  targetKind?: string | undefined;
}

export interface AuditEntry {
  id: number;
  at: Date;
  action: string;
  actorUserId: number | null;
  actorEmail: string | null;
  targetKind: string | null;
  targetId: string | null;
  targetLabel: string | null;
  clientAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  page: number;
  pages: number;
}

/** A real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** How far `timeZone` is ahead of UTC at `moment`, in milliseconds. */
function zoneOffset(moment: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(moment);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(moment.getTime() / 1000) * 1000;
}

/** The moment a calendar day begins in `timeZone`. */
export function startOfDay(date: string, timeZone: string): Date {
  const midnightUtc = new Date(`${date}T00:00:00Z`).getTime();
  let moment = midnightUtc - zoneOffset(new Date(midnightUtc), timeZone);
  // Once more, for a day on which the offset changes.
  moment = midnightUtc - zoneOffset(new Date(moment), timeZone);
  return new Date(moment);
}

/** A moment as 'YYYY-MM-DD HH:MM:SS' in `timeZone`. */
export function formatMoment(moment: Date, timeZone: string): string {
  // Swedish writes date and time in the ISO order.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(moment);
}

/** A LIKE pattern for "contains `text`": `%` and `_` typed by a person match themselves. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function parseDetails(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * One page of the tenant's audit log, newest first. Dates must already be checked with
 * `isCalendarDate`. A page past the end gives the last page.
 */
export async function queryAuditLog(
  db: Kysely<Database>,
  tenantId: number,
  timeZone: string,
  filter: AuditFilter,
  page: number,
  pageSize: number = auditPageSize,
): Promise<AuditPage> {
  let query = db.selectFrom('audit_event').where('tenant_id', '=', tenantId);
  if (filter.action) {
    query = query.where('action', '=', filter.action);
  }
  if (filter.actorEmail) {
    query = query.where('actor_email', 'ilike', likeContains(filter.actorEmail));
  }
  if (filter.targetKind) {
    query = query.where('target_kind', '=', filter.targetKind);
  }
  if (filter.from) {
    query = query.where('at', '>=', startOfDay(filter.from, timeZone));
  }
  if (filter.to) {
    query = query.where('at', '<', startOfDay(addDays(filter.to, 1), timeZone));
  }
  const { count } = await query
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const total = Number(count);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .execute();
  return {
    total,
    page: current,
    pages,
    entries: rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      action: row.action,
      actorUserId: row.actor_user_id,
      actorEmail: row.actor_email,
      targetKind: row.target_kind,
      targetId: row.target_id,
      targetLabel: row.target_label,
      clientAddress: row.client_address,
      requestId: row.request_id,
      details: parseDetails(row.details),
    })),
  };
}
