import { z } from 'zod';
import { limits } from '../../domain/limits.ts';

/**
 * Query parameters of public lists. A value that does not fit is ignored (treated as not
 * given), so a mistyped or tampered link still shows a useful page.
 */
const code = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/)
  .optional()
  .catch(undefined);
const keywords = z.string().trim().max(200).optional().catch(undefined);
const page = z.coerce.number().int().min(1).max(limits.maxPage).catch(1);

export const challengeListQuery = z.object({
  q: keywords,
  field: code,
  concept: code,
  department: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  status: z.enum(['open', 'closed']).optional().catch(undefined),
  call: z.literal('open').optional().catch(undefined),
  scope: z.literal('wide-area').optional().catch(undefined),
  page,
});

export const caseListQuery = z.object({
  q: keywords,
  field: code,
  method: code,
  year: z.coerce.number().int().min(1900).max(2200).optional().catch(undefined),
  scope: z.literal('other-cities').optional().catch(undefined),
  page,
});

/** A record id from the path; anything else is treated as a missing record. */
export const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .pipe(z.number().max(2_147_483_647)),
});

/** Keeps only parameters that have a value, so empty selects do not reach the schema. */
export function presentParams(query: unknown): Record<string, string> {
  const entries = Object.entries((query ?? {}) as Record<string, unknown>);
  return Object.fromEntries(
    entries.filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}
