import { deliveryTemplatesEn } from './delivery-templates-en.ts';
import { caseTemplatesEn } from './case-templates-en.ts';
import { budgetTemplatesEn } from './budget-templates-en.ts';
import { challengeTemplatesEn } from './challenge-templates-en.ts';
import { formatDate } from '../../domain/calendar.ts';
import { stateNames } from './state-names.ts';
import { meetingMoment, oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

// Plain English in short paragraphs; the link on a line of its own so that every mail
// program makes it clickable.

const hours = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'hour', unitDisplay: 'long' });
const minutes = new Intl.NumberFormat('en-GB', {
  style: 'unit',
  unit: 'minute',
  unitDisplay: 'long',
});

function salutation(name: string): string {
  const flat = oneLine(name);
  return flat === '' ? 'Hello,' : `Dear ${flat},`;
}

function footer(signature: MailSignature): string {
  return [
    'This message was sent from an address that cannot receive replies.',
    '',
    '--',
    signature.gateName,
    `${signature.office}, ${signature.cityName}`,
    signature.siteUrl,
  ].join('\n');
}

/** The English templates. */
export const englishTemplates: TemplateSet = {
  verifyEmail: (params, signature) => ({
    subject: 'Please confirm your email address',
    text: [
      salutation(params.name),
      '',
      `Thank you for using ${signature.gateName}.`,
      'To confirm your email address, please open this link:',
      '',
      params.link,
      '',
      `The link works for ${hours.format(params.expiresInHours)} from your request.`,
      'If it has expired, please start again.',
      '',
      'If you did not expect this message, someone may have typed your address by mistake.',
      'Please delete it: nothing happens unless the link is opened.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  passwordReset: (params, signature) => ({
    subject: 'Reset your password',
    text: [
      salutation(params.name),
      '',
      'We received a request to reset your password.',
      'To choose a new password, please open this link:',
      '',
      params.link,
      '',
      `The link works for ${minutes.format(params.expiresInMinutes)} from your request.`,
      'If it has expired, please ask for a new one.',
      '',
      'If you did not ask to reset your password, please delete this message.',
      'Your password has not been changed and you can keep using it.',
      '',
      'We will never ask for your password by phone or email.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  staffSetup: (params, signature) => ({
    subject: `Set up your staff account on ${signature.gateName}`,
    text: [
      salutation(params.name),
      '',
      `A staff account has been created for you on ${signature.gateName}.`,
      'Please open this link to choose a password:',
      '',
      params.link,
      '',
      'After that, you will sign in and set up two-step verification.',
      `The link works for ${hours.format(params.expiresInHours)}. If it has expired, ask your system administrator for a new one.`,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  memberInvitation: (params, signature) => ({
    subject: `You are invited to join ${oneLine(params.organisation)} on ${signature.gateName}`,
    text: [
      'Hello,',
      '',
      `${oneLine(params.invitedBy)} has invited you to join ${oneLine(params.organisation)} on ${signature.gateName}.`,
      'To accept, open this link and enter your name and a password:',
      '',
      params.link,
      '',
      `The invitation works for ${params.expiresInDays} days. If you were not expecting it, you can ignore this message.`,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  confirmEmailChange: (params, signature) => ({
    subject: 'Please confirm your new email address',
    text: [
      salutation(params.name),
      '',
      `We received a request to change the email address of your ${signature.gateName} account to this address.`,
      'To finish the change, please open this link:',
      '',
      params.link,
      '',
      `The link works for ${hours.format(params.expiresInHours)}. If you did not ask for this, ignore this message and nothing will change.`,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  emailChanged: (params, signature) => ({
    subject: 'Your email address has been changed',
    text: [
      salutation(params.name),
      '',
      `The email address of your ${signature.gateName} account is now ${oneLine(params.newEmail)}.`,
      'We will no longer write to this address.',
      '',
      'If you did not make this change, please contact the gate office.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  passwordChanged: (params, signature) => ({
    subject: 'Your password has been changed',
    text: [
      salutation(params.name),
      '',
      `The password of your ${signature.gateName} account has been changed.`,
      'For your security, you have been signed out on every other device.',
      '',
      'If you did not do this, reset your password from the sign-in page ("Forgotten your password?") and contact the gate office.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  accountExists: (params, signature) => ({
    subject: 'This email address is already registered',
    text: [
      salutation(params.name),
      '',
      `Someone asked to register on ${signature.gateName} with this email address, which already has an account.`,
      'To sign in, open this page:',
      '',
      params.signInLink,
      '',
      'If you have forgotten your password, you can reset it here:',
      '',
      params.resetLink,
      '',
      'If this was not you, you can ignore this message. Nothing has changed in your account.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalReceived: (params, signature) => ({
    subject: `We have received your proposal (receipt number ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      `Thank you for your proposal to ${signature.gateName}. We have received it.`,
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Title: ${oneLine(params.title, 200)}`,
      '',
      'Please quote the receipt number if you contact us.',
      'The gate office will check the proposal against the requirements and tell you how it will proceed.',
      'You can follow its progress here:',
      '',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalWithdrawn: (params, signature) => ({
    subject: `Your proposal has been withdrawn (receipt number ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      `We have recorded the withdrawal of this proposal to ${signature.gateName}:`,
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Title: ${oneLine(params.title, 200)}`,
      '',
      'The reason given was:',
      params.reason,
      '',
      'If you did not ask for this, please contact the gate office.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  ...challengeTemplatesEn(footer),
  ...deliveryTemplatesEn(salutation, footer),
  ...caseTemplatesEn(footer),
  ...budgetTemplatesEn(footer),
  proposalStateChanged: (params, signature) => ({
    subject: `Your proposal is now “${stateNames.en[params.state]}” (receipt ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      `The status of your proposal to ${signature.gateName} has changed.`,
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Proposal: ${oneLine(params.title, 200)}`,
      `Status: ${stateNames.en[params.state]}`,
      ...(params.reason.trim() === '' ? [] : ['', 'The city explains:', params.reason]),
      '',
      'The details, and what happens next, are on this page:',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalMessage: (params, signature) => ({
    subject: `New message about your proposal (receipt ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      'There is a new message about this proposal:',
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Proposal: ${oneLine(params.title, 200)}`,
      '',
      'To keep its content safe, the message itself is not sent by email.',
      'Please sign in and read it here:',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  meetingScheduled: (params, signature) => ({
    subject: `Meeting about your proposal (receipt ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      'A meeting has been arranged about this proposal, and you are invited:',
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Proposal: ${oneLine(params.title, 200)}`,
      `When: ${meetingMoment(params.startsAt, params.timeZone, 'en')}`,
      '',
      'The place and any online meeting link are not sent by email.',
      'Please sign in and find them here:',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalAssigned: (params, signature) => ({
    subject: `Proposal assigned to ${oneLine(params.department)} (receipt ${params.receiptNumber})`,
    text: [
      salutation(params.name),
      '',
      `This proposal has been assigned to ${oneLine(params.department)} as the ${params.lead ? 'lead department' : 'supporting department'}:`,
      '',
      `Receipt number: ${params.receiptNumber}`,
      `Proposal: ${oneLine(params.title, 200)}`,
      '',
      'Please read it and start the review:',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  overdueDigest: (params, signature) => ({
    subject: `${params.items.length === 1 ? 'One proposal is' : `${params.items.length} proposals are`} past the time target`,
    text: [
      salutation(params.name),
      '',
      'These proposals you hold are past their time target. Please deal with them:',
      '',
      ...params.items.flatMap((item) => [
        `- ${item.receiptNumber} ${oneLine(item.title, 80)}`,
        `  ${stateNames.en[item.state]}, due ${formatDate(item.dueOn, 'en')} (${item.daysOverdue} working ${item.daysOverdue === 1 ? 'day' : 'days'} overdue)`,
        `  ${item.link}`,
      ]),
      '',
      'All the proposals you hold are listed here:',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),
};
