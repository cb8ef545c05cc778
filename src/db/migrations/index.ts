import type { Migration } from 'kysely';
import * as createPortal from './2026-12-03-0001-create-tenant-taxonomies-challenges-cases.ts';

/** Every migration, in order. Forward-only: a released migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-12-03-0001-create-tenant-taxonomies-challenges-cases': createPortal,
};
