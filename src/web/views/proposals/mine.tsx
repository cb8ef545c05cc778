import type { ComponentChildren } from 'preact';
import type { MeetingView, ThreadEntry } from '../../../app/process/dialogue.ts';
import { holderOf } from '../../../domain/proposal-state.ts';
import type { FormState } from '../../forms.ts';
import { ScrollTable } from '../components.tsx';
import { href, type PageContext } from '../context.ts';
import { ErrorSummary, Form, hasErrors, Notice } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { MeetingList } from '../process/meetings.tsx';
import { messageFields, PostForm, Thread, type PostFieldNames } from '../process/thread.tsx';
import { Links, ProposalDocument, TextArea } from './detail.tsx';
import { Moment, stateLabel, titleOf, type ProposalBundle } from './parts.tsx';

/**
 * The proposer's page of a proposal: where it stands and what comes next in plain words, the
 * reasons the city gave, the dialogue (without internal notes), the meetings, and the forms
 * to reply, to answer the gate's questions and to withdraw.
 */

/** What the proposer's page shows of the dialogue, and which of its forms it offers. */
export interface ProposerDialogue {
  thread: readonly ThreadEntry[];
  meetings: readonly MeetingView[];
  /** The reply form is offered (the organisation may message on the proposal). */
  canMessage: boolean;
  postState: FormState;
  /** The proposal waits for the answer to the gate's questions, and the member may give it. */
  canAnswer: boolean;
  answerState: FormState;
  maxFiles: number;
}

/** The states whose reasons the proposer is shown, as the city gave them. */
const explainedStates = [
  'infoRequested',
  'notAccepted',
  'notAdopted',
  'adopted',
  'escalated',
  'withdrawn',
] as const;
type ExplainedState = (typeof explainedStates)[number];

function isExplained(state: string): state is ExplainedState {
  return (explainedStates as readonly string[]).includes(state);
}

/** Where the proposal stands, who acts next and what the proposer may do, in plain words. */
function Standing(props: { ctx: PageContext; bundle: ProposalBundle }) {
  const { ctx, bundle } = props;
  const d = ctx.t.dialogue;
  const state = bundle.proposal.state;
  const holder = holderOf[state];
  return (
    <section class="standing" aria-labelledby="standing-heading">
      <h2 id="standing-heading">{d.nowHeading}</h2>
      <dl class="facts">
        <dt>{ctx.t.proposal.state}</dt>
        <dd>
          <strong>{stateLabel(ctx, state)}</strong>
          {ctx.t.account.labelSeparator}
          {ctx.t.stateMeanings[state]}
        </dd>
        <dt>{d.holderLabel}</dt>
        <dd>{holder === null ? d.holders.none : d.holders[holder]}</dd>
      </dl>
      <h3>{d.nextHeading}</h3>
      <p>{d.next[state]}</p>
    </section>
  );
}

