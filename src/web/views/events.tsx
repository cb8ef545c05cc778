import { bilingual } from '../../domain/language.ts';
import type { EventTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { Prose, Text } from './components.tsx';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';

export type EventRow = Selectable<EventTable>;

function when(ctx: PageContext, event: EventRow): string {
  const format = new Intl.DateTimeFormat(ctx.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.tenant.time_zone,
  });
  return event.ends_at
    ? format.formatRange(event.starts_at, event.ends_at)
    : format.format(event.starts_at);
}

/** Upcoming events, or a sentence saying there are none. */
export function EventList(props: { ctx: PageContext; events: EventRow[]; headingLevel: 2 | 3 }) {
  const { ctx } = props;
  const { t } = ctx;
  if (props.events.length === 0) {
    return <p>{t.noEvents}</p>;
  }
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <ul class="cards">
      {props.events.map((event) => (
        <li class="card">
          <Heading class="card-title">
            <Text ctx={ctx} value={bilingual(event, 'title')} />
          </Heading>
          <p class="card-meta">
            <time dateTime={event.starts_at.toISOString()}>{when(ctx, event)}</time>
            {event.venue_ja && (
              <>
                {' · '}
                {t.venue}: <Text ctx={ctx} value={bilingual(event, 'venue')} />
              </>
            )}
            {event.capacity && (
              <>
                {' · '}
                {t.capacity}: {t.capacityN(event.capacity)}
              </>
            )}
          </p>
          <Prose ctx={ctx} value={bilingual(event, 'description')} />
        </li>
      ))}
    </ul>
  );
}

export function EventsPage(props: { ctx: PageContext; events: EventRow[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t.events} lead={ctx.t.eventsLead}>
      <EventList ctx={ctx} events={props.events} headingLevel={2} />
    </Layout>
  );
}
