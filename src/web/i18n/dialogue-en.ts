import type { dialogueJa } from './dialogue-ja.ts';

/** Messages of the dialogue and the proposer's page, in English. */
export const dialogueEn: typeof dialogueJa = {
  threadHeading: 'Messages',
  threadLeadProposer:
    'Everything written between you and the city about this proposal. We email you when the city writes.',
  threadLeadStaff:
    'Messages with the proposer, and internal notes. Internal notes are never shown to the proposer, and no email tells them about one.',
  threadEmpty: 'There are no messages yet.',
  threadList: 'Messages, oldest first',
  kinds: {
    message: 'Message',
    note: 'Internal note',
    infoRequest: 'Request for information',
    infoResponse: 'Answer to the request for information',
  },
  noteMark: 'Not shown to the proposer',
  fromProposer: (name: string) => `Proposer: ${name}`,
  fromCity: (unit: string) => `City: ${unit}`,
  fromStaff: (name: string, unit: string) => `${name} (${unit})`,
  gateOffice: 'Co-Creation Gate',
  postedAt: 'Sent',
  files: 'Attached files',
  fileLabel: (name: string, type: string, size: string) => `${name} (${type}, ${size})`,

  postHeading: 'Send a message',
  postLeadProposer:
    'Ask the city a question or send more documents. The staff working on your proposal will read your message.',
  postLeadStaff: 'Write to the proposer, or keep an internal note.',
  kindLegend: 'What to record',
  kindMessage: 'Message (shown to the proposer, who is told by email)',
  kindNote: 'Internal note (staff only)',
  body: 'Text',
  bodyHint: (max: string) => `Up to ${max} characters.`,
  attach: 'Attached files',
  attachHint: (count: number) =>
    `PDF, Word, Excel, PowerPoint, JPEG or PNG files, up to 20 MB each and ${count} files at a time. If the page comes back with a problem, choose the files again.`,
  send: 'Send',
  posted: 'Your message has been sent.',
  notePosted: 'The internal note has been saved.',

  answerHeading: 'Answer the request and resubmit',
  answerLead:
    'Please answer the gate’s questions. When you send your answer, the proposal is resubmitted with the same receipt number and goes back to screening. To change the proposal itself, use “Edit the proposal” first.',
  answerBody: 'Your answer',
  answerSend: 'Send the answer and resubmit',
  answered:
    'Your answer has been sent and the proposal resubmitted. The gate will check it again shortly.',

  errors: {
    bodyRequired: 'Enter the text of your message.',
    answerRequired: 'Enter your answer.',
    tooManyFiles: (max: number) => `You can attach up to ${max} files at a time.`,
    kindInvalid: 'Choose what to record.',
    notPermitted: 'Messages cannot be sent on this proposal at the moment.',
    notInfoRequested:
      'This proposal has already been answered, or is no longer waiting for information. Please check where it stands now.',
    startsAtInvalid: 'Enter a real date and time, for example 2026-12-10 and 14:00.',
    startsAtRange: 'Enter a date from a year ago to three years ahead.',
    onlineUrlInvalid: 'Enter an address that starts with http:// or https://.',
    attendeeInvalid: 'Choose the attendees from the list.',
    tooLong: (max: number) => `Enter no more than ${max.toLocaleString('en-GB')} characters.`,
  },
  uploadErrors: {
    tooLarge: (name: string) => `“${name}” is larger than 20 MB, so it cannot be attached.`,
    type: (name: string) =>
      `“${name}” is not a type of file we accept. Choose a PDF, Word, Excel, PowerPoint, JPEG or PNG file.`,
    mismatch: (name: string) =>
      `“${name}” cannot be attached because its content does not match its file extension. Save the file again and retry.`,
    empty: (name: string) => `“${name}” is empty, so it cannot be attached.`,
  },

  meetingsHeading: 'Meetings',
  meetingsLeadProposer:
    'Meetings about this proposal. The place and any online link are shown only to the people invited.',
  meetingsEmpty: 'No meetings have been arranged.',
  startsAt: 'When',
  place: 'Place',
  onlineUrl: 'Online meeting link',
  purpose: 'Purpose',
  attendees: 'Attendees',
  otherAttendees: 'Other attendees',
  cityStaff: (count: number) => `${count} city staff`,
  you: ' (you)',
  placeForAttendees: 'Shown to the attendees only.',
  noPlace: 'Not decided yet',
  minutes: 'Minutes',
  minutesNotYet: 'No minutes yet.',
  minutesNotShared: 'The minutes have not been shared with the proposer.',
  minutesShared: 'Shared with the proposer.',

  scheduleHeading: 'Arrange a meeting',
  scheduleLead:
    'The attendees are told the date and time by email. Only they see the place and link, on this page.',
  date: 'Date',
  dateHint: 'For example, 2026-12-10',
  time: 'Start time',
  timeHint: 'For example, 14:00 (24-hour clock)',
  purposeHint: 'Optional. What the meeting should settle.',
  placeHint: 'Optional. A room or an address.',
  onlineUrlHint: 'Optional. An address starting with https://.',
  attendeesLegend: 'Attendees with an account',
  attendeesHint: 'Members of the proposer’s organisation and the staff working on this proposal.',
  otherAttendeesHint: 'Optional. Names and affiliations of attendees without an account.',
  attendeeSideProposer: 'Proposer',
  attendeeSideCity: 'Staff',
  scheduleSend: 'Arrange the meeting',
  scheduled: 'The meeting has been arranged and the attendees told.',

  minutesHeading: (when: string) => `Minutes of the meeting on ${when}`,
  minutesShare: 'Share with the proposer',
  minutesShareHint:
    'Shared minutes appear on the proposer’s page, and the proposer is told by email.',
  minutesSend: 'Save the minutes',
  minutesSaved: 'The minutes have been saved.',

  nowHeading: 'Where your proposal stands',
  holderLabel: 'Who acts next',
  holders: {
    proposer: 'You (the proposer)',
    gate: 'The Co-Creation Gate',
    leadDepartment: 'The responsible department',
    leadApprover: 'The responsible department’s manager',
    headquarters: 'The headquarters meeting',
    none: 'Nobody: the process has ended',
  },
  nextHeading: 'What happens next',
  next: {
    draft:
      'Not submitted yet. Fill in every part, confirm the conditions, then submit the proposal.',
    submitted:
      'You have a receipt number. The gate will check the proposal against the conditions and email you the result. You can send a message with questions meanwhile.',
    screening:
      'The gate is checking the proposal against the conditions. If it needs more information, it will send you questions.',
    infoRequested:
      'The gate has sent you questions. Answer them below, under “Answer the request and resubmit”. The proposal is then resubmitted with the same receipt number.',
    notAccepted:
      'The proposal does not meet the conditions, so it could not be accepted. The reason is under “What the city says” below.',
    referred:
      'The responsible department was clear, so the proposal went straight to it. The department will contact you by message or to arrange a meeting.',
    review:
      'A responsible department has been chosen and is studying the proposal. It may contact you by message or to arrange a meeting.',
    dialogue:
      'You and the department are shaping the project together. Use messages and meetings to work it out.',
    decision:
      'The department’s manager is deciding whether to go ahead. You will be told the decision and the reason.',
    escalated:
      'The headquarters meeting will decide. You will be told the decision and the reason.',
    notAdopted: 'The city decided not to go ahead. The reason is under “What the city says” below.',
    adopted:
      'The city decided to go ahead. The department will choose who carries out the project, in a fair way.',
    selection:
      'The department is choosing who carries out the project, in a fair way. You will be told the result.',
    agreement:
      'The roles and responsibilities are being set down in an agreement or contract. The department will contact you.',
    implementation: 'The project is running. Talk to the department about how it is going.',
    verification:
      'The department and the implementer are reviewing the project’s effects together.',
    completed: 'The review of the project’s effects is complete. Thank you for your partnership.',
    withdrawn: 'You withdrew the proposal. If you wish, you can submit a new proposal at any time.',
  },
  reasonsHeading: 'What the city says',
  reasonsLead: 'The reasons given for decisions and requests.',
  reasonsTable: 'Reasons for decisions and requests, oldest first',
  reasonFor: {
    infoRequested: 'Request for information',
    notAccepted: 'Why it was not accepted',
    notAdopted: 'Why it was not adopted',
    adopted: 'Why it was adopted',
    escalated: 'Why it went to the headquarters meeting',
    withdrawn: 'Why it was withdrawn',
  },
  reasonAt: 'When',
  reasonKind: 'What',
  reasonText: 'Explanation',
};
