import { z } from 'zod';
import { bilingual, localize, type Lang } from '../../domain/language.ts';
import { proposalStates } from '../../domain/proposal-state.ts';
import type { Tenant } from '../../db/schema.ts';
import { englishTemplates } from './templates-en.ts';
import { japaneseTemplates } from './templates-ja.ts';
import type {
  MailSignature,
  MailTemplates,
  RenderedMail,
  TemplateName,
  TemplateSet,
} from './template-parts.ts';

export type { MailSignature, MailTemplates, RenderedMail, TemplateName } from './template-parts.ts';

const link = z.url({ protocol: /^https?$/ });
const count = z.number().int().positive();

// Parameters are checked when a message is queued, and again when it is sent: a row written
// by another release may not fit this release's template, and must not go out garbled.
const paramSchemas: { [K in TemplateName]: z.ZodType<MailTemplates[K]> } = {
  verifyEmail: z.object({ name: z.string(), link, expiresInHours: count }),
  passwordReset: z.object({ name: z.string(), link, expiresInMinutes: count }),
  staffSetup: z.object({ name: z.string(), link, expiresInHours: count }),
  memberInvitation: z.object({
    organisation: z.string(),
    invitedBy: z.string(),
    link,
    expiresInDays: count,
  }),
  confirmEmailChange: z.object({ name: z.string(), link, expiresInHours: count }),
  emailChanged: z.object({ name: z.string(), newEmail: z.string() }),
  proposalReceived: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    link,
  }),
  proposalWithdrawn: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    reason: z.string(),
  }),
  accountExists: z.object({ name: z.string(), signInLink: link, resetLink: link }),
  passwordChanged: z.object({ name: z.string() }),
  challengeCall: z.object({
    title: z.string(),
    deadline: z.string(),
    instructions: z.string(),
    link,
    reminder: z.boolean(),
  }),
  challengeReturned: z.object({ title: z.string(), comment: z.string(), link }),
  subscriptionConfirm: z.object({ topic: z.string(), link }),
  newChallenge: z.object({ title: z.string(), summary: z.string(), link, unsubscribeLink: link }),
  questionAnswered: z.object({
    title: z.string(),
    question: z.string(),
    answer: z.string(),
    link,
    unsubscribeLink: link.optional(),
  }),
  proposalStateChanged: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    state: z.enum(proposalStates),
    reason: z.string(),
    link,
  }),
  proposalMessage: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    link,
  }),
  meetingScheduled: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    startsAt: z.iso.datetime(),
    timeZone: z.string().min(1),
    link,
  }),
  proposalAssigned: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    department: z.string(),
    lead: z.boolean(),
    link,
  }),
  overdueDigest: z.object({
    name: z.string(),
    items: z
      .array(
        z.object({
          receiptNumber: z.string(),
          title: z.string(),
          state: z.enum(proposalStates),
          dueOn: z.iso.date(),
          daysOverdue: count,
          link,
        }),
      )
      .min(1),
    link,
  }),
  openCallFromProposal: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    closesOn: z.iso.date(),
    callLink: link,
    link,
  }),
  caseApprovalRequested: z.object({ organisation: z.string(), title: z.string(), link }),
  caseAnswered: z.object({
    name: z.string(),
    title: z.string(),
    organisation: z.string(),
    approved: z.boolean(),
    comment: z.string(),
    link,
  }),
  budgetAllocated: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    fiscalYear: z.number().int(),
    requestedYen: count,
    allocatedYen: count,
    note: z.string(),
    link,
  }),
  budgetDeclined: z.object({
    name: z.string(),
    title: z.string(),
    receiptNumber: z.string(),
    fiscalYear: z.number().int(),
    requestedYen: count,
    note: z.string(),
    link,
  }),
};

const templateSets: Record<Lang, TemplateSet> = { ja: japaneseTemplates, en: englishTemplates };

/** True when `name` is a template the gate knows. */
export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(paramSchemas, name);
}

/** Checks a template's parameters; throws a ZodError naming what does not fit. */
export function checkParams<K extends TemplateName>(
  template: K,
  params: unknown,
): MailTemplates[K] {
  return paramSchemas[template].parse(params);
}

/** Renders a template in the recipient's language. */
export function renderMail<K extends TemplateName>(
  template: K,
  lang: Lang,
  params: MailTemplates[K],
  signature: MailSignature,
): RenderedMail {
  const render: TemplateSet[K] = templateSets[lang][template];
  return render(params, signature);
}

/** A template named in the outbox that this release does not have. */
export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`unknown mail template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

/** Renders a message as stored in the outbox, checking its template and parameters first. */
export function renderStoredMail(
  template: string,
  lang: Lang,
  params: unknown,
  signature: MailSignature,
): RenderedMail {
  if (!isTemplateName(template)) {
    throw new UnknownTemplateError(template);
  }
  return renderChecked(template, lang, params, signature);
}

function renderChecked<K extends TemplateName>(
  template: K,
  lang: Lang,
  params: unknown,
  signature: MailSignature,
): RenderedMail {
  return renderMail(template, lang, checkParams(template, params), signature);
}

/** The tenant's signature in `lang`; English falls back to Japanese where it is missing. */
export function signatureOf(tenant: Tenant, lang: Lang, publicUrl: string): MailSignature {
  const text = (column: string) => localize(bilingual(tenant, column), lang).text;
  return {
    gateName: text('gate_name'),
    cityName: text('name'),
    office: text('office'),
    siteUrl: lang === 'en' ? `${publicUrl}/en` : `${publicUrl}/`,
  };
}
