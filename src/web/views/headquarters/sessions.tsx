import { limits } from '../../../domain/limits.ts';
import type { Person, SessionSummary } from '../../../db/queries/headquarters.ts';
import type { FormState } from '../../forms.ts';
import { CheckboxGroup } from '../admin/parts.tsx';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, Notice, TextField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { heldOnText, PageLinks, sessionPath } from './parts.tsx';

function SessionTable(props: { ctx: PageContext; rows: SessionSummary[]; caption: string }) {
  const { ctx } = props;
  const h = ctx.t.headquarters;
  return (
    <ScrollTable label={props.caption}>
      <thead>
        <tr>
          <th scope="col">{h.columns.heldOn}</th>
          <th scope="col">{h.columns.title}</th>
          <th scope="col">{h.columns.place}</th>
          <th scope="col" class="number">
            {h.columns.items}
          </th>
          <th scope="col" class="number">
            {h.columns.decided}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((session) => (
          <tr>
            <td>
              <time dateTime={session.held_on}>{heldOnText(ctx, session)}</time>
            </td>
            <td>
              <a href={href(ctx.lang, sessionPath(session.id))}>{session.title}</a>
            </td>
            <td>{session.place || h.noPlace}</td>
            <td class="number">{session.items}</td>
            <td class="number">{session.decided}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The sessions of the headquarters meeting: those to come, then those held. */
export function SessionsPage(props: {
  ctx: PageContext;
  sessions: SessionSummary[];
  manage: boolean;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const h = ctx.t.headquarters;
  const upcoming = props.sessions.filter((s) => s.held_on >= ctx.today).reverse();
  const past = props.sessions.filter((s) => s.held_on < ctx.today);
  return (
    <Layout ctx={ctx} title={h.title} lead={h.lead}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <PageLinks>
        {props.manage && (
          <li>
            <a href={href(ctx.lang, '/staff/headquarters/new')}>{h.newSession}</a>
          </li>
        )}
        <li>
          <a href={href(ctx.lang, '/staff')}>{ctx.t.account.staffArea}</a>
        </li>
      </PageLinks>
      <h2>{h.upcoming}</h2>
      {upcoming.length === 0 ? (
        <p>{h.noUpcoming}</p>
      ) : (
        <SessionTable ctx={ctx} rows={upcoming} caption={h.upcomingTable} />
      )}
      <h2>{h.past}</h2>
      {past.length === 0 ? (
        <p>{h.noPast}</p>
      ) : (
        <SessionTable ctx={ctx} rows={past} caption={h.pastTable} />
      )}
    </Layout>
  );
}

/** The form of a new session, or of a session's changes when `sessionId` is given. */
export function SessionFormPage(props: {
  ctx: PageContext;
  state: FormState;
  candidates: Person[];
  session?: { id: number; title: string };
}) {
  const { ctx, state, session } = props;
  const h = ctx.t.headquarters;
  const title = session ? h.editSessionTitle(session.title) : h.newSessionTitle;
  const action = session ? `${sessionPath(session.id)}/edit` : '/staff/headquarters/new';
  const labels = {
    heldOn: h.heldOn,
    title: h.sessionTitle,
    place: h.place,
    members: h.members,
  };
  return (
    <Layout ctx={ctx} title={title} error={hasErrors(state)}>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <Form ctx={ctx} action={href(ctx.lang, action)} csrf={ctx.csrf!}>
        <TextField
          ctx={ctx}
          state={state}
          name="heldOn"
          label={h.heldOn}
          hint={h.heldOnHint}
          required
          inputMode="numeric"
          maxLength={10}
          size="short"
        />
        <TextField
          ctx={ctx}
          state={state}
          name="title"
          label={h.sessionTitle}
          hint={h.sessionTitleHint}
          required
          maxLength={limits.title}
        />
        <TextField
          ctx={ctx}
          state={state}
          name="place"
          label={h.place}
          hint={h.placeHint}
          maxLength={limits.name}
        />
        {props.candidates.length === 0 ? (
          <div class="form-row" id="field-members">
            <p>
              <strong>{h.members}</strong>
            </p>
            <p>{h.noCandidates}</p>
          </div>
        ) : (
          <CheckboxGroup
            ctx={ctx}
            state={state}
            name="members"
            legend={h.members}
            hint={h.membersHint}
            options={props.candidates.map((person) => ({
              value: String(person.id),
              label:
                ctx.lang === 'ja'
                  ? `${person.name}（${person.email}）`
                  : `${person.name} (${person.email})`,
            }))}
          />
        )}
        <div class="button-row">
          <button type="submit" class="button">
            {session ? h.save : h.create}
          </button>
        </div>
      </Form>
      <PageLinks>
        {session ? (
          <li>
            <a href={href(ctx.lang, sessionPath(session.id))}>{h.cancel}</a>
          </li>
        ) : (
          <li>
            <a href={href(ctx.lang, '/staff/headquarters')}>{h.backToList}</a>
          </li>
        )}
      </PageLinks>
    </Layout>
  );
}
