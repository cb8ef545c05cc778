import type { ProposalState } from '../../domain/proposal-state.ts';

/** What every language's template set shares: the template list, the signature, text rules. */

/** Every e-mail the gate sends, by template name, with the parameters it needs. */
export interface MailTemplates {
  /** Confirms that a new or changed address belongs to the person who gave it. */
  verifyEmail: { name: string; link: string; expiresInHours: number };
  /** Lets a person who forgot their password choose a new one. */
  passwordReset: { name: string; link: string; expiresInMinutes: number };
  /** Gives a new staff member the link to set a password. */
  staffSetup: { name: string; link: string; expiresInHours: number };
  /** Invites a person to join an organisation on the gate. */
  memberInvitation: {
    organisation: string;
    invitedBy: string;
    link: string;
    expiresInDays: number;
  };
  /** Confirms a new address before an account's e-mail address changes to it. */
  confirmEmailChange: { name: string; link: string; expiresInHours: number };
  /** Tells the old address that the account's address has changed. */
  emailChanged: { name: string; newEmail: string };
  /** Confirms that a proposal was received, with its receipt number. */
  proposalReceived: { name: string; title: string; receiptNumber: string; link: string };
  /** Confirms that a proposal was withdrawn, with the reason given. */
  proposalWithdrawn: { name: string; title: string; receiptNumber: string; reason: string };
  /** Answers a registration with an address that already has an account. */
  accountExists: { name: string; signInLink: string; resetLink: string };
  /** Tells the owner that the password was changed, in case it was not them. */
  passwordChanged: { name: string };
  /** Asks a department for challenges by a deadline, or reminds it of the request. */
  challengeCall: {
    title: string;
    deadline: string;
    instructions: string;
    link: string;
    reminder: boolean;
  };
  /** Tells a department that the gate returned its challenge, with the gate's comment. */
  challengeReturned: { title: string; comment: string; link: string };
  /** Confirms a subscription to new challenges before anything else is sent. */
  subscriptionConfirm: { topic: string; link: string };
  /** Tells a subscriber of a newly published challenge. */
  newChallenge: { title: string; summary: string; link: string; unsubscribeLink: string };
  /** Tells subscribers (and the asker) of a public answer on a theme call. */
  questionAnswered: {
    title: string;
    question: string;
    answer: string;
    link: string;
    unsubscribeLink?: string | undefined;
  };
  /** Tells the proposer that their proposal moved to a new state, with the reason given. */
  proposalStateChanged: {
    name: string;
    title: string;
    receiptNumber: string;
    state: ProposalState;
    reason: string;
    link: string;
  };
  /** Tells one side of a proposal's dialogue that the other wrote; the text stays on the site. */
  proposalMessage: { name: string; title: string; receiptNumber: string; link: string };
  /** Invites a person to a meeting on a proposal; the place is shown only on the page. */
  meetingScheduled: {
    name: string;
    title: string;
    receiptNumber: string;
    /** ISO 8601 moment, shown in `timeZone`. */
    startsAt: string;
    timeZone: string;
    link: string;
  };
  /** Tells a department's staff that a proposal was assigned to it. */
  proposalAssigned: {
    name: string;
    title: string;
    receiptNumber: string;
    department: string;
    lead: boolean;
    link: string;
  };
  /** Lists, once a day, the proposals a staff member holds that are past their time target. */
  overdueDigest: {
    name: string;
    /** Most overdue first; `daysOverdue` counts working days after `dueOn` up to today. */
    items: {
      receiptNumber: string;
      title: string;
      state: ProposalState;
      dueOn: string;
      daysOverdue: number;
      link: string;
    }[];
    /** The staff inbox. */
    link: string;
  };
  /** Tells the proposer that an open call for other organisations was opened from their proposal. */
  openCallFromProposal: {
    name: string;
    title: string;
    receiptNumber: string;
    /** The last day proposals are taken, 'YYYY-MM-DD'. */
    closesOn: string;
    /** The public page of the call. */
    callLink: string;
    /** The proposer's page of the proposal. */
    link: string;
  };
  /** Asks the partner organisation's members to approve a case before it is published. */
  caseApprovalRequested: { organisation: string; title: string; link: string };
  /** Tells the gate staff member who made a case that the partner approved or returned it. */
  caseAnswered: {
    name: string;
    title: string;
    organisation: string;
    approved: boolean;
    comment: string;
    link: string;
  };
  /** Tells a requester that the gate allocated partnership budget, perhaps less than asked. */
  budgetAllocated: {
    name: string;
    title: string;
    receiptNumber: string;
    fiscalYear: number;
    requestedYen: number;
    allocatedYen: number;
    note: string;
    link: string;
  };
  /** Tells a requester that the gate declined a budget request, with its reason. */
  budgetDeclined: {
    name: string;
    title: string;
    receiptNumber: string;
    fiscalYear: number;
    requestedYen: number;
    note: string;
    link: string;
  };
}

export type TemplateName = keyof MailTemplates;

export interface RenderedMail {
  subject: string;
  text: string;
  /** Where a one-click unsubscription goes (RFC 8058), for the List-Unsubscribe header. */
  listUnsubscribe?: string | undefined;
}

/** Who signs a message: the tenant's gate, its office and the portal address, in one language. */
export interface MailSignature {
  gateName: string;
  cityName: string;
  office: string;
  siteUrl: string;
}

/** One language's templates: each renders its own parameters. */
export type TemplateSet = {
  [K in TemplateName]: (params: MailTemplates[K], signature: MailSignature) => RenderedMail;
};

/**
 * A name as one short line. Names are typed by the people they belong to; a line break in
 * one could forge a paragraph of our own text (a fake link, a fake warning) in the message.
 */
export function oneLine(value: string, max = 100): string {
  const flat = value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** A meeting's date and time for a mail, in the city's time zone: 2026年12月10日 14:00. */
export function meetingMoment(iso: string, timeZone: string, lang: 'ja' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}
