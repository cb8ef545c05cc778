import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

// Public lists show published and closed challenges newest first, and published cases by
// year then publication. Partial indexes in exactly those orders let a page read its 20 rows
// from the index instead of sorting the whole table (measured at 100,000 rows).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create index challenge_public_order on challenge (tenant_id, published_at desc, id desc)
      where status in ('published', 'closed');

    create index case_public_order on "case"
      (tenant_id, year desc nulls last, published_at desc, id desc)
      where status = 'published';

    create index case_public_recent on "case" (tenant_id, published_at desc, id desc)
      where status = 'published';
  `,
  );
}