/** The reasons the city gave for its requests and decisions, oldest first. */
function Reasons(props: { ctx: PageContext; bundle: ProposalBundle }) {
  const { ctx, bundle } = props;
  const d = ctx.t.dialogue;
  const events = bundle.events.filter(
    (event) => isExplained(event.to_state) && (event.reason ?? '').trim() !== '',
  );
  if (events.length === 0) {
    return null;
  }
  return (
    <section class="reasons" aria-labelledby="reasons-heading">
      <h2 id="reasons-heading">{d.reasonsHeading}</h2>
      <p>{d.reasonsLead}</p>
      <ScrollTable label={d.reasonsTable}>
        <thead>
          <tr>
            <th scope="col">{d.reasonAt}</th>
            <th scope="col">{d.reasonKind}</th>
            <th scope="col">{d.reasonText}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>
                <Moment ctx={ctx} at={event.at} />
              </td>
              <td>{d.reasonFor[event.to_state as ExplainedState]}</td>
              <td class="proposal-text">{event.reason}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** The fields of the answer form, apart from the reply form's on the same page. */
export const answerFields: PostFieldNames = { body: 'answer', files: 'answerFiles' };

/** The proposer's page of one of their organisation's proposals. */
export function MyProposalPage(props: {
  ctx: PageContext;
  bundle: ProposalBundle;
  editable: boolean;
  withdrawable: boolean;
  withdrawState: FormState;
  reasonMax: number;
  dialogue: ProposerDialogue;
  notice?: string | undefined;
  /** The delivery records: selection, agreement, indicators, verification. */
  delivery?: ComponentChildren;
}) {
  const { ctx, bundle, dialogue } = props;
  const p = ctx.t.proposal;
  const d = ctx.t.dialogue;
  const id = bundle.proposal.id;
  const state = props.withdrawState;
  const summary: FormState = {
    values: {},
    errors: { ...state.errors, ...dialogue.postState.errors, ...dialogue.answerState.errors },
  };
  const labels = {
    reason: p.withdrawReason,
    [messageFields.body]: d.body,
    [messageFields.files]: d.attach,
    [answerFields.body]: d.answerBody,
    [answerFields.files]: d.attach,
  };
  return (
    <Layout ctx={ctx} title={titleOf(ctx, bundle.content.title)} error={hasErrors(summary)}>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary ctx={ctx} state={summary} labels={labels} />
      {bundle.proposal.state === 'draft' && <p class="lead">{p.draftNote}</p>}
      <Links>
        {props.editable && (
          <li>
            <a href={href(ctx.lang, `/proposals/${id}/edit`)}>{p.edit}</a>
          </li>
        )}
        <li>
          <a href={href(ctx.lang, `/my/proposals/${id}/print`)}>{p.print}</a>
        </li>
        <li>
          <a href={href(ctx.lang, '/my/proposals')}>{p.backToList}</a>
        </li>
      </Links>
      <Standing ctx={ctx} bundle={bundle} />
      <Reasons ctx={ctx} bundle={bundle} />
      {props.delivery}
      {dialogue.canAnswer && (
        <PostForm
          ctx={ctx}
          id="answer"
          action={href(ctx.lang, `/my/proposals/${id}/answer`)}
          csrf={ctx.csrf!}
          offerNote={false}
          state={dialogue.answerState}
          names={answerFields}
          maxFiles={dialogue.maxFiles}
          text={{
            heading: d.answerHeading,
            lead: d.answerLead,
            body: d.answerBody,
            send: d.answerSend,
          }}
        />
      )}
      {bundle.proposal.state !== 'draft' && (
        <Thread ctx={ctx} proposalId={id} entries={dialogue.thread} proposerView />
      )}
      {dialogue.canMessage && (
        <PostForm
          ctx={ctx}
          action={href(ctx.lang, `/my/proposals/${id}/messages`)}
          csrf={ctx.csrf!}
          offerNote={false}
          state={dialogue.postState}
          maxFiles={dialogue.maxFiles}
        />
      )}
      {dialogue.meetings.length > 0 && (
        <MeetingList ctx={ctx} meetings={dialogue.meetings} proposerView />
      )}
      <ProposalDocument
        ctx={ctx}
        bundle={bundle}
        reader={{ showConfidential: true, downloads: true }}
      />
      {props.withdrawable && (
        <section class="withdraw" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{p.withdrawHeading}</h2>
          <p>{p.withdrawLead}</p>
          <Form ctx={ctx} action={href(ctx.lang, `/my/proposals/${id}/withdraw`)} csrf={ctx.csrf!}>
            <TextArea
              ctx={ctx}
              state={state}
              name="reason"
              label={p.withdrawReason}
              hint={p.withdrawReasonHint}
              maxLength={props.reasonMax}
            />
            <div class="button-row">
              <button type="submit" class="button button-danger">
                {p.withdrawButton}
              </button>
            </div>
          </Form>
        </section>
      )}
    </Layout>
  );
}
