import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { confirmSubscription, subscribe, unsubscribe } from '../../app/challenges/subscriptions.ts';
import { localize } from '../../domain/language.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { emailField, emptyForm, readForm, tokenParam, type FormState } from '../forms.ts';
import { MessagePage } from '../views/account/auth-pages.tsx';
import { href } from '../views/context.ts';
import { ActionButton } from '../views/forms.tsx';
import { SubscribePage, SubscriptionMessagePage } from '../views/subscriptions.tsx';
import { localized, personalContext, sendPersonalPage } from './localized.ts';

/**
 * E-mail subscriptions to new challenges: to all, one field or one concept. The address is
 * confirmed by a link first; every message ends it with one click, by its link or by the
 * List-Unsubscribe-Post request of RFC 8058 that mail providers send for their users.
 */

const subscribeForm = z.object({
  email: emailField,
  topic: z.enum(['all', 'field', 'concept'], 'choose'),
  field: z.string(),
  concept: z.string(),
});

/** Registers the subscription form and the confirmation and unsubscription links. */
export function registerSubscriptionRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const env = () => ({
    db,
    tenantId: gate.tenant().id,
    publicUrl: gate.config.publicUrl,
    clock: gate.clock,
  });

  async function options(request: FastifyRequest) {
    const { fields, concepts } = await loadTaxonomies(db, gate.tenant().id);
    const name = (row: { name_ja: string; name_en: string | null }) =>
      localize({ ja: row.name_ja, en: row.name_en }, request.lang).text;
    return {
      fields: fields.map((f) => ({ value: f.code, label: name(f), id: f.id })),
      concepts: concepts.map((c) => ({ value: c.code, label: name(c), id: c.id })),
    };
  }

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
  ) => {
    const ctx = personalContext(request, reply);
    return sendPersonalPage(
      reply,
      <SubscribePage ctx={ctx} state={state} {...await options(request)} />,
      status,
    );
  };

  const message = (
    request: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: string,
    again = false,
    status = 200,
  ) =>
    sendPersonalPage(
      reply,
      <SubscriptionMessagePage
        ctx={personalContext(request, reply)}
        title={title}
        body={body}
        again={again}
      />,
      status,
    );

  localized(app, 'GET', '/subscriptions', async (request, reply) =>
    formPage(request, reply, { values: { topic: 'all' }, errors: emptyForm.errors }),
  );

  localized(app, 'POST', '/subscriptions', async (request, reply) => {
    const t = gate.context(request).t;
    const m = t.challenge;
    const form = readForm(subscribeForm, request.body, t);
    const values = form.ok ? form.values : form.state.values;
    const errors: Record<string, string> = form.ok ? {} : { ...form.state.errors };
    const { fields, concepts } = await options(request);
    const field = fields.find((f) => f.value === values.field);
    const concept = concepts.find((c) => c.value === values.concept);
    if (values.topic === 'field' && !field) {
      errors.field = m.errors.choose;
    }
    if (values.topic === 'concept' && !concept) {
      errors.concept = m.errors.choose;
    }
    if (!form.ok || Object.keys(errors).length > 0) {
      return formPage(request, reply, { values, errors }, 400);
    }
    const scope = form.data.topic;
    await subscribe(env(), {
      email: form.data.email.toLowerCase(),
      lang: request.lang,
      scope,
      fieldId: scope === 'field' ? field!.id : null,
      conceptId: scope === 'concept' ? concept!.id : null,
      topic:
        scope === 'field'
          ? m.topicFieldName(field!.label)
          : scope === 'concept'
            ? m.topicConceptName(concept!.label)
            : m.topicAllName,
    });
    // The same answer whether the address was subscribed already or not.
    return message(request, reply, m.subscribeSentTitle, m.subscribeSent);
  });

  // Opening the link shows a button; pressing it confirms. A mail filter that opens every
  // link it sees does not subscribe anybody.
  localized(app, 'GET', '/subscriptions/confirm', async (request, reply) => {
    const ctx = personalContext(request, reply);
    const m = ctx.t.challenge;
    return sendPersonalPage(
      reply,
      <MessagePage ctx={ctx} title={m.confirmTitle}>
        <p>{m.confirmLead}</p>
        <ActionButton
          action={href(ctx.lang, '/subscriptions/confirm')}
          csrf={ctx.csrf!}
          label={m.confirmButton}
          fields={{ token: tokenParam(request.query) }}
        />
      </MessagePage>,
    );
  });

  localized(app, 'POST', '/subscriptions/confirm', async (request, reply) => {
    const m = gate.context(request).t.challenge;
    const result = await confirmSubscription(env(), tokenParam(request.body));
    return result === 'done'
      ? message(request, reply, m.confirmedTitle, m.confirmed)
      : message(request, reply, m.badLinkTitle, m.badLink, true, 404);
  });

  // Opening the link in a message ends the subscription at once: one click, as promised.
  localized(app, 'GET', '/subscriptions/unsubscribe', async (request, reply) => {
    const m = gate.context(request).t.challenge;
    const result = await unsubscribe(env(), tokenParam(request.query));
    return result === 'done'
      ? message(request, reply, m.unsubscribedTitle, m.unsubscribed, true)
      : message(request, reply, m.badLinkTitle, m.badLink, true, 404);
  });

  // RFC 8058: the mail provider posts "List-Unsubscribe=One-Click" to the header's address.
  for (const url of ['/subscriptions/unsubscribe', '/en/subscriptions/unsubscribe']) {
    app.post(url, { config: { csrf: false } }, async (request, reply) => {
      const result = await unsubscribe(env(), tokenParam(request.query));
      return reply
        .code(result === 'done' ? 200 : 404)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(result === 'done' ? 'unsubscribed' : 'unknown');
    });
  }
}
