import type { FormState } from '../forms.ts';
import { href, type PageContext } from './context.ts';
import { ErrorSummary, Form, hasErrors, RadioGroup, SelectField, TextField } from './forms.tsx';
import { Layout } from './layout.tsx';

/** The pages of e-mail subscriptions to new challenges. */

export function SubscribePage(props: {
  ctx: PageContext;
  state: FormState;
  fields: { value: string; label: string }[];
  concepts: { value: string; label: string }[];
}) {
  const { ctx, state } = props;
  const m = ctx.t.challenge;
  const labels = { email: m.email, topic: m.topic, field: m.field, concept: m.concept };
  return (
    <Layout ctx={ctx} title={m.subscribeTitle} lead={m.subscribeLead} error={hasErrors(state)}>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <Form ctx={ctx} action={href(ctx.lang, '/subscriptions')} csrf={ctx.csrf ?? ''}>
        <TextField
          ctx={ctx}
          state={state}
          name="email"
          label={m.email}
          type="email"
          autocomplete="email"
          required
        />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="topic"
          legend={m.topic}
          required
          options={[
            { value: 'all', label: m.topicAll },
            { value: 'field', label: m.topicField },
            { value: 'concept', label: m.topicConcept },
          ]}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="field"
          label={m.field}
          options={props.fields}
          blank=""
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="concept"
          label={m.concept}
          options={props.concepts}
          blank=""
        />
        <button type="submit" class="button">
          {m.subscribe}
        </button>
      </Form>
      <p>
        <a href={href(ctx.lang, '/challenges/feed.atom')}>{m.feedLink}</a>
      </p>
    </Layout>
  );
}

/** A short page that says what happened to a subscription. */
export function SubscriptionMessagePage(props: {
  ctx: PageContext;
  title: string;
  body: string;
  again?: boolean;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <p>{props.body}</p>
      <ul class="link-list">
        {props.again && (
          <li>
            <a href={href(ctx.lang, '/subscriptions')}>{ctx.t.challenge.subscribeAgain}</a>
          </li>
        )}
        <li>
          <a href={href(ctx.lang, '/challenges')}>{ctx.t.challenges}</a>
        </li>
      </ul>
    </Layout>
  );
}
