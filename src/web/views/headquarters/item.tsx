import { acceptAttribute } from '../../../app/files/kinds.ts';
import { limits } from '../../../domain/limits.ts';
import type {
  AgendaItem,
  ExpertOpinion,
  HeadquartersSession,
} from '../../../db/queries/headquarters.ts';
import type { FormState } from '../../forms.ts';
import { formatMoment } from '../account/account-pages.tsx';
import { href, type PageContext } from '../context.ts';
import {
  ErrorSummary,
  Form,
  hasErrors,
  Notice,
  RadioGroup,
  TextField,
  TextAreaField,
} from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { fileTypeLabel, formatBytes } from '../proposals/parts.tsx';
import {
  itemPath,
  leadDepartmentText,
  opinionFilePath,
  outcomeText,
  PageLinks,
  sessionPath,
  type HeadquartersReader,
} from './parts.tsx';

/** The experts' opinions on one item, with their files to download. */
export function OpinionList(props: {
  ctx: PageContext;
  sessionId: number;
  opinions: ExpertOpinion[];
  downloads: boolean;
}) {
  const { ctx, opinions } = props;
  const h = ctx.t.headquarters;
  if (opinions.length === 0) {
    return <p>{h.noOpinions}</p>;
  }
  return (
    <ul class="opinion-list">
      {opinions.map((opinion) => (
        <li class="opinion">
          <p class="opinion-expert">
            <strong>{opinion.expert_name}</strong>
            {opinion.affiliation &&
              (ctx.lang === 'ja' ? `（${opinion.affiliation}）` : ` (${opinion.affiliation})`)}
          </p>
          {opinion.body.trim() !== '' && <div class="proposal-text">{opinion.body}</div>}
          {opinion.storage_key && opinion.file_name && (
            <p class="file-name">
              {h.file}
              {ctx.t.account.labelSeparator}
              {props.downloads ? (
                <a
                  href={href(
                    ctx.lang,
                    opinionFilePath(props.sessionId, opinion.item_id, opinion.id),
                  )}
                >
                  {opinion.file_name}
                </a>
              ) : (
                opinion.file_name
              )}{' '}
              ({fileTypeLabel(opinion.media_type ?? '')},{' '}
              {formatBytes(ctx, opinion.size_bytes ?? 0)})
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function DecisionForm(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  item: AgendaItem;
  state: FormState;
}) {
  const { ctx, session, item, state } = props;
  const h = ctx.t.headquarters;
  return (
    <Form
      ctx={ctx}
      action={href(ctx.lang, `${itemPath(session.id, item.id)}/decision`)}
      csrf={ctx.csrf!}
    >
      <RadioGroup
        ctx={ctx}
        state={state}
        name="outcome"
        legend={h.outcomeLegend}
        required
        options={[
          { value: 'adopted', label: h.outcomes.adopted },
          { value: 'notAdopted', label: h.outcomes.notAdopted },
        ]}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="reason"
        label={h.reason}
        hint={h.reasonHint}
        required
        maxLength={limits.text}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {h.decideButton}
        </button>
      </div>
    </Form>
  );
}

function OpinionForm(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  item: AgendaItem;
  state: FormState;
}) {
  const { ctx, session, item, state } = props;
  const h = ctx.t.headquarters;
  const fileError = state.errors.file;
  return (
    <form
      method="post"
      action={href(ctx.lang, `${itemPath(session.id, item.id)}/opinions`)}
      enctype="multipart/form-data"
      class="form"
      novalidate
    >
      {/* The token comes first: the server checks it before it keeps any file. */}
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <TextField
        ctx={ctx}
        state={state}
        name="expertName"
        label={h.expertName}
        required
        maxLength={limits.name}
      />
      <TextField
        ctx={ctx}
        state={state}
        name="affiliation"
        label={h.affiliation}
        maxLength={limits.name}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="body"
        label={h.opinionBody}
        hint={h.opinionBodyHint}
        maxLength={limits.text}
      />
      <div class={`form-row${fileError ? ' form-row-error' : ''}`}>
        <label for="field-file">
          {h.file}
          <span class="badge">{ctx.t.account.optional}</span>
        </label>
        <p class="hint" id="hint-file">
          {h.fileHint}
        </p>
        {fileError && (
          <p class="field-error" id="error-file">
            {fileError}
          </p>
        )}
        <input
          type="file"
          id="field-file"
          name="file"
          accept={acceptAttribute}
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={fileError ? 'hint-file error-file' : 'hint-file'}
          class="file-input"
        />
      </div>
      <div class="button-row">
        <button type="submit" class="button">
          {h.addOpinionButton}
        </button>
      </div>
    </form>
  );
}

/** One agenda item: its proposal, the decision (or its form) and the experts' opinions. */
export function ItemPage(props: {
  ctx: PageContext;
  session: HeadquartersSession;
  item: AgendaItem;
  position: number;
  opinions: ExpertOpinion[];
  reader: HeadquartersReader;
  decisionState: FormState;
  opinionState: FormState;
  notice?: string | undefined;
}) {
  const { ctx, session, item, reader } = props;
  const h = ctx.t.headquarters;
  const error = hasErrors(props.decisionState) || hasErrors(props.opinionState);
  const title = `${h.item(props.position)} ${item.title}`;
  return (
    <Layout ctx={ctx} title={title} error={error}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary
        ctx={ctx}
        state={props.decisionState}
        labels={{ outcome: h.outcomeLegend, reason: h.reason }}
      />
      <ErrorSummary
        ctx={ctx}
        state={props.opinionState}
        labels={{
          expertName: h.expertName,
          affiliation: h.affiliation,
          body: h.opinionBody,
          file: h.file,
        }}
      />
      <PageLinks>
        <li>
          <a href={href(ctx.lang, `/staff/proposals/${item.proposal_id}`)}>{h.proposalPage}</a>
        </li>
        <li>
          <a href={href(ctx.lang, sessionPath(session.id))}>{h.backToSession}</a>
        </li>
      </PageLinks>
      <h2>{h.itemFacts}</h2>
      <dl class="facts">
        <dt>{h.columns.title}</dt>
        <dd>{session.title}</dd>
        <dt>{h.agendaColumns.receiptNumber}</dt>
        <dd>{item.receiptNumber ?? ctx.t.proposal.notYet}</dd>
        <dt>{h.agendaColumns.organisation}</dt>
        <dd>{item.organisationName}</dd>
        <dt>{h.agendaColumns.leadDepartment}</dt>
        <dd>{leadDepartmentText(ctx, item)}</dd>
        <dt>{h.agendaColumns.escalationReason}</dt>
        <dd class="proposal-text">{item.escalationReason ?? h.noReason}</dd>
        {item.note.trim() !== '' && (
          <>
            <dt>{h.note}</dt>
            <dd class="proposal-text">{item.note}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">{h.decision}</h2>
        {item.outcome !== null ? (
          <dl class="facts">
            <dt>{h.decidedAs}</dt>
            <dd>
              <strong>{outcomeText(ctx, item)}</strong>
            </dd>
            <dt>{h.reason}</dt>
            <dd class="proposal-text">{item.reason}</dd>
            <dt>{h.decidedBy}</dt>
            <dd>{item.decidedByName ?? ''}</dd>
            <dt>{h.decidedAt}</dt>
            <dd>{item.decided_at && formatMoment(ctx, item.decided_at)}</dd>
          </dl>
        ) : reader.decide ? (
          <>
            <p>{h.decisionLead}</p>
            <DecisionForm ctx={ctx} session={session} item={item} state={props.decisionState} />
          </>
        ) : (
          <p>
            {h.undecided}
            {ctx.t.account.labelSeparator}
            {h.notMemberNote}
          </p>
        )}
      </section>

      <section aria-labelledby="opinions-heading">
        <h2 id="opinions-heading">{h.opinions}</h2>
        <p>{h.opinionsNote}</p>
        <OpinionList ctx={ctx} sessionId={session.id} opinions={props.opinions} downloads />
        {reader.manage && (
          <>
            <h3>{h.addOpinion}</h3>
            <OpinionForm ctx={ctx} session={session} item={item} state={props.opinionState} />
          </>
        )}
      </section>
    </Layout>
  );
}
