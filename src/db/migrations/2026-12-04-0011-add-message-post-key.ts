import type { Kysely } from 'kysely';
import { runScript } from './script.ts';

// A message form carries a key made when the page was drawn. Sending the same form again
// (Back, then send) finds the message already there instead of posting it twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table proposal_message add column post_key text
      check (post_key is null or length(post_key) between 16 and 64);
    create unique index proposal_message_post_key on proposal_message (proposal_id, post_key)
      where post_key is not null;
    `,
  );
}
