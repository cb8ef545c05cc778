import type { caseJa } from './case-ja.ts';

/** Messages of cases, in English. */
export const caseEn: typeof caseJa = {
  listTitle: 'Managing cases',
  listLead:
    'Cases drafted from projects and cases entered directly. A case drafted from a project is published once its partner has approved it.',
  newCase: 'Enter a case directly',
  groups: {
    draft: 'Drafts',
    pending: 'Awaiting the partner’s approval',
    returned: 'Returned by the partner',
    approved: 'Approved, not yet published',
    published: 'Published',
    archived: 'No longer published',
  },
  groupHeading: (name: string, count: number) => `${name} (${count})`,
  partnerApproval: (organisation: string, status: string) => `${organisation}: ${status}`,
  myStatusLine: (status: string) => `Status: ${status}`,
  emptyGroup: 'None.',
  columns: {
    title: 'Case',
    origin: 'Made from',
    partner: 'Partner who approves',
    updatedAt: 'Updated',
    comment: 'The partner’s comment',
  },
  origins: { proposal: 'A project', direct: 'Entered directly' },
  backToList: 'Back to the cases',
  workLink: 'Managing cases',

  newTitle: 'Enter a case directly',
  newLead:
    'Record a partnership made outside the gate (an agreement a department signed, for example) as a case. It can be published without a partner’s approval.',
  editHeading: 'Edit the case',
  fields: {
    titleJa: 'Title (Japanese)',
    titleEn: 'Title (English)',
    summaryJa: 'Summary (Japanese)',
    summaryEn: 'Summary (English)',
    activitiesJa: 'What was done (Japanese)',
    activitiesEn: 'What was done (English)',
    resultsJa: 'What it achieved (Japanese)',
    resultsEn: 'What it achieved (English)',
    periodJa: 'Period (Japanese)',
    periodEn: 'Period (English)',
    partnersJa: 'Partners (Japanese)',
    partnersEn: 'Partners (English)',
    year: 'Year',
    fields: 'Fields',
    methods: 'Partnership methods',
    translationPending: 'The English version is awaiting translation (the English page says so)',
  },
  hints: {
    english: 'Where there is no English text, the English page shows the Japanese.',
    period: 'For example: 1 April 2027 – 31 March 2028',
    partners: 'Everyone who took part, the city included, separated by commas.',
    year: 'Four digits, for example 2027.',
    results: 'The indicators’ targets and actual values, and what the verification found.',
  },
  yearInvalid: 'Enter the year as four digits, for example 2027.',
  save: 'Save',
  create: 'Enter the case',

  statusHeading: 'Where it stands',
  statusLabel: 'Publication',
  statusNames: { draft: 'Draft', published: 'Published', archived: 'No longer published' },
  approvalLabel: 'Partner’s approval',
  approvalNames: {
    none: 'Not asked yet',
    pending: 'Awaiting approval',
    approved: 'Approved',
    returned: 'Returned',
  },
  noPartner: 'Entered directly: no partner’s approval is needed.',
  proposalLabel: 'Proposal',
  returnedComment: 'The partner’s comment',
  actionsHeading: 'Actions',
  requestApproval: 'Ask the partner to approve',
  requestHint:
    'The members of the partner organisation are told by email. The case cannot be published until they approve it.',
  publish: 'Publish',
  archive: 'Unpublish',
  publishNeedsApproval:
    'A case drafted from a project can be published once its partner approves it.',
  publishedLocked: 'A published case cannot be edited. Unpublish it first to edit it.',
  approvalResets: 'Editing after the partner’s approval means asking for approval again.',
  viewPublic: 'View the published page',
  drafted: 'The case was drafted from the project. Please read it and edit it as needed.',
  created: 'The case was entered. Please check it before publishing.',
  saved: 'The case was saved.',
  savedApprovalReset:
    'The case was saved. It changed after the partner approved it, so please ask the partner again.',
  requested: (count: number) =>
    `The partner was asked to approve (${count} ${count === 1 ? 'person was' : 'people were'} emailed).`,
  publishedNotice: 'The case was published.',
  archivedNotice: 'The case is no longer published.',
  refusals: {
    notAllowed: 'Only the gate’s staff can do this.',
    published: 'A published case cannot be edited. Unpublish it first to edit it.',
    changed:
      'Another staff member changed this case after you opened the page. Please check the latest version and try again.',
    approvalRequired:
      'A case drafted from a project can be published once its partner approves it.',
    incomplete: 'Enter the title, the summary and the partners first.',
    noPartner: 'A case entered directly has no partner to ask.',
    alreadyAsked: 'The partner has already been asked, or has approved.',
    notPublished: 'This case is not published.',
    notCompleted: 'A case can be drafted once the proposal is completed, after its verification.',
    exists: 'This proposal already has its case.',
    confidentialText:
      'The case repeats a sentence from a confidential part of its proposal. Remove or rewrite it before publishing.',
  },
  confidentialHeading: 'Confidential content found',
  confidentialIntro:
    'These sentences are the same as parts of the proposal marked confidential (or left unmarked). The case cannot be published while it holds them.',

  proposalSection: 'Case',
  createFromProposal: 'Draft the case',
  createHint:
    'The draft is made from the proposal’s disclosable content, the agreement, the indicators’ actual values and the verification. Confidential content and attachments are never used.',
  backToProposal: 'Back to the proposal',
  openCase: 'Open this proposal’s case',

  myListTitle: 'Cases for your review',
  myListLead:
    'The city is preparing to publish the projects it carried out with your organisation as partnership cases. Please review them before they are published.',
  myEmpty: 'There are no cases for you to review.',
  myLink: 'Cases for your review',
  myStatus: {
    preparing: 'Being prepared by the city',
    pending: 'Awaiting your review',
    approved: 'Approved by you',
    returned: 'Returned by you',
    published: 'Published',
    archived: 'No longer published',
  },
  myStatusLabel: 'Status',
  myCaseLead:
    'This is the text as it will be published. Where there is an English version, the English page shows it.',
  answerHeading: 'Your answer',
  approve: 'Approve publication of this text',
  returnHeading: 'If something should change',
  comment: 'Comment',
  commentHint: 'Say what should change. The city will revise the text.',
  returnButton: 'Return with this comment',
  approvedNotice: 'Thank you: you approved publication.',
  returnedNotice: 'You returned the case. The city will revise it and ask you again.',
  commentRequired: 'Enter a comment saying what should change.',
  notPending: 'This case is not awaiting your review at the moment.',
  changedForPartner:
    'The city changed the text after you opened the page. Please read the latest version.',

  activities: 'What was done',
  results: 'What it achieved',
  period: 'Period',
  translationPending:
    'The English version of this case is awaiting translation. Until it is ready, the text is shown in Japanese.',
};
