import type { proposalFormJa } from './proposal-form-ja.ts';

/** Messages of the proposal form, in English. */
export const proposalFormEn: typeof proposalFormJa = {
  newTitle: 'Write a proposal',
  titleTheme: 'Write a theme proposal',
  titleFree: 'Write a free proposal',
  titleEditTheme: 'Edit your theme proposal',
  titleEditFree: 'Edit your free proposal',
  themeLead: (challenge: string, closesOn: string) =>
    `This proposal answers the theme call on the challenge “${challenge}”. Proposals must be submitted by ${closesOn}.`,
  freeLead:
    'Free proposals can be about any idea that would help the city, whether or not it answers a theme call.',
  howToSave:
    'You can save your draft at any point with “Save draft”. Other members of your organisation can also edit it. When everything is filled in, submit it with the “Submit” button at the end of the page.',
  requiredNote:
    'Items marked “required” must be filled in before you submit. A draft can be saved with them still empty.',

  disclosureHeading: 'About disclosure marks',
  disclosureIntro: [
    'Under the city’s information disclosure ordinance, anyone can ask to see records the city holds. Proposals you submit can be among them.',
    'That is why the city asks you to mark each part of your proposal, and each attached file, as confidential or disclosable: so that it knows exactly which parts are trade secrets or know-how, and can protect them when its records are requested.',
  ],
  disclosureMeaningConfidential:
    'The city will not publish it. If its records are requested, the city will respect this mark when it decides under the ordinance what to disclose.',
  disclosureMeaningDisclosable:
    'It may be disclosed when the city’s records are requested, and may be used to present the partnership as a published case once it has become a project (you will see the text before it is published).',
  disclosureReasonNote:
    'If you mark a part confidential, a short reason (for example, “technology not yet filed for a patent”) helps the city when its records are requested.',
  disclosureMarks: {
    confidential: 'Confidential (trade secret or know-how)',
    disclosable: 'Disclosable',
  },
  disclosureLegend: (label: string) => `Disclosure mark for “${label}”`,
  disclosureMark: 'Disclosure mark',
  disclosureReason: 'Reason (optional)',
  disclosureReasonLabel: (label: string) => `Reason for the disclosure mark of “${label}”`,

  basicsHeading: 'Overview',
  problemHeading: 'The problem and your proposal',
  effectsHeading: 'Expected effects and indicators',
  contributionHeading: 'What you contribute',
  cityRequestsHeading: 'What you ask of the city',
  burdenHeading: 'City financial burden',
  periodHeading: 'Period, facilities and quantities',
  trackRecordHeading: 'Track record',
  taxonomyHeading: 'Fields and partnership methods',
  title: 'Title',
  titleHint:
    'City staff outside the assigned departments can see the title too, so do not put anything confidential in it.',
  limit: (max: number) => `Up to ${max.toLocaleString('en-GB')} characters.`,
  sections: {
    summary: {
      label: 'Summary',
      hint: 'Describe the whole proposal briefly, so that someone reading it for the first time understands it.',
    },
    problem: {
      label: 'The problem addressed',
      hint: 'Which local or administrative problem do you want to solve, and why? Add evidence such as data or voices from the field if you have it.',
    },
    approach: {
      label: 'What you propose and how',
      hint: 'What will be done, with whom and how. Make the stages or steps clear.',
    },
    effects: {
      label: 'Expected effects',
      hint: 'What will improve, and how. Enter targets that can be measured as indicators below as well.',
    },
    contribution: {
      label: 'What you contribute',
      hint: 'Money, people, technology, know-how, equipment and anything else your side provides or pays for.',
    },
    cityRequests: {
      label: 'Details of what you ask of the city',
      hint: 'For each item chosen above, say what you need, when and how much.',
    },
    burden: {
      label: 'Notes on the financial burden',
      hint: 'How the estimate was made, and any upkeep the city would pay for after the project.',
    },
    period: {
      label: 'Period',
      hint: 'When it would start, how long it would run, and a rough schedule.',
    },
    occupancy: {
      label: 'Facilities, places and quantities used',
      hint: 'If you would use city facilities, land, roads or parks, say where, how much space or how many, and for how long.',
    },
    trackRecord: {
      label: 'Track record',
      hint: 'Similar work you have done, for example in other cities.',
    },
  },

  indicators: 'Indicators',
  indicatorsHint:
    'Indicators measure the effects. Enter each as a name, a target and a unit (for example: name “Event participants”, target “500”, unit “people”). Leave rows you do not need empty.',
  indicatorsLimit: (max: number) => `Up to ${max} indicators.`,
  indicatorRow: (n: number) => `Indicator ${n}`,
  indicatorName: 'Name',
  indicatorTarget: 'Target',
  indicatorUnit: 'Unit',
  addIndicator: 'Add another indicator row',

  cityRequests: 'What you ask of the city',
  cityRequestsHint: 'Choose all that apply. If you ask nothing of the city, leave them unticked.',
  cityRequestKinds: {
    venue: 'Venue or facility',
    data: 'Data',
    publicity: 'Publicity',
    permission: 'Permission or approval of use',
    coHosting: 'Co-hosting or endorsement',
    money: 'Paying costs',
    other: 'Other',
  },

  burdenKind: 'Would the city bear any cost?',
  burdenKindHint: 'Include upkeep the city would pay for after the project, such as maintenance.',
  burdenKinds: {
    none: 'No, the city would bear no cost',
    estimate: 'Yes (enter an estimate for each fiscal year)',
  },
  burdenRows: 'Estimate by fiscal year',
  burdenRowsHint: 'Fill in if the city would bear a cost. Leave rows you do not need empty.',
  burdenRow: (n: number) => `Estimate ${n}`,
  fiscalYear: 'Fiscal year',
  chooseFiscalYear: 'Choose a year',
  amount: 'Amount (yen)',
  amountHint: 'For example, 1,200,000',
  upkeep: 'This is upkeep after the project',
  burdenNote: 'What it is for (optional)',
  addBurden: 'Add another estimate row',

  methods: 'Preferred partnership methods',
  methodsHint: 'Choose any you would prefer. If you are not sure, leave them unticked.',
  fields: 'Fields',
  fieldsHint: 'Choose at least one field your proposal concerns.',
  concepts: 'Concepts',
  conceptsHint: 'Choose any that apply.',

  attachmentsHeading: 'Attachments',
  attachmentLimits:
    'You can attach PDF, Word, Excel, PowerPoint, JPEG and PNG files, up to 20 MB each and up to 10 files per proposal.',
  attachmentsNone: 'No files attached yet.',
  attachmentsCurrent: 'Attached files',
  fileSize: 'Size',
  fileType: 'Type',
  removeAttachment: 'Remove this file',
  newFiles: 'Add files',
  newFilesHint:
    'Choose a file and press “Save draft” to attach it. Files you choose have to be chosen again each time the form is sent.',
  uploadSlot: (n: number) => `New file ${n}`,
  uploadFile: 'File',
  noMoreFiles:
    'This proposal already has as many files as it can carry. Remove a file you no longer need to add another.',

  eligibilityHeading: 'Eligibility',
  eligibilityLead:
    'The city cannot accept a proposal to which any of the following applies. Tick each one to confirm that it does not apply. All of them must be confirmed before you submit.',
  eligibility: 'Eligibility declarations',
  eligibilityItem: (text: string) => `Does not apply: ${text}`,

  privacyHeading: 'Personal data',
  privacyNotice: [
    'Names, contact details and other personal data in your proposal are used to receive and screen it, for the departments’ review and dialogue with you, to contact you, and to consider making it a project.',
    'They are shared with the city departments concerned as far as these purposes require, and never given to anyone outside the city without your consent unless the law requires it.',
  ],
  privacyVersion: (version: string) => `Version of this notice: ${version}`,
  privacy: 'I have read how personal data is handled and agree.',

  autosaved: 'Draft saved automatically at',
  save: 'Save draft',
  submit: 'Submit',
  submitNote:
    'When you submit, you will receive a receipt number. After that, the proposal cannot be changed unless the city asks you for more information.',
  conflictShort:
    'Another member saved this draft first, so it could not be saved. To keep what you entered, press “Save draft”.',
  saved: (date: string) => `Draft saved (${date}).`,
  answerPending:
    'Your changes were saved. To resubmit the proposal, answer the city’s questions under “Answer the request and resubmit” on this page.',
  submitted: (receiptNumber: string) =>
    `Your proposal has been submitted. Its receipt number is ${receiptNumber}. We have sent you a confirmation e-mail.`,
  callClosedTitle: 'This theme call is not open',
  callClosedBody:
    'This theme call is not taking proposals at the moment. See the challenges with open calls, or send your idea as a free proposal.',
  uploadErrors: {
    tooLarge: (name: string) => `“${name}” is larger than 20 MB, so it cannot be attached.`,
    type: (name: string) =>
      `“${name}” is not a type of file we accept. Choose a PDF, Word, Excel, PowerPoint, JPEG or PNG file.`,
    mismatch: (name: string) =>
      `“${name}” cannot be attached because its content does not match its file extension. Save the file again and retry.`,
    empty: (name: string) => `“${name}” is empty, so it cannot be attached.`,
    tooMany: (name: string) =>
      `A proposal can carry up to 10 files, so “${name}” was not attached.`,
    notEditable: (name: string) =>
      `This proposal can no longer be changed, so “${name}” was not attached.`,
  },
  conflictTitle: 'Another member saved this draft before you',
  conflictBody:
    'Your text has not been saved yet (files you added or removed have been). It is kept in the form below. Compare it with the latest saved version, then save again.',

  errorCodes: {
    choose: 'Choose one.',
    burdenKindMismatch:
      'Amounts have been entered. If the city would pay, choose that option; if not, clear the amounts.',
    amountInvalid: 'Enter the amount in whole yen, in digits (for example 1,200,000).',
    amountTooLarge: 'This amount is too large. Check that it is in yen.',
    amountRequired: 'Enter the amount.',
    fiscalYearRequired: 'Choose the fiscal year.',
    indicatorIncomplete: 'Enter the name, the target and the unit.',
  },
  errors: {
    required: 'Enter this before you submit.',
    tooLong: (max: number) => `Use ${max.toLocaleString('en-GB')} characters or fewer.`,
    tooMany: (max: number) => `Enter up to ${max}.`,
    disclosure: 'Choose confidential or disclosable.',
    indicatorsMissing: 'Enter at least one indicator.',
    burdenMissing:
      'Enter an estimate for at least one fiscal year, or choose “No, the city would bear no cost”.',
    fieldMissing: 'Choose at least one field.',
    eligibility: 'Confirm that this does not apply by ticking it.',
    privacy: 'Read the notice, then tick the box to agree.',
  },
  labels: {
    indicatorName: (n: number) => `Indicator ${n} name`,
    indicatorTarget: (n: number) => `Indicator ${n} target`,
    indicatorUnit: (n: number) => `Indicator ${n} unit`,
    burdenFiscalYear: (n: number) => `Estimate ${n} fiscal year`,
    burdenAmount: (n: number) => `Estimate ${n} amount`,
    burdenNote: (n: number) => `Estimate ${n} note`,
    attachment: (name: string) => `Attachment “${name}”`,
    attachmentDisclosure: (name: string) => `Disclosure mark for “${name}”`,
    attachmentReason: (name: string) => `Reason for the disclosure mark of “${name}”`,
    uploadDisclosure: (n: number) => `Disclosure mark for new file ${n}`,
    uploadReason: (n: number) => `Reason for the disclosure mark of new file ${n}`,
    uploadFile: (n: number) => `New file ${n}`,
  },
};
