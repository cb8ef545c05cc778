import { limits } from '../../../domain/limits.ts';
import type { AgendaItem, HeadquartersSession, Person } from '../../../db/queries/headquarters.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, Notice, SelectField, TextAreaField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import {
  BackToList,
  heldOnText,
  itemPath,
  leadDepartmentText,
  outcomeText,
  PageLinks,
  sessionPath,
  type HeadquartersReader,
} from './parts.tsx';

export interface SchedulableProposal {
  id: number;
  receipt_number: string | null;
  title: string;
  organisationName: string;
}

/** A one-button form whose button names its item for screen readers. */
function ItemButton(props: {
  ctx: PageContext;
  action: string;
  label: string;
  fullLabel: string;
  fields?: Record<string, string>;
  tone?: 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={href(props.ctx.lang, props.action)} class="inline-form">
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={`button button-small button-${props.tone ?? 'secondary'}`}
        aria-label={props.fullLabel}
      >
        {props.label}
      </button>
    </form>
  );
}

function ItemActions(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  item: AgendaItem;
  index: number;
  count: number;
}) {
  const { ctx, session, item, index } = props;
  const h = ctx.t.headquarters;
  const base = itemPath(session.id, item.id);
  const position = index + 1;
  return (
    <div class="item-actions">
      {index > 0 && (
        <ItemButton
          ctx={ctx}
          action={`${base}/move`}
          fields={{ direction: 'up' }}
          label={h.moveUp}
          fullLabel={h.moveUpLabel(position)}
        />
      )}
      {index < props.count - 1 && (
        <ItemButton
          ctx={ctx}
          action={`${base}/move`}
          fields={{ direction: 'down' }}
          label={h.moveDown}
          fullLabel={h.moveDownLabel(position)}
        />
      )}
      {item.outcome === null && (
        <ItemButton
          ctx={ctx}
          action={`${base}/remove`}
          label={h.remove}
          fullLabel={h.removeLabel(position)}
          tone="danger"
        />
      )}
    </div>
  );
}

function AgendaTable(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  items: AgendaItem[];
  reader: HeadquartersReader;
}) {
  const { ctx, session, items, reader } = props;
  const h = ctx.t.headquarters;
  const c = h.agendaColumns;
  return (
    <ScrollTable label={h.agendaTable}>
      <thead>
        <tr>
          <th scope="col" class="number">
            {c.position}
          </th>
          <th scope="col">{c.receiptNumber}</th>
          <th scope="col">{c.title}</th>
          <th scope="col">{c.organisation}</th>
          <th scope="col">{c.leadDepartment}</th>
          <th scope="col">{c.escalationReason}</th>
          <th scope="col">{c.outcome}</th>
          {reader.manage && <th scope="col">{c.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => (
          <tr>
            <td class="number">{index + 1}</td>
            <td>{item.receiptNumber ?? ctx.t.proposal.notYet}</td>
            <td>
              <a href={href(ctx.lang, itemPath(session.id, item.id))}>{item.title}</a>
              <br />
              <a href={href(ctx.lang, `/staff/proposals/${item.proposal_id}`)} class="small-link">
                {h.proposalPage}
                <span class="visually-hidden">
                  {ctx.t.account.labelSeparator}
                  {item.title}
                </span>
              </a>
            </td>
            <td>{item.organisationName}</td>
            <td>{leadDepartmentText(ctx, item)}</td>
            <td class="proposal-text">{item.escalationReason ?? h.noReason}</td>
            <td>{outcomeText(ctx, item)}</td>
            {reader.manage && (
              <td>
                <ItemActions
                  ctx={ctx}
                  session={session}
                  item={item}
                  index={index}
                  count={items.length}
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function AddToAgenda(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  schedulable: SchedulableProposal[];
  state: FormState;
}) {
  const { ctx, session, state } = props;
  const h = ctx.t.headquarters;
  return (
    <section aria-labelledby="add-heading">
      <h2 id="add-heading">{h.addHeading}</h2>
      {props.schedulable.length === 0 && !hasErrors(state) ? (
        <p>{h.noneSchedulable}</p>
      ) : (
        <>
          <p>{h.addLead}</p>
          <Form
            ctx={ctx}
            action={href(ctx.lang, `${sessionPath(session.id)}/items`)}
            csrf={ctx.csrf!}
          >
            <SelectField
              ctx={ctx}
              state={state}
              name="proposalId"
              label={h.proposalField}
              required
              blank={h.proposalBlank}
              options={props.schedulable.map((proposal) => ({
                value: String(proposal.id),
                label:
                  ctx.lang === 'ja'
                    ? `${proposal.receipt_number ?? ''} ${proposal.title}（${proposal.organisationName}）`
                    : `${proposal.receipt_number ?? ''} ${proposal.title} (${proposal.organisationName})`,
              }))}
            />
            <TextAreaField
              ctx={ctx}
              state={state}
              name="note"
              label={h.noteField}
              hint={h.noteHint}
              maxLength={limits.text}
              rows={3}
            />
            <div class="button-row">
              <button type="submit" class="button">
                {h.addButton}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

/** A session: its date, place and members, the agenda, and adding to it. */
export function SessionPage(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  members: Person[];
  items: AgendaItem[];
  schedulable: SchedulableProposal[];
  reader: HeadquartersReader;
  addState: FormState;
  notice?: string | undefined;
}) {
  const { ctx, session, reader } = props;
  const h = ctx.t.headquarters;
  return (
    <Layout ctx={ctx} title={session.title} error={hasErrors(props.addState)}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary
        ctx={ctx}
        state={props.addState}
        labels={{ proposalId: h.proposalField, note: h.noteField }}
      />
      <PageLinks>
        <li>
          <a href={href(ctx.lang, `${sessionPath(session.id)}/packet`)}>{h.packet}</a>
        </li>
        {reader.manage && (
          <li>
            <a href={href(ctx.lang, `${sessionPath(session.id)}/edit`)}>{h.editSession}</a>
          </li>
        )}
        <BackToList ctx={ctx} />
      </PageLinks>
      <h2>{h.facts}</h2>
      <dl class="facts">
        <dt>{h.heldOn}</dt>
        <dd>
          <time dateTime={session.held_on}>{heldOnText(ctx, session)}</time>
        </dd>
        <dt>{h.place}</dt>
        <dd>{session.place || h.noPlace}</dd>
        <dt>{h.members}</dt>
        <dd>
          {props.members.length === 0 ? (
            h.noMembers
          ) : (
            <ul class="plain-list">
              {props.members.map((member) => (
                <li>{member.name}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h2>{h.agenda}</h2>
      {props.items.length === 0 ? (
        <p>{h.agendaEmpty}</p>
      ) : (
        <AgendaTable ctx={ctx} session={session} items={props.items} reader={reader} />
      )}
      {reader.manage && (
        <AddToAgenda
          ctx={ctx}
          session={session}
          schedulable={props.schedulable}
          state={props.addState}
        />
      )}
    </Layout>
  );
}
